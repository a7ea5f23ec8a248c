'use strict';
/**
 * Subscription → Get Schedules through n8n's real engine against the simulator's schedules
 * (test/simulator/schedules.js): by merchant_uid, by customer_uid and in a time window, with the
 * 90-day slices, every page, the spec's two page shapes, Limit, and bad input refused.
 */
const { freshWorldPerTest, outcomes, expectNoSecrets } = require('./helpers/setup');
const { scheduleGet, schedulesOfCustomer, schedulesInWindow } = require('./helpers/parameters');

const world = freshWorldPerTest();
const DAY_S = 24 * 60 * 60;

const now = () => world.simulator.clock.now();
const iso = (unixSeconds) => new Date(unixSeconds * 1000).toISOString();
const mids = (items) => items.map((i) => i.json.merchant_uid);
const listings = (prefix) =>
	world.simulator.log
		.filter((e) => e.method === 'GET' && e.rawPath.startsWith(prefix))
		.map((e) => Object.fromEntries(new URLSearchParams(e.rawUrl.split('?')[1] ?? '')));
const changes = () => world.simulator.changes.list().length;

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

describe('in a time window', () => {
	test('a 200-day window is read in 90-day slices that neither overlap nor leave a gap, newest first', async () => {
		const from = now() - 120 * DAY_S;
		const to = now() + 80 * DAY_S;
		const { success } = await world.engine.run(
			[{}],
			schedulesInWindow({ scheduleFrom: iso(from), scheduleTo: iso(to), returnAll: true }),
		);
		expect(mids(success)).toEqual([
			'sch_0001_m4',
			'sch_0002_m2',
			'sch_0001_m3',
			'sch_0002_m1',
			'sch_0001_m0',
			'sch_0001_m2',
			'sch_0001_m1',
		]);
		const slices = listings('/subscribe/payments/schedule').map((q) => [
			Number(q.schedule_from),
			Number(q.schedule_to),
		]);
		expect(slices).toEqual([
			[from + 180 * DAY_S, to + 1],
			[from + 90 * DAY_S, from + 180 * DAY_S],
			[from, from + 90 * DAY_S],
		]);
		for (const query of listings('/subscribe/payments/schedule')) {
			expect(query.limit).toBe('1000');
			expect(query.sorting).toBeUndefined();
		}
	});

	test('Oldest First sends sorting=scheduled and reads the slices oldest first; status and Limit', async () => {
		const from = now() - 120 * DAY_S;
		const { success } = await world.engine.run(
			[{}],
			schedulesInWindow({
				scheduleFrom: iso(from),
				scheduleTo: iso(from + 200 * DAY_S),
				scheduleSort: 'oldest',
				scheduleStatus: 'executed',
				limit: 2,
			}),
		);
		expect(mids(success)).toEqual(['sch_0001_m1', 'sch_0001_m2']);
		const queries = listings('/subscribe/payments/schedule');
		expect(queries[0]).toMatchObject({
			sorting: 'scheduled',
			schedule_status: 'executed',
			limit: '2',
		});
		// m1 (60 days back) is the only one in the oldest slice; the Limit is reached in the next
		expect(queries.map((q) => Number(q.schedule_from))).toEqual([from, from + 90 * DAY_S]);
	});

	test('more than a page (1000): every page is read', async () => {
		for (let n = 0; n < 1005; n++) {
			world.simulator.subscribe.addSchedule({
				customer_uid: 'cust_nosched_0003',
				merchant_uid: `sch_many_${String(n).padStart(4, '0')}`,
				schedule_at: now() + 3600 + n,
				amount: 100,
			});
		}
		const { success } = await world.engine.run(
			[{}],
			schedulesInWindow({ scheduleStatus: 'scheduled', returnAll: true }),
		);
		expect(success.filter((i) => i.json.merchant_uid.startsWith('sch_many_'))).toHaveLength(1005);
		expect(listings('/subscribe/payments/schedule').map((q) => q.page)).toEqual(['1', '2']);
	});

	test("a page answered as the spec's plain array is the whole list", async () => {
		const list = [world.simulator.subscribe.getSchedule('sch_0001_m3')];
		world.simulator.faults.add({
			method: 'GET',
			path: '/subscribe/payments/schedule',
			action: 'status',
			status: 200,
			body: { code: 0, message: null, response: list },
		});
		const { success } = await world.engine.run([{}], schedulesInWindow({ returnAll: true }));
		expect(mids(success)).toEqual(['sch_0001_m3']);
		expect(listings('/subscribe/payments/schedule')).toHaveLength(1);
	});

	test('a refused page makes the item one Failure item (no partial list) saying which slice and page', async () => {
		const page = (n) => (e) =>
			e.rawPath === '/subscribe/payments/schedule' &&
			new RegExp(`[?&]page=${n}(&|$)`).test(e.rawUrl);
		const first = [world.simulator.subscribe.getSchedule('sch_0001_m3')];
		world.simulator.faults.add({
			when: page(1),
			action: 'status',
			status: 200,
			body: { code: 0, message: null, response: { total: 40, previous: 0, next: 2, list: first } },
		});
		world.simulator.faults.add({
			when: page(2),
			action: 'status',
			status: 400,
			body: { code: 1, message: '요청하신 page가 데이터 범위를 넘어섰습니다.', response: null },
		});
		const { success, failure } = await world.engine.run(
			[{}],
			schedulesInWindow({ returnAll: true, scheduleStatus: 'scheduled' }),
		);
		expect(success).toEqual([]);
		expect(failure).toHaveLength(1);
		expect(failure[0].pairedItem).toEqual({ item: 0 });
		expect(failure[0].json).toMatchObject({
			outcome: 'invalid_request',
			code: 1,
			http_status: 400,
			response: null,
			listing: { page: 2, status: 'scheduled' },
		});
		const { from, to } = failure[0].json.listing;
		expect(Date.parse(to) - Date.parse(from)).toBe((90 * DAY_S - 1) * 1000);
	});
});

