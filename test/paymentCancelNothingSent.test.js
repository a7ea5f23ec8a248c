'use strict';
/**
 * Payment Cancel (refund) through n8n's engine against the simulator: when nothing is sent,
 * because there is nothing to do, it cannot be done, or the input is bad.
 */
const { freshWorldPerTest, outcomes } = require('./helpers/setup');
const { refund, paymentCalls, cancels, refundsOf } = require('./helpers/paymentCancel');

const world = freshWorldPerTest();

describe('nothing is sent when there is nothing to do or it cannot be done', () => {
	test.each([
		[
			'a fully refunded payment',
			{ imp_uid: 'imp_pay_cancelled_0001', mode: 'full' },
			'already_refunded',
			true,
		],
		[
			'a fully refunded payment, partial asked',
			{ imp_uid: 'imp_pay_cancelled_0001', mode: 'partial', amount: 100 },
			'already_refunded',
			true,
		],
		[
			'more than is left',
			{ imp_uid: 'imp_pay_partial_0001', mode: 'partial', amount: 9001 },
			'exceeds_balance',
			false,
		],
		['an unknown imp_uid', { imp_uid: 'imp_does_not_exist', mode: 'full' }, 'not_found', false],
		[
			'a virtual account not deposited',
			{ imp_uid: 'imp_pay_vbank_ready_0001', mode: 'full' },
			'not_paid',
			false,
		],
		['a failed payment', { imp_uid: 'imp_pay_failed_0001', mode: 'full' }, 'not_paid', false],
		[
			'a virtual account without refund account',
			{ imp_uid: 'imp_pay_vbank_0001', mode: 'full' },
			'refund_account_required',
			false,
		],
		[
			'a sandbox payment (hidden by default)',
			{ imp_uid: 'imp_pay_sandbox_0001', mode: 'full' },
			'not_found',
			false,
		],
	])('%s: %s', async (_name, item, outcome, succeeded) => {
		const { success, failure } = await world.engine.run([item], refund());
		expect(outcomes(succeeded ? success : failure)).toEqual([outcome]);
		expect(succeeded ? failure : success).toEqual([]);
		expect(cancels(world.simulator)).toHaveLength(0);
		expect(world.simulator.payments.refunds).toHaveLength(0);
	});

	test('exceeds_balance says what is left', async () => {
		const { failure } = await world.engine.run(
			[{ imp_uid: 'imp_pay_partial_0001', mode: 'partial', amount: 9001 }],
			refund(),
		);
		expect(failure[0].json).toMatchObject({
			refund_amount: 9001,
			refunded_amount: 0,
			remaining_amount: 9000,
			code: 0,
		});
	});

	test("not_found carries i'mport's answer to the look-up", async () => {
		const { failure } = await world.engine.run(
			[{ imp_uid: 'imp_does_not_exist', mode: 'full' }],
			refund(),
		);
		expect(failure[0].json).toMatchObject({
			imp_uid: 'imp_does_not_exist',
			outcome: 'not_found',
			http_status: 404,
			code: -1,
			payment: null,
		});
	});

	test('Dry Run: would_refund with the balance, no cancel sent', async () => {
		const items = [
			{ imp_uid: 'imp_pay_partial_0001', mode: 'partial', amount: 3000 },
			{ imp_uid: 'imp_pay_card_0001', mode: 'full' },
			{ imp_uid: 'imp_pay_cancelled_0001', mode: 'full' },
			{ imp_uid: 'imp_pay_partial_0001', mode: 'partial', amount: 10000 },
		];
		const { success, failure } = await world.engine.run(items, refund({ dryRun: true }));
		expect(
			success.map((i) => [i.json.outcome, i.json.refund_amount, i.json.remaining_amount]),
		).toEqual([
			['would_refund', 3000, 9000],
			['would_refund', 10000, 10000],
			['already_refunded', 0, 0],
		]);
		expect(outcomes(failure)).toEqual(['exceeds_balance']);
		expect(cancels(world.simulator)).toHaveLength(0);
	});

	test('Include Sandbox Payments finds a test-channel payment', async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_sandbox_0001', mode: 'full' }],
			refund({ includeSandbox: true }),
		);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(paymentCalls(world.simulator)[0]).toBe(
			'GET /payments/imp_pay_sandbox_0001?include_sandbox=true',
		);
	});
});

