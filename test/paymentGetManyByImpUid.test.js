'use strict';
/**
 * Payment → Get Many through n8n's real engine against the simulator, for the imp_uids of all
 * input items: 100 per request, found and missing paired with their items, refused and lost
 * batches, bad ids.
 */
const { freshWorldPerTest, ids, outcomes } = require('./helpers/setup');
const { paymentGetManyByIds, quickRetries } = require('./helpers/parameters');

const world = freshWorldPerTest();

/** The multi-id look-ups of a run, with the ids each asked for. */
const idRequests = () =>
	world.simulator.requests('GET', '/payments').filter((e) => e.rawPath === '/payments');
/** Read from the raw URL: requests answered by an injected fault never reach the simulator's parser. */
const askedIds = (entry) =>
	new URLSearchParams(entry.rawUrl.split('?')[1] ?? '').getAll('imp_uid[]');

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