describe('bad input is refused before anything is sent', () => {
	test.each([
		['an empty merchant_uid', scheduleGet(), { merchant_uid: '' }, /merchant_uid is empty/],
		['a dot-dot merchant_uid', scheduleGet(), { merchant_uid: '..' }, /is not a valid id/],
		['broken Unicode', schedulesOfCustomer(), { customer_uid: '\uDC00x' }, /broken Unicode/],
		[
			'an empty customer_uid',
			schedulesOfCustomer(),
			{ customer_uid: ' ' },
			/customer_uid is empty/,
		],
		[
			'From after To',
			schedulesInWindow({ scheduleFrom: '={{ $json.from }}', scheduleTo: '2026-01-01T00:00:00Z' }),
			{ from: '2026-02-01T00:00:00Z' },
			/From .* is after To/,
		],
		[
			'a window of more than 3650 days',
			schedulesInWindow({ scheduleFrom: '={{ $json.from }}', scheduleTo: '2035-06-01T00:00:00Z' }),
			{ from: '1990-01-01T00:00:00Z' },
			/longer than 3650 days/,
		],
		[
			'a date that does not exist',
			schedulesInWindow({ scheduleFrom: '={{ $json.from }}' }),
			{ from: '2026-02-30' },
			/is not a valid date/,
		],
		[
			'a status outside the spec',
			schedulesInWindow({ scheduleStatus: '={{ $json.status }}' }),
			{ status: 'paid' },
			/Schedule Status must be one of/,
		],
		[
			'a Limit of 0',
			schedulesInWindow({ limit: '={{ $json.limit }}' }),
			{ limit: 0 },
			/Limit must be/,
		],
	])('%s', async (_name, parameters, bad, message) => {
		const good = {
			merchant_uid: 'sch_0001_m3',
			customer_uid: 'cust_card_0001',
			limit: 5,
			from: '2025-12-01T00:00:00Z',
			status: 'scheduled',
		};
		const { error } = await world.engine.run([good, bad], parameters);
		expect(error.message).toMatch(message);
		expect(error.context.itemIndex).toBe(1);
		expect(error.description).toMatch(/nothing was sent for (it|this item)/i);
		expect(world.simulator.log).toHaveLength(0);
	});

	test('nothing here changes anything, and no secret shows', async () => {
		const run = await world.engine.run(
			[{ merchant_uid: 'sch_0001_m3', customer_uid: 'cust_card_0001' }],
			schedulesOfCustomer({ returnAll: true }),
		);
		expect(changes()).toBe(0);
		expect(
			world.simulator.log.every((e) => e.method === 'GET' || e.rawPath === '/users/getToken'),
		).toBe(true);
		expectNoSecrets(world.simulator, run.result, run.outputs);
	});
});
