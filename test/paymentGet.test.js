'use strict';
/** Payment → Get (by imp_uid, by merchant_uid, every attempt under a merchant_uid) through n8n's real engine against the simulator. */
const { freshWorldPerTest, ids, outcomes, expectNoSecrets } = require('./helpers/setup');
const { paymentGet } = require('./helpers/parameters');

const world = freshWorldPerTest();

/** The /payments requests of a run (the token request left out). */
const paymentRequests = () => world.simulator.requests('GET', '/payments');

describe('Payment: Get by imp_uid', () => {
	test("found payments go to Success exactly as i'mport sent them; unknown and hidden sandbox ones to Failure as not_found", async () => {
		const input = [
			'imp_pay_card_0001',
			'imp_nope',
			'imp_pay_partial_0001',
			'imp_pay_sandbox_0001',
		].map((imp_uid) => ({ imp_uid }));
		const { success, failure, error } = await world.engine.run(input, paymentGet());
		expect(error).toBeUndefined();
		expect(ids(success)).toEqual(['imp_pay_card_0001', 'imp_pay_partial_0001']);
		expect(outcomes(success)).toEqual(['found', 'found']);
		expect(success[0].json.response).toEqual(world.simulator.payments.get('imp_pay_card_0001'));
		expect(success[1].json).toMatchObject({
			code: 0,
			http_status: 200,
			response: { amount: 10000, cancel_amount: 1000 },
		});
		expect(ids(failure)).toEqual(['imp_nope', 'imp_pay_sandbox_0001']);
		expect(outcomes(failure)).toEqual(['not_found', 'not_found']);
		expect(failure[0].json).toMatchObject({
			code: -1,
			message: '존재하지 않는 결제정보입니다.',
			response: null,
			http_status: 404,
		});
		// Each output item is paired with the input item it answers.
		expect(success.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(failure.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
		expect(paymentRequests().map((e) => e.rawUrl)).toEqual([
			'/payments/imp_pay_card_0001',
			'/payments/imp_nope',
			'/payments/imp_pay_partial_0001',
			'/payments/imp_pay_sandbox_0001',
		]);
	});

	test('Include Sandbox Payments shows test-channel payments (include_sandbox=true)', async () => {
		const { success, failure } = await world.engine.run(
			[{ imp_uid: 'imp_pay_sandbox_0001' }],
			paymentGet({ includeSandbox: true }),
		);
		expect(failure).toHaveLength(0);
		expect(outcomes(success)).toEqual(['found']);
		expect(success[0].json.response).toMatchObject({
			imp_uid: 'imp_pay_sandbox_0001',
			sandbox: true,
		});
		expect(paymentRequests().map((e) => e.rawUrl)).toEqual([
			'/payments/imp_pay_sandbox_0001?include_sandbox=true',
		]);
	});

	test('an id with path characters is sent as one encoded segment', async () => {
		const { failure } = await world.engine.run(
			[{ imp_uid: '../receipts/imp_100000000001' }, { imp_uid: 'a/b?c#d %' }],
			paymentGet(),
		);
		expect(outcomes(failure)).toEqual(['not_found', 'not_found']);
		expect(paymentRequests().map((e) => e.rawUrl)).toEqual([
			'/payments/..%2Freceipts%2Fimp_100000000001',
			'/payments/a%2Fb%3Fc%23d%20%25',
		]);
		expect(world.simulator.requests(undefined, '/receipts')).toHaveLength(0);
	});

	test.each([
		[{ imp_uid: '' }, /imp_uid is empty/],
		[{ imp_uid: '   ' }, /imp_uid is empty/],
		[{ imp_uid: '..' }, /imp_uid "\.\." is not a valid id/],
		[{ imp_uid: '.' }, /imp_uid "\." is not a valid id/],
		[{ imp_uid: { id: 1 } }, /imp_uid must be text/],
	])('bad id %j is refused before anything is sent, for the whole run', async (bad, message) => {
		const { error } = await world.engine.run([{ imp_uid: 'imp_pay_card_0001' }, bad], paymentGet());
		expect(error.message).toMatch(message);
		expect(world.simulator.log).toHaveLength(0);
	});

	test('with On Error: Continue a bad id becomes an error item on Failure, the others are looked up', async () => {
		const { success, failure } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0001' }, { imp_uid: '' }],
			paymentGet(),
			{ onError: 'continueRegularOutput' },
		);
		expect(outcomes(success)).toEqual(['found']);
		expect(failure).toHaveLength(1);
		expect(failure[0].json).toMatchObject({ outcome: 'error', error: 'imp_uid is empty' });
		expect(failure[0].pairedItem).toEqual({ item: 1 });
		expect(paymentRequests()).toHaveLength(1);
	});
});

describe('Payment: Get by merchant_uid', () => {
	test('the first payment in the Sort order (default newest started); a status narrows it; unknown is not_found', async () => {
		const input = [{ merchant_uid: 'order_retry_0001' }, { merchant_uid: 'order_unknown' }];
		const { success, failure } = await world.engine.run(
			input,
			paymentGet({ lookUpBy: 'merchantUid', merchantUid: '={{ $json.merchant_uid }}' }),
		);
		expect(
			success.map((i) => [i.json.merchant_uid, i.json.outcome, i.json.response.imp_uid]),
		).toEqual([['order_retry_0001', 'found', 'imp_pay_retry_0001']]);
		expect(failure.map((i) => [i.json.merchant_uid, i.json.outcome, i.json.http_status])).toEqual([
			['order_unknown', 'not_found', 404],
		]);
		expect(paymentRequests().map((e) => e.rawUrl)).toEqual([
			'/payments/find/order_retry_0001?sorting=-started',
			'/payments/find/order_unknown?sorting=-started',
		]);

		world.simulator.log.length = 0;
		const failed = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001' }],
			paymentGet({
				lookUpBy: 'merchantUid',
				merchantUid: '={{ $json.merchant_uid }}',
				findStatus: 'failed',
			}),
		);
		expect(failed.success[0].json.response).toMatchObject({
			imp_uid: 'imp_pay_failed_0001',
			status: 'failed',
		});
		expect(paymentRequests().map((e) => e.rawUrl)).toEqual([
			'/payments/find/order_retry_0001/failed?sorting=-started',
		]);

		world.simulator.log.length = 0;
		const oldest = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001' }],
			paymentGet({
				lookUpBy: 'merchantUid',
				merchantUid: '={{ $json.merchant_uid }}',
				findSort: 'started',
			}),
		);
		expect(oldest.success[0].json.response.imp_uid).toBe('imp_pay_failed_0001');
	});

	test('all attempts: every page is read and the item carries { total, list }', async () => {
		world.simulator.payments.addMany(1500, {
			prefix: 'imp_attempt_',
			each: () => ({ merchant_uid: 'order_many_attempts' }),
		});
		const input = [
			{ merchant_uid: 'order_retry_0001' },
			{ merchant_uid: 'order_many_attempts' },
			{ merchant_uid: 'order_unknown' },
		];
		const { success, failure } = await world.engine.run(
			input,
			paymentGet({
				lookUpBy: 'merchantUidAll',
				merchantUid: '={{ $json.merchant_uid }}',
				options: { concurrency: 1 }, // one item after the other, so the requests come in input order
			}),
		);
		expect(
			success.map((i) => [
				i.json.merchant_uid,
				i.json.outcome,
				i.json.response.total,
				i.json.response.list.length,
			]),
		).toEqual([
			['order_retry_0001', 'found', 2, 2],
			['order_many_attempts', 'found', 1500, 1500],
		]);
		expect(success[0].json.response.list.map((p) => p.imp_uid)).toEqual([
			'imp_pay_retry_0001',
			'imp_pay_failed_0001',
		]);
		expect(new Set(success[1].json.response.list.map((p) => p.imp_uid)).size).toBe(1500);
		expect(outcomes(failure)).toEqual(['not_found']);
		expect(paymentRequests().map((e) => e.rawUrl)).toEqual([
			'/payments/findAll/order_retry_0001?sorting=-started&page=1&limit=1000',
			'/payments/findAll/order_many_attempts?sorting=-started&page=1&limit=1000',
			'/payments/findAll/order_many_attempts?sorting=-started&page=2&limit=1000',
			'/payments/findAll/order_unknown?sorting=-started&page=1&limit=1000',
		]);
	});

	test('a merchant_uid with path characters stays one segment; ".." is refused', async () => {
		await world.engine.run(
			[{ merchant_uid: 'ord/../er?x=1' }],
			paymentGet({ lookUpBy: 'merchantUidAll', merchantUid: '={{ $json.merchant_uid }}' }),
		);
		expect(paymentRequests().map((e) => e.rawPath)).toEqual([
			'/payments/findAll/ord%2F..%2Fer%3Fx%3D1',
		]);
		const { error } = await world.engine.run(
			[{ merchant_uid: '..' }],
			paymentGet({ lookUpBy: 'merchantUid', merchantUid: '={{ $json.merchant_uid }}' }),
		);
		expect(error.message).toMatch(/merchant_uid "\.\." is not a valid id/);
		expect(paymentRequests()).toHaveLength(1);
	});

	test('a status or sort outside the spec (set by expression) is refused before anything is sent', async () => {
		const bad = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001' }],
			paymentGet({
				lookUpBy: 'merchantUid',
				merchantUid: '={{ $json.merchant_uid }}',
				findStatus: '={{ "refunded" }}',
			}),
		);
		expect(bad.error.message).toMatch(/Payment Status must be one of/);
		const badSort = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001' }],
			paymentGet({
				lookUpBy: 'merchantUid',
				merchantUid: '={{ $json.merchant_uid }}',
				findSort: '={{ "-amount" }}',
			}),
		);
		expect(badSort.error.message).toMatch(/Sort must be one of/);
		expect(world.simulator.log).toHaveLength(0);
	});
});

