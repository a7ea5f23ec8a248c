'use strict';
/**
 * Payment → Get Many through n8n's real engine against the simulator: (a) the imp_uids of all
 * input items, 100 per request; (b) by status and time window, in 90-day slices, following `next`.
 */
const { freshWorldPerTest, ids, outcomes, expectNoSecrets } = require('./helpers/setup');
const {
	paymentGetManyByIds,
	paymentGetManyByStatus,
	quickRetries,
} = require('./helpers/parameters');

const DAY_S = 24 * 60 * 60;

const world = freshWorldPerTest();

/** The multi-id look-ups of a run, with the ids each asked for. */
const idRequests = () =>
	world.simulator.requests('GET', '/payments').filter((e) => e.rawPath === '/payments');
/** Read from the raw URL: requests answered by an injected fault never reach the simulator's parser. */
const askedIds = (entry) =>
	new URLSearchParams(entry.rawUrl.split('?')[1] ?? '').getAll('imp_uid[]');
const statusRequests = () => world.simulator.requests('GET', '/payments/status/');
const iso = (unixSeconds) => new Date(unixSeconds * 1000).toISOString();
/** Simulated now (the seeded payments sit on the simulator's clock). */
const now = () => world.simulator.clock.now();

describe('Payment: Get Many for the imp_uids of the input items', () => {
	test('one request for all items; found on Success, missing (207) on Failure, one output per item, paired, in input order', async () => {
		const input = [
			'imp_pay_card_0001',
			'imp_nope',
			'imp_pay_card_0002',
			'imp_pay_sandbox_0001',
			'imp_pay_card_0001',
		].map((imp_uid) => ({ imp_uid }));
		const { success, failure, error } = await world.engine.run(input, paymentGetManyByIds());
		expect(error).toBeUndefined();
		expect(ids(success)).toEqual(['imp_pay_card_0001', 'imp_pay_card_0002', 'imp_pay_card_0001']);
		expect(outcomes(success)).toEqual(['found', 'found', 'found']);
		expect(success.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }, { item: 4 }]);
		expect(success[0].json.response).toEqual(world.simulator.payments.get('imp_pay_card_0001'));
		expect(success[1].json).toMatchObject({
			code: 0,
			http_status: 207,
			response: { imp_uid: 'imp_pay_card_0002', amount: 50000 },
		});
		expect(ids(failure)).toEqual(['imp_nope', 'imp_pay_sandbox_0001']);
		expect(outcomes(failure)).toEqual(['not_found', 'not_found']);
		expect(failure.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
		expect(failure[0].json).toMatchObject({ response: null, http_status: 207 });
		// Each distinct id once, in the order the items name them, brackets encoded.
		const [request] = idRequests();
		expect(idRequests()).toHaveLength(1);
		expect(askedIds(request)).toEqual([
			'imp_pay_card_0001',
			'imp_nope',
			'imp_pay_card_0002',
			'imp_pay_sandbox_0001',
		]);
		expect(request.rawUrl).toBe(
			'/payments?imp_uid%5B%5D=imp_pay_card_0001&imp_uid%5B%5D=imp_nope&imp_uid%5B%5D=imp_pay_card_0002&imp_uid%5B%5D=imp_pay_sandbox_0001',
		);
	});

	test('Include Sandbox Payments finds test-channel payments too', async () => {
		const input = ['imp_pay_sandbox_0001', 'imp_pay_card_0001'].map((imp_uid) => ({ imp_uid }));
		const { success, failure } = await world.engine.run(
			input,
			paymentGetManyByIds({ includeSandbox: true }),
		);
		expect(failure).toHaveLength(0);
		expect(ids(success)).toEqual(['imp_pay_sandbox_0001', 'imp_pay_card_0001']);
		expect(success[0].json.response.sandbox).toBe(true);
		expect(idRequests()[0].query.include_sandbox).toBe('true');
		expect(success[0].json.http_status).toBe(200);
	});

	test("none found (HTTP 404): every item is not_found on Failure, with i'mport's answer", async () => {
		const input = ['imp_nope_1', 'imp_nope_2'].map((imp_uid) => ({ imp_uid }));
		const { success, failure } = await world.engine.run(input, paymentGetManyByIds());
		expect(success).toHaveLength(0);
		expect(ids(failure)).toEqual(['imp_nope_1', 'imp_nope_2']);
		expect(outcomes(failure)).toEqual(['not_found', 'not_found']);
		expect(failure[0].json).toMatchObject({ code: -1, http_status: 404, response: null });
		expect(idRequests()).toHaveLength(1);
	});

	test('250 ids make 3 requests (100, 100, 50), in input order; 250 outputs in input order', async () => {
		const seeded = world.simulator.payments.addMany(240, { prefix: 'imp_many_' });
		const wanted = [
			...seeded.slice(0, 120),
			'imp_gone_1',
			...seeded.slice(120),
			...Array.from({ length: 9 }, (_, n) => `imp_gone_${n + 2}`),
		];
		expect(wanted).toHaveLength(250);
		const { success, failure } = await world.engine.run(
			wanted.map((imp_uid) => ({ imp_uid })),
			paymentGetManyByIds(),
		);
		const requests = idRequests();
		expect(requests.map((e) => askedIds(e).length)).toEqual([100, 100, 50]);
		expect(requests.flatMap(askedIds)).toEqual(wanted);
		expect(requests.map((e) => e.status)).toEqual([200, 207, 207]);
		expect(ids(success)).toEqual(seeded);
		expect(ids(failure)).toEqual(wanted.filter((id) => id.startsWith('imp_gone_')));
		const paired = [...success, ...failure].map((i) => i.pairedItem.item).sort((a, b) => a - b);
		expect(paired).toEqual(wanted.map((_, n) => n));
		for (const item of [...success, ...failure])
			expect(item.json.imp_uid).toBe(wanted[item.pairedItem.item]);
	});

	test('a refused batch (HTTP 400) gives each of its items that outcome; the other batches are unaffected', async () => {
		const seeded = world.simulator.payments.addMany(150, { prefix: 'imp_batch_' });
		world.simulator.faults.add({
			action: 'status',
			status: 400,
			body: { code: 1, message: '요청 파라메터가 올바르지 않습니다.', response: null },
			when: (entry) => entry.rawPath === '/payments' && entry.rawUrl.includes('imp_batch_000100'),
		});
		const { success, failure } = await world.engine.run(
			seeded.map((imp_uid) => ({ imp_uid })),
			paymentGetManyByIds(),
		);
		expect(ids(success)).toEqual(seeded.slice(0, 100));
		expect(ids(failure)).toEqual(seeded.slice(100));
		expect(new Set(outcomes(failure))).toEqual(new Set(['invalid_request']));
		expect(failure[0].json).toMatchObject({
			code: 1,
			message: '요청 파라메터가 올바르지 않습니다.',
			http_status: 400,
		});
	});

	test('a batch that gets no answer: an error for each of its items (with Continue), or the run stops (without)', async () => {
		const seeded = world.simulator.payments.addMany(120, { prefix: 'imp_lost_' });
		const input = seeded.map((imp_uid) => ({ imp_uid }));
		world.simulator.faults.add({
			action: 'status',
			status: 502,
			times: Infinity,
			when: (e) => e.rawPath === '/payments' && e.rawUrl.includes('imp_lost_000100'),
		});
		const continued = await world.engine.run(
			input,
			paymentGetManyByIds({ options: quickRetries({ retries: 1 }) }),
			{ onError: 'continueRegularOutput' },
		);
		expect(ids(continued.success)).toEqual(seeded.slice(0, 100));
		expect(continued.failure).toHaveLength(20);
		expect(continued.failure.map((i) => i.pairedItem.item)).toEqual(
			seeded.slice(100).map((_, n) => 100 + n),
		);
		expect(continued.failure[0].json).toMatchObject({
			imp_uid: 'imp_lost_000100',
			outcome: 'error',
			error: "i'mport answered HTTP 502: simulated HTTP 502",
		});
		expect(continued.failure[0].json.description).toMatch(/looked up in one request with 19 other/);
		// one request for the first batch, two attempts (a retry) for the second
		expect(idRequests().map((e) => askedIds(e).length)).toEqual([100, 20, 20]);

		world.simulator.log.length = 0;
		const stopped = await world.engine.run(
			input,
			paymentGetManyByIds({ options: quickRetries({ retries: 0 }) }),
		);
		expect(stopped.error.message).toBe("i'mport answered HTTP 502: simulated HTTP 502");
		expect(stopped.result.data.resultData.runData["I'mport"][0].error.context.itemIndex).toBe(100);
	});

	test('a 207 with a non-zero code, or with entries that are not payments, still pairs what it found', async () => {
		const card = world.simulator.payments.get('imp_pay_card_0001');
		world.simulator.faults.add({
			action: 'status',
			status: 207,
			body: {
				code: 1,
				message: '일부 결제건을 찾지 못했습니다.',
				response: [null, card, 'imp_pay_card_0002'],
			},
			when: (e) => e.rawPath === '/payments',
		});
		const input = ['imp_pay_card_0002', 'imp_pay_card_0001'].map((imp_uid) => ({ imp_uid }));
		const { success, failure } = await world.engine.run(input, paymentGetManyByIds());
		expect(
			success.map((i) => [
				i.json.imp_uid,
				i.json.outcome,
				i.json.response.amount,
				i.pairedItem.item,
			]),
		).toEqual([['imp_pay_card_0001', 'found', 10000, 1]]);
		expect(
			failure.map((i) => [i.json.imp_uid, i.json.outcome, i.json.message, i.pairedItem.item]),
		).toEqual([['imp_pay_card_0002', 'not_found', '일부 결제건을 찾지 못했습니다.', 0]]);
	});

	test.each([
		[{ imp_uid: '' }, /imp_uid is empty/],
		[{ imp_uid: '..' }, /imp_uid "\.\." is not a valid id/],
		[{ imp_uid: null }, /imp_uid must be text/],
	])('a bad id %j refuses the run before anything is sent', async (bad, message) => {
		const { error } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0001' }, bad],
			paymentGetManyByIds(),
		);
		expect(error.message).toMatch(message);
		expect(world.simulator.log).toHaveLength(0);
	});

	test('ids with query characters are sent encoded, each one value', async () => {
		const input = ['a&imp_uid[]=imp_pay_card_0001', 'b=c#d', 'e/f'].map((imp_uid) => ({ imp_uid }));
		const { success, failure } = await world.engine.run(input, paymentGetManyByIds());
		expect(success).toHaveLength(0);
		expect(ids(failure)).toEqual(input.map((i) => i.imp_uid));
		expect(askedIds(idRequests()[0])).toEqual(input.map((i) => i.imp_uid));
	});
});

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

test('Get Many: neither the API secret nor any token appears in outputs, errors or logs', async () => {
	const byIds = await world.engine.run(
		['imp_pay_card_0001', 'imp_nope'].map((imp_uid) => ({ imp_uid })),
		paymentGetManyByIds(),
	);
	const byStatus = await world.engine.run([{}], paymentGetManyByStatus({ returnAll: true }));
	world.simulator.faults.add({ action: 'status', status: 502, path: '/payments', times: Infinity });
	const failed = await world.engine.run(
		[{}],
		paymentGetManyByStatus({ options: quickRetries({ retries: 0 }) }),
		{ onError: 'continueRegularOutput' },
	);
	expect(failed.failure[0].json.outcome).toBe('error');
	expectNoSecrets(world.simulator, byIds, byStatus, failed);
});
