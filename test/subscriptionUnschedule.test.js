'use strict';
/**
 * Subscription → Unschedule through n8n's real engine against the simulator's /subscribe family
 * (test/simulator/subscribe.js, schedules.js): what is looked up, sent and withdrawn. Refused
 * input and odd ids: subscriptionUnscheduleInput.test.js. Lost answers on the POST are in
 * subscriptionFaults.test.js.
 */
const { freshWorldPerTest, outcomes } = require('./helpers/setup');
const { unschedule } = require('./helpers/parameters');
const { unscheduleTools, mids } = require('./helpers/unschedule');

const world = freshWorldPerTest();
const { status, revoked, posts } = unscheduleTools(world);

describe('Unschedule', () => {
	test('all of a customer: looked up, then one POST with the customer_uid; what was withdrawn, its count and sum', async () => {
		const { success, failure } = await world.engine.run(
			[{ customer_uid: 'cust_card_0001' }],
			unschedule(),
		);
		expect(failure).toEqual([]);
		expect(outcomes(success)).toEqual(['unscheduled']);
		const { json, pairedItem } = success[0];
		expect(pairedItem).toEqual({ item: 0 });
		expect(json).toMatchObject({
			customer_uid: 'cust_card_0001',
			merchant_uids: null,
			count: 2,
			total_amount: 19800,
			currency: 'KRW',
			code: 0,
			http_status: 200,
		});
		expect(mids(json.schedules).sort()).toEqual(['sch_0001_m3', 'sch_0001_m4']);
		expect(json.schedules.every((s) => s.schedule_status === 'revoked')).toBe(true);
		expect(json.looked_up.from < json.looked_up.to).toBe(true);
		expect(posts().map((e) => JSON.parse(e.rawBody))).toEqual([{ customer_uid: 'cust_card_0001' }]);
		expect(['sch_0001_m3', 'sch_0001_m4'].map(status)).toEqual(['revoked', 'revoked']);
		expect(status('sch_0001_m1')).toBe('executed');
		expect(revoked()).toBe(2);
	});

	test('the same sheet again: nothing_scheduled on Success, nothing more withdrawn', async () => {
		const sheet = [{ customer_uid: 'cust_card_0001' }, { customer_uid: 'cust_card_0002' }];
		const first = await world.engine.run(sheet, unschedule());
		expect(outcomes(first.success)).toEqual(['unscheduled', 'unscheduled']);
		const again = await world.engine.run(sheet, unschedule());
		expect(again.failure).toEqual([]);
		expect(outcomes(again.success)).toEqual(['nothing_scheduled', 'nothing_scheduled']);
		expect(again.success[0].json).toMatchObject({ schedules: [], count: 0, total_amount: 0 });
		expect(revoked()).toBe(3);
	});

	test('only the named merchant_uids still scheduled are sent; executed ones are skipped and left alone', async () => {
		const { success } = await world.engine.run(
			[{ customer_uid: 'cust_card_0001', merchant_uids: 'sch_0001_m3, sch_0001_m1' }],
			unschedule(),
		);
		expect(outcomes(success)).toEqual(['unscheduled']);
		expect(success[0].json).toMatchObject({
			merchant_uids: ['sch_0001_m3', 'sch_0001_m1'],
			count: 1,
			total_amount: 9900,
			skipped: [{ merchant_uid: 'sch_0001_m1', schedule_status: 'executed' }],
			looked_up: null,
		});
		expect(mids(success[0].json.schedules)).toEqual(['sch_0001_m3']);
		expect(posts().map((e) => JSON.parse(e.rawBody))).toEqual([
			{ customer_uid: 'cust_card_0001', merchant_uid: ['sch_0001_m3'] },
		]);
		expect(world.simulator.requests('GET', '/subscribe').map((e) => e.rawPath)).toEqual([
			'/subscribe/payments/schedule/sch_0001_m3',
			'/subscribe/payments/schedule/sch_0001_m1',
		]);
		expect(status('sch_0001_m4')).toBe('scheduled');
	});

	test('named ones none of which is scheduled, or a customer with nothing: nothing_scheduled', async () => {
		const { outputs } = await world.engine.run(
			[
				{ customer_uid: 'cust_card_0001', merchant_uids: ['sch_0001_m0', 'sch_0001_m1'] },
				{ customer_uid: 'cust_nosched_0003' },
			],
			unschedule({ splitOutputs: false }),
		);
		expect(outputs[0].map((i) => [i.json.outcome, i.pairedItem.item])).toEqual([
			['nothing_scheduled', 0],
			['nothing_scheduled', 1],
		]);
		expect(outputs[0][0].json.skipped).toEqual([
			{ merchant_uid: 'sch_0001_m0', schedule_status: 'revoked' },
			{ merchant_uid: 'sch_0001_m1', schedule_status: 'executed' },
		]);
		// the named ones are known not scheduled: no POST; for "all", i'mport is asked (it sees beyond Look Ahead)
		expect(posts().map((e) => JSON.parse(e.rawBody))).toEqual([
			{ customer_uid: 'cust_nosched_0003' },
		]);
		expect(outputs[0][1].json.message).toBe('취소할 예약결제 기록이 존재하지 않습니다.');
		expect(revoked()).toBe(0);
	});

	test("an unknown merchant_uid, or another customer's, refuses the item: nothing sent", async () => {
		const { failure } = await world.engine.run(
			[
				{ customer_uid: 'cust_card_0001', merchant_uids: 'sch_0001_m3,sch_nope' },
				{ customer_uid: 'cust_card_0001', merchant_uids: 'sch_0001_m3\nsch_0002_m2' },
			],
			unschedule(),
		);
		expect(failure.map((i) => [i.json.outcome, i.pairedItem.item])).toEqual([
			['schedule_not_found', 0],
			['customer_mismatch', 1],
		]);
		expect(failure[0].json.missing).toEqual(['sch_nope']);
		expect(failure[1].json.other_customer).toEqual([
			{ merchant_uid: 'sch_0002_m2', customer_uid: 'cust_card_0002' },
		]);
		expect(posts()).toHaveLength(0);
		expect(revoked()).toBe(0);
	});

	test('Dry Run lists what would be withdrawn and changes nothing', async () => {
		const { success } = await world.engine.run(
			[
				{ customer_uid: 'cust_card_0001' },
				{ customer_uid: 'cust_card_0002', merchant_uids: 'sch_0002_m2' },
				{ customer_uid: 'cust_nosched_0003' },
			],
			unschedule({ dryRun: true }),
		);
		expect(outcomes(success)).toEqual([
			'would_unschedule',
			'would_unschedule',
			'nothing_scheduled',
		]);
		expect(mids(success[0].json.schedules).sort()).toEqual(['sch_0001_m3', 'sch_0001_m4']);
		expect(success[0].json).toMatchObject({ count: 2, total_amount: 19800 });
		expect(success[1].json).toMatchObject({ count: 1, total_amount: 29000 });
		expect(world.simulator.changes.list()).toEqual([]);
		expect(
			world.simulator.log.every((e) => e.method === 'GET' || e.rawPath === '/users/getToken'),
		).toBe(true);
	});

	test('two rows of one customer in a sheet run one after the other: unscheduled, then nothing_scheduled', async () => {
		const { success } = await world.engine.run(
			[
				{ customer_uid: 'cust_card_0001', merchant_uids: 'sch_0001_m3' },
				{ customer_uid: 'cust_card_0001' },
				{ customer_uid: 'cust_card_0001' },
			],
			unschedule({ options: { concurrency: 5 } }),
		);
		expect(outcomes(success)).toEqual(['unscheduled', 'unscheduled', 'nothing_scheduled']);
		expect(mids(success[1].json.schedules)).toEqual(['sch_0001_m4']);
		expect(revoked()).toBe(2);
	});

	test('Look Ahead bounds the look-up, not the unschedule: a schedule beyond it is withdrawn too', async () => {
		const far = world.simulator.clock.now() + 500 * 24 * 3600;
		world.simulator.subscribe.addSchedule({
			customer_uid: 'cust_nosched_0003',
			merchant_uid: 'sch_far_1',
			schedule_at: far,
			amount: 5000,
		});
		const dry = await world.engine.run(
			[{ customer_uid: 'cust_nosched_0003' }],
			unschedule({ dryRun: true, unscheduleFields: { lookAheadDays: 30 } }),
		);
		expect(outcomes(dry.success)).toEqual(['nothing_scheduled']);
		const real = await world.engine.run(
			[{ customer_uid: 'cust_nosched_0003' }],
			unschedule({ unscheduleFields: { lookAheadDays: 30 } }),
		);
		expect(outcomes(real.success)).toEqual(['unscheduled']);
		expect(mids(real.success[0].json.schedules)).toEqual(['sch_far_1']);
		expect(status('sch_far_1')).toBe('revoked');
		const slices = world.simulator.requests('GET', '/subscribe/payments/schedule/customers/');
		expect(slices.length).toBe(2); // 31 days: one slice per run
	});
});
