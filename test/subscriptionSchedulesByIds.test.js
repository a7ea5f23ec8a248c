'use strict';
/**
 * Subscription → Get Schedules through n8n's real engine against the simulator's schedules
 * (test/simulator/schedules.js): by merchant_uid and by customer_uid, with every page and Limit.
 * In a time window: subscriptionSchedulesInWindow.test.js.
 */
const { freshWorldPerTest, outcomes } = require('./helpers/setup');
const { scheduleGet, schedulesOfCustomer } = require('./helpers/parameters');
const { DAY_S, iso, mids, scheduleTools } = require('./helpers/getSchedules');

const world = freshWorldPerTest();
const { now, listings } = scheduleTools(world);

describe('by merchant_uid', () => {
	test('one item per input item: found with the schedule as sent, not_found (404) on Failure', async () => {
		const input = [
			{ merchant_uid: 'sch_0001_m3' },
			{ merchant_uid: 'nope' },
			{ merchant_uid: 'sch_0002_m1' },
		];
		const { success, failure } = await world.engine.run(input, scheduleGet());
		expect(success.map((i) => [i.json.merchant_uid, i.json.outcome, i.pairedItem.item])).toEqual([
			['sch_0001_m3', 'found', 0],
			['sch_0002_m1', 'found', 2],
		]);
		expect(success[0].json.response).toEqual(world.simulator.subscribe.getSchedule('sch_0001_m3'));
		expect(success[1].json.response).toMatchObject({
			schedule_status: 'executed',
			payment_status: 'failed',
		});
		expect(failure.map((i) => [i.json.outcome, i.json.http_status, i.pairedItem.item])).toEqual([
			['not_found', 404, 1],
		]);
	});

	test('an odd merchant_uid is one encoded segment', async () => {
		world.simulator.subscribe.addSchedule({
			customer_uid: 'cust_card_0001',
			merchant_uid: 'a/b?c#d %',
			schedule_at: now() + DAY_S,
			amount: 1000,
		});
		const { success } = await world.engine.run([{ merchant_uid: 'a/b?c#d %' }], scheduleGet());
		expect(outcomes(success)).toEqual(['found']);
		const paths = world.simulator.requests('GET', '/subscribe').map((e) => e.rawUrl);
		expect(paths).toEqual(['/subscribe/payments/schedule/a%2Fb%3Fc%23d%20%25']);
	});
});

describe('by customer_uid', () => {
	test('every schedule of the window, one item each, paired with the input item; to is sent exclusive', async () => {
		const from = now() - 70 * DAY_S;
		const to = now() + 10 * DAY_S;
		const { success, failure } = await world.engine.run(
			[{ customer_uid: 'cust_card_0002' }, { customer_uid: 'cust_card_0001' }],
			schedulesOfCustomer({ scheduleFrom: iso(from), scheduleTo: iso(to), returnAll: true }),
		);
		expect(failure).toEqual([]);
		expect(success.map((i) => [i.json.merchant_uid, i.pairedItem.item])).toEqual([
			['sch_0002_m2', 0],
			['sch_0002_m1', 0],
			['sch_0001_m3', 1],
			['sch_0001_m0', 1],
			['sch_0001_m2', 1],
			['sch_0001_m1', 1],
		]);
		expect(success[0].json).toMatchObject({ customer_uid: 'cust_card_0002', outcome: 'found' });
		expect(listings('/subscribe/payments/schedule/customers/')).toEqual([
			{ from: String(from), to: String(to + 1), page: '1' },
			{ from: String(from), to: String(to + 1), page: '1' },
		]);
	});

	test('the status filter goes as schedule-status; empty From is now, empty To 90 days later: one call', async () => {
		const { success } = await world.engine.run(
			[{ customer_uid: 'cust_card_0001' }],
			schedulesOfCustomer({ scheduleStatus: 'scheduled', returnAll: true }),
		);
		expect(mids(success)).toEqual(['sch_0001_m4', 'sch_0001_m3']);
		const [query] = listings('/subscribe/payments/schedule/customers/');
		expect(query['schedule-status']).toBe('scheduled');
		expect(Number(query.to) - Number(query.from)).toBe(90 * DAY_S);
		expect(Math.abs(Number(query.from) - now())).toBeLessThanOrEqual(5);
	});

	test('every page (the simulator pages by 20), a Limit stops early', async () => {
		for (let n = 0; n < 45; n++) {
			world.simulator.subscribe.addSchedule({
				customer_uid: 'cust_nosched_0003',
				merchant_uid: `sch_bulk_${String(n).padStart(2, '0')}`,
				schedule_at: now() + (n + 1) * 3600,
				amount: 1000,
			});
		}
		const all = await world.engine.run(
			[{ customer_uid: 'cust_nosched_0003' }],
			schedulesOfCustomer({ returnAll: true }),
		);
		expect(all.success).toHaveLength(45);
		expect(new Set(mids(all.success)).size).toBe(45);
		expect(listings('/subscribe/payments/schedule/customers/').map((q) => q.page)).toEqual([
			'1',
			'2',
			'3',
		]);
		world.simulator.log.length = 0;
		const some = await world.engine.run(
			[{ customer_uid: 'cust_nosched_0003' }],
			schedulesOfCustomer({ limit: 25 }),
		);
		expect(some.success).toHaveLength(25);
		expect(listings('/subscribe/payments/schedule/customers/').map((q) => q.page)).toEqual([
			'1',
			'2',
		]);
	});

	test('a customer without schedules gives no items; an odd customer_uid is one encoded segment', async () => {
		const { outputs } = await world.engine.run(
			[{ customer_uid: 'cust_nosched_0003' }, { customer_uid: '../customers/x?y' }],
			schedulesOfCustomer({ splitOutputs: false }),
		);
		expect(outputs[0]).toEqual([]);
		expect(world.simulator.requests('GET', '/subscribe').map((e) => e.rawPath)).toEqual([
			'/subscribe/payments/schedule/customers/cust_nosched_0003',
			'/subscribe/payments/schedule/customers/..%2Fcustomers%2Fx%3Fy',
		]);
	});
});
