'use strict';
/** Payment → Get by imp_uid through n8n's real engine against the simulator. */
const { freshWorldPerTest, ids, outcomes } = require('./helpers/setup');
const { paymentGet } = require('./helpers/parameters');
const { paymentGetReaders } = require('./helpers/paymentGet');

const world = freshWorldPerTest();
const { paymentRequests } = paymentGetReaders(world);

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