describe('bad input: refused before anything is sent', () => {
	test.each([
		['empty', ''],
		['missing', undefined],
		['zero', 0],
		['negative', -500],
		['fractional', 1000.5],
		['fractional text', '1000.5'],
		['text', 'abc'],
		['grouped digits', '1,000'],
		['boolean', true],
	])('Partial amount %s: an item error, never a full refund', async (_name, amount) => {
		const items = [
			{ imp_uid: 'imp_pay_card_0001', mode: 'full' },
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount },
		];
		const { error } = await world.engine.run(items, refund());
		expect(error.message).toMatch(/Amount must be a whole number of won above 0/);
		expect(error.context.itemIndex).toBe(1);
		// Every item is read before the first request: the good item 0 was not sent either.
		expect(paymentCalls(world.simulator)).toEqual([]);
	});

	test('digits as text are a valid amount', async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: ' 3000 ' }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(cancels(world.simulator)[0].body.amount).toBe(3000);
	});

	test.each([[''], ['FULL'], [null], ['refund']])(
		'Refund Mode %p is an error, not a full refund',
		async (mode) => {
			const { error } = await world.engine.run([{ imp_uid: 'imp_pay_card_0001', mode }], refund());
			expect(error.message).toMatch(/Refund Mode must be "full" or "partial"/);
			expect(paymentCalls(world.simulator)).toEqual([]);
		},
	);

	test.each([
		['brackets', 'A]B'],
		['line break', 'A\nB'],
		['too long', 'x'.repeat(101)],
	])('a Refund Reference with %s is refused', async (_name, ref) => {
		const { error } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0001', mode: 'full', ref }],
			refund(),
		);
		expect(error.message).toMatch(/Refund Reference/);
		expect(paymentCalls(world.simulator)).toEqual([]);
	});

	test.each([
		['tax_free', { tax_free: -1 }],
		['tax_free', { tax_free: 10.5 }],
		['vat_amount', { vat_amount: 'x' }],
		['tax_free', { tax_free: 6000 }],
	])('%s %p is refused', async (name, fields) => {
		const { error } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000 }],
			refund({ refundFields: fields }),
		);
		expect(error.message).toMatch(new RegExp(name));
		expect(paymentCalls(world.simulator)).toEqual([]);
	});

	test.each([['false'], ['yes'], [0]])(
		'Dry Run %p from an expression is refused, not guessed',
		async (value) => {
			const { error } = await world.engine.run(
				[{ imp_uid: 'imp_pay_card_0001', mode: 'full', dry: value }],
				refund({ dryRun: '={{ $json.dry }}' }),
			);
			expect(error.message).toMatch(/Dry Run must be true or false/);
			expect(paymentCalls(world.simulator)).toEqual([]);
		},
	);

	test('an empty imp_uid is refused', async () => {
		const { error } = await world.engine.run([{ imp_uid: '  ', mode: 'full' }], refund());
		expect(error.message).toBe('imp_uid is empty');
	});

	test('with Continue, the bad items are errors and the good ones are refunded', async () => {
		const items = [
			{ imp_uid: 'imp_pay_card_0001', mode: 'full' },
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: '' },
			{ imp_uid: 'imp_pay_partial_0001', mode: 'partial', amount: 1000 },
		];
		const { success, failure } = await world.engine.run(items, refund(), {
			onError: 'continueRegularOutput',
		});
		expect(success.map((i) => [i.pairedItem.item, i.json.outcome])).toEqual([
			[0, 'refunded'],
			[2, 'partially_refunded'],
		]);
		expect(failure.map((i) => [i.pairedItem.item, i.json.outcome])).toEqual([[1, 'error']]);
		expect(failure[0].json.error).toMatch(/Amount must be a whole number of won above 0/);
		expect(refundsOf(world.simulator, 'imp_pay_card_0002')).toHaveLength(0);
	});
});
