'use strict';
/**
 * Payment → Get Many by status and time window through n8n's real engine against the simulator:
 * the statuses and sandbox payments, a window per input item, an empty window, a refused page, bad
 * input, and the forms From and To take.
 */
const { freshWorldPerTest, ids } = require('./helpers/setup');
const { paymentGetManyByStatus } = require('./helpers/parameters');
const { DAY_S, iso, statusReaders } = require('./helpers/paymentGetMany');

const world = freshWorldPerTest();
const { statusRequests, now } = statusReaders(world);

describe('Payment: Get Many by status and time window', () => {
	test('status all / cancelled / failed / ready, and sandbox payments only with Include Sandbox Payments', async () => {
		const run = async (listStatus, extra = {}) =>
			ids(
				(
					await world.engine.run(
						[{}],
						paymentGetManyByStatus({ listStatus, returnAll: true, ...extra }),
					)
				).success,
			);
		expect(await run('cancelled')).toEqual(
			expect.arrayContaining(['imp_pay_partial_0001', 'imp_pay_cancelled_0001']),
		);
		expect(await run('failed')).toEqual(['imp_pay_failed_0001']);
		expect(await run('ready')).toEqual(['imp_pay_vbank_ready_0001']);
		expect(await run('paid')).not.toContain('imp_pay_sandbox_0001');
		expect(await run('paid', { includeSandbox: true })).toContain('imp_pay_sandbox_0001');
		expect((await run('all')).length).toBeGreaterThan((await run('paid')).length);
		expect(statusRequests().map((e) => e.rawPath)).toContain('/payments/status/all');
	});

	test('once per input item, each with its own window; every payment is paired with the item that asked', async () => {
		const input = [
			{ from: iso(now() - 2 * DAY_S - 600), to: iso(now() - 2 * DAY_S + 600) }, // card_0002
			{ from: iso(now() - 1 * DAY_S - 600), to: iso(now() - 1 * DAY_S + 600) }, // card_0001
		];
		const { success } = await world.engine.run(
			input,
			paymentGetManyByStatus({
				listStatus: 'paid',
				from: '={{ $json.from }}',
				to: '={{ $json.to }}',
				returnAll: true,
			}),
		);
		expect(success.map((i) => [i.json.imp_uid, i.pairedItem.item])).toEqual([
			['imp_pay_card_0002', 0],
			['imp_pay_card_0001', 1],
		]);
		expect(statusRequests()).toHaveLength(2);
	});

	test('an empty window gives no items (n8n\'s "Always Output Data" setting makes one)', async () => {
		const { success, failure } = await world.engine.run(
			[{}],
			paymentGetManyByStatus({
				listStatus: 'paid',
				from: '2020-01-01T00:00:00Z',
				to: '2020-01-02T00:00:00Z',
			}),
		);
		expect(success).toHaveLength(0);
		expect(failure).toHaveLength(0);
		expect(statusRequests()).toHaveLength(1);
	});

	test("a page i'mport refuses makes one Failure item for the listing, and none of its payments", async () => {
		world.simulator.payments.addMany(150, { prefix: 'imp_refused_', paid_at: now() - 3600 });
		world.simulator.faults.add({
			action: 'status',
			status: 400,
			body: { code: 1, message: '요청하신 page가 데이터 범위를 넘어섰습니다.', response: null },
			when: (e) => e.rawPath === '/payments/status/paid' && e.rawUrl.includes('page=2'),
		});
		const { success, failure } = await world.engine.run(
			[{}],
			paymentGetManyByStatus({ listStatus: 'paid', returnAll: true }),
		);
		expect(success).toHaveLength(0);
		expect(failure).toHaveLength(1);
		expect(failure[0].pairedItem).toEqual({ item: 0 });
		expect(failure[0].json).toMatchObject({
			outcome: 'invalid_request',
			code: 1,
			message: '요청하신 page가 데이터 범위를 넘어섰습니다.',
			http_status: 400,
			listing: { status: 'paid', page: 2 },
		});
	});

	test.each([
		[
			{ from: '2026-03-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
			/From \(2026-03-01T00:00:00.000Z\) is after To \(2026-02-01T00:00:00.000Z\)/,
		],
		[{ from: '1970-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, /longer than 3650 days/],
		[{ from: 1767225600000 }, /From looks like milliseconds/],
		[{ to: 'yesterday' }, /To is not a date/],
		[{ from: '2026-02-30T00:00:00' }, /From is not a valid date/],
		[{ limit: 0 }, /Limit must be a whole number, 1 or more/],
		[{ limit: 2.5 }, /Limit must be a whole number, 1 or more/],
		[{ listStatus: '={{ "refunded" }}' }, /Payment Status must be one of/],
		[{ listSort: '={{ "amount" }}' }, /Sort must be one of/],
		[{ includeSandbox: '={{ "yes" }}' }, /Include Sandbox Payments must be true or false/],
	])('bad input %j is refused before anything is sent', async (extra, message) => {
		const { error } = await world.engine.run(
			[{}],
			paymentGetManyByStatus({ listStatus: 'paid', ...extra }),
		);
		expect(error.message).toMatch(message);
		expect(world.simulator.log).toHaveLength(0);
	});

	test('From and To take UNIX seconds and n8n expressions ($now) as well as ISO text', async () => {
		const to = now();
		await world.engine.run([{}], paymentGetManyByStatus({ from: to - DAY_S, to: '={{ $now }}' }));
		const [request] = statusRequests();
		expect(Number(request.query.from)).toBe(to - DAY_S);
		expect(Math.abs(Number(request.query.to) - Math.floor(Date.now() / 1000))).toBeLessThan(120);
	});
});