describe('Payment: Get, answers the spec does not document', () => {
	test("HTTP 200 with a non-zero code is rejected (Failure), with i'mport's message", async () => {
		world.simulator.faults.add({
			action: 'status',
			status: 200,
			body: { code: 1, message: '조회 권한이 없습니다.', response: null },
			path: '/payments/',
		});
		const { success, failure } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0001' }],
			paymentGet(),
		);
		expect(success).toHaveLength(0);
		expect(failure.map((i) => i.json)).toEqual([
			{
				imp_uid: 'imp_pay_card_0001',
				outcome: 'rejected',
				code: 1,
				message: '조회 권한이 없습니다.',
				response: null,
				http_status: 200,
			},
		]);
	});

	test('all attempts: a page whose `next` does not move forward stops the item with an error instead of looping', async () => {
		const stuck = {
			code: 0,
			message: null,
			response: {
				total: 40,
				previous: 0,
				next: 1,
				list: [world.simulator.payments.get('imp_pay_retry_0001')],
			},
		};
		world.simulator.faults.add({
			action: 'status',
			status: 200,
			body: stuck,
			path: '/payments/findAll/',
			times: Infinity,
		});
		const { success, failure } = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001' }],
			paymentGet({ lookUpBy: 'merchantUidAll', merchantUid: '={{ $json.merchant_uid }}' }),
			{ onError: 'continueRegularOutput' },
		);
		expect(success).toHaveLength(0);
		expect(failure.map((i) => [i.json.merchant_uid, i.json.outcome, i.json.error])).toEqual([
			[
				'order_retry_0001',
				'error',
				"i'mport's paging did not move forward (page 1 said next is 1)",
			],
		]);
		expect(paymentRequests()).toHaveLength(1);
	});
});

test('Get: neither the API secret nor any token appears in outputs, errors or logs', async () => {
	const input = [{ imp_uid: 'imp_pay_card_0001' }, { imp_uid: 'imp_nope' }];
	const run = await world.engine.run(input, paymentGet());
	world.simulator.faults.add({
		action: 'status',
		status: 502,
		path: '/payments/',
		times: Infinity,
	});
	const failed = await world.engine.run(input, paymentGet({ options: { retries: 0 } }));
	expect(failed.error).toBeDefined();
	expectNoSecrets(world.simulator, run, failed);
});
