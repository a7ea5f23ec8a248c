'use strict';
/**
 * Subscription → Get Schedules in a time window through n8n's real engine against the simulator's
 * schedules (test/simulator/schedules.js): the 90-day slices, every page, the spec's two page
 * shapes, Limit, and a refused page.
 */
const { freshWorldPerTest } = require('./helpers/setup');
const { schedulesInWindow } = require('./helpers/parameters');
const { DAY_S, iso, mids, scheduleTools } = require('./helpers/getSchedules');

const world = freshWorldPerTest();
const { now, listings } = scheduleTools(world);

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
