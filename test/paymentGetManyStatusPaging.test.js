'use strict';
/**
 * Payment → Get Many by status and time window through n8n's real engine against the simulator:
 * the 90-day default, longer windows read in 90-day slices, paging by `next`, Limit, sort orders.
 */
const { freshWorldPerTest, ids } = require('./helpers/setup');
const { paymentGetManyByStatus } = require('./helpers/parameters');
const { DAY_S, iso, statusReaders } = require('./helpers/paymentGetMany');

const world = freshWorldPerTest();
const { statusRequests, now } = statusReaders(world);

describe('Payment: Get Many by status and time window', () => {
	/** The seeded payments the simulator would list for status `paid` in [from, to] (tier-less, not sandbox). */
	const paidBetween = (from, to) =>
		world.simulator.payments
			.ids()
			.map((id) => world.simulator.payments.get(id))
			.filter(
				(p) =>
					p.status === 'paid' &&
					!p.sandbox &&
					!p.imp_uid.includes('tier') &&
					p.paid_at >= from &&
					p.paid_at <= to,
			);

	test('the last 90 days of paid payments by default, one output item per payment, newest started first', async () => {
		const { success, failure, error } = await world.engine.run(
			[{}],
			paymentGetManyByStatus({ listStatus: 'paid', returnAll: true }),
		);
		expect(error).toBeUndefined();
		expect(failure).toHaveLength(0);
		const expected = paidBetween(now() - 90 * DAY_S - 5, now() + 5).sort(
			(a, b) => b.started_at - a.started_at,
		);
		expect(ids(success)).toEqual(expected.map((p) => p.imp_uid));
		expect(ids(success)).not.toContain('imp_pay_old_0001');
		expect(ids(success)).not.toContain('imp_pay_sandbox_0001');
		expect(success[0].json).toEqual({
			imp_uid: expected[0].imp_uid,
			outcome: 'found',
			response: expected[0],
		});
		expect(success.every((i) => i.pairedItem.item === 0)).toBe(true);
		const [request] = statusRequests();
		expect(statusRequests()).toHaveLength(1);
		expect(request.rawPath).toBe('/payments/status/paid');
		expect(Number(request.query.to) - Number(request.query.from)).toBe(90 * DAY_S);
		expect(request.query).toMatchObject({ sorting: '-started', page: '1', limit: '1000' });
	});

	test('a window of 200 days is read in 3 slices of at most 90 days, newest first, with no gap or overlap', async () => {
		const to = now();
		const from = to - 200 * DAY_S;
		const { success } = await world.engine.run(
			[{}],
			paymentGetManyByStatus({ listStatus: 'paid', from: iso(from), to: iso(to), returnAll: true }),
		);
		const slices = statusRequests().map((e) => [Number(e.query.from), Number(e.query.to)]);
		expect(slices).toEqual([
			[from + 2 * (90 * DAY_S + 1), to],
			[from + 90 * DAY_S + 1, from + 2 * 90 * DAY_S + 1],
			[from, from + 90 * DAY_S],
		]);
		for (const [start, end] of slices) expect(end - start).toBeLessThanOrEqual(90 * DAY_S);
		expect(ids(success)).toContain('imp_pay_old_0001');
		expect(new Set(ids(success))).toEqual(new Set(paidBetween(from, to).map((p) => p.imp_uid)));
		// Ascending sorts read the oldest slice first.
		world.simulator.log.length = 0;
		await world.engine.run(
			[{}],
			paymentGetManyByStatus({
				listStatus: 'paid',
				from: iso(from),
				to: iso(to),
				returnAll: true,
				listSort: 'paid',
			}),
		);
		expect(statusRequests().map((e) => Number(e.query.from))).toEqual([
			from,
			from + 90 * DAY_S + 1,
			from + 2 * (90 * DAY_S + 1),
		]);
	});

	test('paging follows `next` until 0, whatever size the server gives pages (Return All)', async () => {
		world.simulator.payments.addMany(250, { prefix: 'imp_paged_', paid_at: now() - 3600 });
		const listed = paidBetween(now() - 90 * DAY_S, now()).length;
		expect(listed).toBeGreaterThan(250);
		const { success } = await world.engine.run(
			[{}],
			paymentGetManyByStatus({ listStatus: 'paid', returnAll: true }),
		);
		// The simulator answers at most 100 per page although 1000 were asked for.
		expect(
			statusRequests().map((e) => [
				e.query.page,
				e.query.limit,
				e.answer.response.list.length,
				e.answer.response.next,
			]),
		).toEqual([
			['1', '1000', 100, 2],
			['2', '1000', 100, 3],
			['3', '1000', listed - 200, 0],
		]);
		expect(success).toHaveLength(listed);
		expect(new Set(ids(success)).size).toBe(listed);
	});

	test('Limit stops reading once reached; the pages keep one size', async () => {
		world.simulator.payments.addMany(250, { prefix: 'imp_limited_', paid_at: now() - 3600 });
		const five = await world.engine.run(
			[{}],
			paymentGetManyByStatus({ listStatus: 'paid', limit: 5 }),
		);
		expect(five.success).toHaveLength(5);
		expect(statusRequests().map((e) => [e.query.page, e.query.limit])).toEqual([['1', '5']]);

		world.simulator.log.length = 0;
		const many = await world.engine.run(
			[{}],
			paymentGetManyByStatus({ listStatus: 'paid', limit: 150 }),
		);
		expect(many.success).toHaveLength(150);
		expect(statusRequests().map((e) => [e.query.page, e.query.limit])).toEqual([
			['1', '150'],
			['2', '150'],
		]);

		world.simulator.log.length = 0;
		const all = await world.engine.run(
			[{}],
			paymentGetManyByStatus({ listStatus: 'paid', returnAll: true }),
		);
		expect(all.success).toHaveLength(paidBetween(now() - 90 * DAY_S, now()).length);
		// The first 150 of Return All are the 150 of the Limit: same order.
		expect(ids(all.success).slice(0, 150)).toEqual(ids(many.success));
	});

	test('sort orders: oldest paid first is the reverse of newest paid first', async () => {
		const newest = await world.engine.run(
			[{}],
			paymentGetManyByStatus({ listStatus: 'paid', returnAll: true, listSort: '-paid' }),
		);
		const oldest = await world.engine.run(
			[{}],
			paymentGetManyByStatus({ listStatus: 'paid', returnAll: true, listSort: 'paid' }),
		);
		const paidAts = newest.success.map((i) => i.json.response.paid_at);
		expect(paidAts).toEqual([...paidAts].sort((a, b) => b - a));
		expect(ids(oldest.success)).toEqual(ids(newest.success).reverse());
		expect(statusRequests().map((e) => e.query.sorting)).toEqual(['-paid', 'paid']);
	});
});
