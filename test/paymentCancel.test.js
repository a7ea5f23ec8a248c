'use strict';
/** Payment Cancel (refund) through n8n's engine against the simulator: every outcome and every refusal. */
const { freshWorldPerTest, outcomes, expectNoSecrets } = require('./helpers/setup');
const { paymentCancel } = require('./helpers/parameters');

const world = freshWorldPerTest();

const refund = (extra = {}) => paymentCancel({ options: { retryWaitMs: 1 }, ...extra });

/** Requests that reached /payments, as "METHOD path" (the token request left out). */
const paymentCalls = (simulator) =>
	simulator.log
		.filter((e) => e.rawPath.startsWith('/payments'))
		.map((e) => `${e.method} ${e.rawUrl}`);
/** The refund requests, each with the body as sent (also when a fault answered it). */
const cancels = (simulator) =>
	simulator.log
		.filter((e) => e.method === 'POST' && e.rawPath === '/payments/cancel')
		.map((e) => ({ ...e, body: JSON.parse(e.rawBody) }));
const refundsOf = (simulator, impUid) =>
	simulator.payments.refunds.filter((r) => r.imp_uid === impUid);
/**
 * The reference a partial refund without one carries: sha256 of its intent (payment, amount),
 * pinned here so that it stays the same across versions (a changed derivation would let a re-run
 * after an upgrade pay twice).
 */
const derivedToken = (impUid, amount) =>
	`[ref:auto-${require('node:crypto')
		.createHash('sha256')
		.update(JSON.stringify(['partial-refund', impUid, amount]))
		.digest('hex')
		.slice(0, 16)}]`;

describe('refunds', () => {
	test('Full: looks the payment up, sends no amount and checksum = what is left; refunded', async () => {
		const { success, failure } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0001', mode: 'full' }],
			refund(),
		);
		expect(failure).toEqual([]);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(paymentCalls(world.simulator)).toEqual([
			'GET /payments/imp_pay_card_0001',
			'POST /payments/cancel',
		]);
		expect(cancels(world.simulator)[0].body).toEqual({
			imp_uid: 'imp_pay_card_0001',
			checksum: 10000,
		});
		const [applied] = refundsOf(world.simulator, 'imp_pay_card_0001');
		expect(success[0].json).toMatchObject({
			imp_uid: 'imp_pay_card_0001',
			merchant_uid: 'order_pay_card_0001',
			outcome: 'refunded',
			refund_mode: 'full',
			refund_amount: 10000,
			refunded_amount: 10000,
			remaining_amount: 0,
			cancellation_id: applied.cancellation_id,
			refund_reference: null,
			code: 0,
			message: null,
			http_status: 200,
		});
		expect(success[0].json.payment).toMatchObject({
			amount: 10000,
			cancel_amount: 10000,
			status: 'cancelled',
		});
		expect(success[0].pairedItem).toEqual({ item: 0 });
		expectNoSecrets(world.simulator, success);
	});

	test('Partial: amount and checksum sent; partially_refunded with what is left', async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 15000, reason: '부분 반품' }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(cancels(world.simulator)[0].body).toEqual({
			imp_uid: 'imp_pay_card_0002',
			checksum: 50000,
			amount: 15000,
			reason: `${derivedToken('imp_pay_card_0002', 15000)} 부분 반품`,
		});
		expect(success[0].json).toMatchObject({
			refund_amount: 15000,
			refunded_amount: 15000,
			remaining_amount: 35000,
		});
		expect(success[0].json.cancellation_id).toBe(
			refundsOf(world.simulator, 'imp_pay_card_0002')[0].cancellation_id,
		);
	});

	test("the docs' example: 10,000 paid, 1,000 refunded before, so the checksum is 9,000", async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_partial_0001', mode: 'partial', amount: 2000 }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(cancels(world.simulator)[0].body.checksum).toBe(9000);
		expect(success[0].json.remaining_amount).toBe(7000);
	});

	test('a partial refund of exactly what is left is refunded (nothing left)', async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_partial_0001', mode: 'partial', amount: 9000 }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(success[0].json.remaining_amount).toBe(0);
	});

	test('Full of a partly refunded payment refunds what is left', async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_partial_0001', mode: 'full' }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(success[0].json).toMatchObject({
			refund_amount: 9000,
			refunded_amount: 9000,
			remaining_amount: 0,
		});
		expect(refundsOf(world.simulator, 'imp_pay_partial_0001').map((r) => r.amount)).toEqual([9000]);
	});

	test("optional fields go into the body as i'mport expects them", async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 11000 }],
			refund({
				refundFields: {
					tax_free: 1000,
					vat_amount: 909,
					enable_webhook: true,
					requester: 'customer',
					retain_promotion: false,
				},
			}),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(cancels(world.simulator)[0].body).toEqual({
			imp_uid: 'imp_pay_card_0002',
			checksum: 50000,
			amount: 11000,
			reason: derivedToken('imp_pay_card_0002', 11000),
			tax_free: 1000,
			vat_amount: 909,
			enable_webhook: true,
			retain_promotion: false,
			extra: { requester: 'customer' },
		});
		const [applied] = refundsOf(world.simulator, 'imp_pay_card_0002');
		expect(applied).toMatchObject({
			tax_free: 1000,
			vat_amount: 909,
			enable_webhook: true,
			extra: { requester: 'customer' },
		});
	});

	test('two refunds of one payment in one run go one after the other, each with the balance before it', async () => {
		const items = [
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 10000 },
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000 },
			{ imp_uid: 'imp_pay_card_0002', mode: 'full' },
		];
		const { success, failure } = await world.engine.run(
			items,
			refund({ options: { concurrency: 5 } }),
		);
		expect(failure).toEqual([]);
		expect(outcomes(success)).toEqual(['partially_refunded', 'partially_refunded', 'refunded']);
		expect(cancels(world.simulator).map((e) => e.body.checksum)).toEqual([50000, 40000, 35000]);
		expect(refundsOf(world.simulator, 'imp_pay_card_0002').map((r) => r.amount)).toEqual([
			10000, 5000, 35000,
		]);
	});
});

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

describe("refusals by i'mport", () => {
	test("the PG refuses: pg_rejected with i'mport's message, nothing refunded", async () => {
		const { failure } = await world.engine.run(
			[{ imp_uid: 'imp_pay_pgfail_0001', mode: 'full' }],
			refund(),
		);
		expect(outcomes(failure)).toEqual(['pg_rejected']);
		expect(failure[0].json).toMatchObject({
			code: -1,
			refunded_amount: 0,
			remaining_amount: 25000,
		});
		expect(failure[0].json.message).toMatch(/결제취소에 실패하였습니다/);
		expect(world.simulator.payments.refunds).toHaveLength(0);
	});

	test('a virtual account with its refund account: the fields are sent and the refund goes through', async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_vbank_0001', mode: 'partial', amount: 10000 }],
			refund({
				refundFields: {
					refund_holder: '홍길동',
					refund_bank: '088',
					refund_account: '110123456789',
					refund_tel: '01012345678',
				},
			}),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(cancels(world.simulator)[0].body).toMatchObject({
			refund_holder: '홍길동',
			refund_bank: '088',
			refund_account: '110123456789',
			refund_tel: '01012345678',
		});
	});

	test("someone refunds in between: i'mport refuses the checksum, the look-up shows the balance moved -> balance_changed", async () => {
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method === 'POST' && entry.rawPath === '/payments/cancel') {
				world.simulator.hooks.onRequest = undefined;
				world.simulator.payments.cancel({
					imp_uid: 'imp_pay_card_0002',
					amount: 1000,
					reason: 'console',
				});
			}
		};
		const { failure } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 20000 }],
			refund(),
		);
		expect(outcomes(failure)).toEqual(['balance_changed']);
		expect(failure[0].json).toMatchObject({ code: 1, refunded_amount: 0, remaining_amount: 49000 });
		expect(paymentCalls(world.simulator)).toEqual([
			'GET /payments/imp_pay_card_0002',
			'POST /payments/cancel',
			'GET /payments/imp_pay_card_0002',
		]);
		expect(refundsOf(world.simulator, 'imp_pay_card_0002').map((r) => r.amount)).toEqual([1000]);
	});

	test('Full, and someone refunded everything in between: already_refunded', async () => {
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method === 'POST' && entry.rawPath === '/payments/cancel') {
				world.simulator.hooks.onRequest = undefined;
				world.simulator.payments.cancel({ imp_uid: 'imp_pay_card_0001', reason: 'console' });
			}
		};
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0001', mode: 'full' }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['already_refunded']);
		expect(success[0].json).toMatchObject({ refunded_amount: 0, remaining_amount: 0 });
		expect(refundsOf(world.simulator, 'imp_pay_card_0001')).toHaveLength(1);
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

describe('Refund Reference: safe re-runs of partial refunds', () => {
	const sheet = [
		{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000, ref: 'RR-1', reason: '반품' },
		{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 7000, ref: 'RR-2' },
		{ imp_uid: 'imp_pay_partial_0001', mode: 'partial', amount: 1000, ref: 'RR-3' },
	];

	test('the reference goes into the reason; a second run refunds nothing more', async () => {
		const first = await world.engine.run(sheet, refund());
		expect(outcomes(first.success)).toEqual([
			'partially_refunded',
			'partially_refunded',
			'partially_refunded',
		]);
		expect(cancels(world.simulator).map((e) => e.body.reason)).toEqual([
			'[ref:RR-1] 반품',
			'[ref:RR-2]',
			'[ref:RR-3]',
		]);
		const refundedBefore = world.simulator.payments.refunds.length;
		const postsBefore = cancels(world.simulator).length;

		const second = await world.engine.run(sheet, refund());
		expect(outcomes(second.success)).toEqual([
			'already_refunded',
			'already_refunded',
			'already_refunded',
		]);
		expect(second.success.map((i) => i.json.cancellation_id)).toEqual(
			first.success.map((i) => i.json.cancellation_id),
		);
		expect(second.success.map((i) => i.json.refunded_amount)).toEqual([0, 0, 0]);
		expect(cancels(world.simulator)).toHaveLength(postsBefore);
		expect(world.simulator.payments.refunds).toHaveLength(refundedBefore);
	});

	test('without a reference, running a partial refund again refunds nothing more: its derived reference is found', async () => {
		const item = [{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000 }];
		const first = await world.engine.run(item, refund());
		expect(first.success[0].json).toMatchObject({
			outcome: 'partially_refunded',
			refund_reference: derivedToken('imp_pay_card_0002', 5000).slice(5, -1),
			refund_reference_derived: true,
		});
		const again = await world.engine.run(item, refund());
		expect(outcomes(again.success)).toEqual(['already_refunded']);
		expect(again.success[0].json).toMatchObject({
			refunded_amount: 0,
			cancellation_id: first.success[0].json.cancellation_id,
		});
		expect(refundsOf(world.simulator, 'imp_pay_card_0002').map((r) => r.amount)).toEqual([5000]);
	});

	test('two rows asking the same amount of the same payment without references: one refund (a second needs its own reference)', async () => {
		const rows = [
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000 },
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000 },
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000, ref: 'second-on-purpose' },
		];
		const { success } = await world.engine.run(rows, refund());
		expect(outcomes(success)).toEqual([
			'partially_refunded',
			'already_refunded',
			'partially_refunded',
		]);
		expect(refundsOf(world.simulator, 'imp_pay_card_0002').map((r) => r.amount)).toEqual([
			5000, 5000,
		]);
	});

	test('a Full refund needs no reference to be re-run safely', async () => {
		const item = [{ imp_uid: 'imp_pay_card_0001', mode: 'full' }];
		await world.engine.run(item, refund());
		const again = await world.engine.run(item, refund());
		expect(outcomes(again.success)).toEqual(['already_refunded']);
		expect(refundsOf(world.simulator, 'imp_pay_card_0001')).toHaveLength(1);
	});

	test('Dry Run reports a refund that carries the reference as already_refunded', async () => {
		await world.engine.run([sheet[0]], refund());
		const dry = await world.engine.run([sheet[0]], refund({ dryRun: true }));
		expect(outcomes(dry.success)).toEqual(['already_refunded']);
	});

	test('another run refunds the same reference in between: already_refunded, not twice', async () => {
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method === 'POST' && entry.rawPath === '/payments/cancel') {
				world.simulator.hooks.onRequest = undefined;
				world.simulator.payments.cancel({
					imp_uid: 'imp_pay_card_0002',
					amount: 5000,
					reason: '[ref:RR-1] 반품',
					checksum: 50000,
				});
			}
		};
		const { success } = await world.engine.run([sheet[0]], refund());
		expect(outcomes(success)).toEqual(['already_refunded']);
		expect(refundsOf(world.simulator, 'imp_pay_card_0002')).toHaveLength(1);
	});
});

describe('by merchant_uid', () => {
	const byMerchant = (extra = {}) =>
		refund({ refundBy: 'merchantUid', merchantUid: '={{ $json.merchant_uid }}', ...extra });

	test('refunds the paid attempt (not the failed one), sent by its imp_uid', async () => {
		const { success } = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001', mode: 'full' }],
			byMerchant(),
		);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(success[0].json).toMatchObject({
			merchant_uid: 'order_retry_0001',
			imp_uid: 'imp_pay_retry_0001',
			refunded_amount: 12000,
		});
		expect(cancels(world.simulator)[0].body).toEqual({
			imp_uid: 'imp_pay_retry_0001',
			checksum: 12000,
		});
		expect(paymentCalls(world.simulator)[0]).toBe(
			'GET /payments/findAll/order_retry_0001?page=1&limit=100',
		);
	});

	test('an unknown merchant_uid: not_found, nothing sent', async () => {
		const { failure } = await world.engine.run(
			[{ merchant_uid: 'order_nope', mode: 'full' }],
			byMerchant(),
		);
		expect(outcomes(failure)).toEqual(['not_found']);
		expect(cancels(world.simulator)).toHaveLength(0);
	});

	test('two attempts with money left: ambiguous, nothing sent', async () => {
		world.simulator.payments.add({ imp_uid: 'imp_dup_a', merchant_uid: 'order_dup', amount: 5000 });
		world.simulator.payments.add({ imp_uid: 'imp_dup_b', merchant_uid: 'order_dup', amount: 5000 });
		const { failure } = await world.engine.run(
			[{ merchant_uid: 'order_dup', mode: 'full' }],
			byMerchant(),
		);
		expect(outcomes(failure)).toEqual(['ambiguous']);
		expect(failure[0].json.message).toMatch(/imp_dup_a/);
		expect(cancels(world.simulator)).toHaveLength(0);
	});

	test('a reference used on any attempt of the order is found', async () => {
		await world.engine.run(
			[{ merchant_uid: 'order_retry_0001', mode: 'partial', amount: 2000, ref: 'M-1' }],
			byMerchant(),
		);
		const again = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001', mode: 'partial', amount: 2000, ref: 'M-1' }],
			byMerchant(),
		);
		expect(outcomes(again.success)).toEqual(['already_refunded']);
		expect(refundsOf(world.simulator, 'imp_pay_retry_0001')).toHaveLength(1);
	});
});

describe('lost answers: looked up again before anything is sent again', () => {
	test('applied, then the connection dropped: refunded, applied once', async () => {
		world.simulator.faults.add({
			method: 'POST',
			path: '/payments/cancel',
			action: 'applyThenReset',
		});
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 4000 }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(paymentCalls(world.simulator)).toEqual([
			'GET /payments/imp_pay_card_0002',
			'POST /payments/cancel',
			'GET /payments/imp_pay_card_0002',
		]);
		expect(refundsOf(world.simulator, 'imp_pay_card_0002')).toHaveLength(1);
		expect(success[0].json.cancellation_id).toBe(
			refundsOf(world.simulator, 'imp_pay_card_0002')[0].cancellation_id,
		);
	});

	test.each([
		['reset before anything was done', { action: 'reset' }],
		['HTTP 502', { action: 'status', status: 502 }],
		['HTTP 504', { action: 'status', status: 504 }],
	])(
		'%s: looked up, then sent again with the same checksum; refunded once',
		async (_name, fault) => {
			world.simulator.faults.add({ method: 'POST', path: '/payments/cancel', ...fault });
			const { success } = await world.engine.run(
				[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 4000 }],
				refund(),
			);
			expect(outcomes(success)).toEqual(['partially_refunded']);
			expect(paymentCalls(world.simulator)).toEqual([
				'GET /payments/imp_pay_card_0002',
				'POST /payments/cancel',
				'GET /payments/imp_pay_card_0002',
				'POST /payments/cancel',
			]);
			expect(cancels(world.simulator).map((e) => e.body.checksum)).toEqual([50000, 50000]);
			expect(refundsOf(world.simulator, 'imp_pay_card_0002')).toHaveLength(1);
		},
	);

	test('the lost attempt goes through late, the retry is refused for it: refunded, once', async () => {
		let posts = 0;
		world.simulator.faults.add({ method: 'POST', path: '/payments/cancel', action: 'reset' });
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method === 'POST' && entry.rawPath === '/payments/cancel' && ++posts === 2) {
				// The first attempt reaches the PG only now, just before the retry (with what it carried).
				world.simulator.payments.cancel({
					imp_uid: 'imp_pay_card_0002',
					amount: 4000,
					checksum: 50000,
					reason: JSON.parse(entry.rawBody).reason,
				});
			}
		};
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 4000 }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(success[0].json).toMatchObject({ refunded_amount: 4000, remaining_amount: 46000 });
		expect(refundsOf(world.simulator, 'imp_pay_card_0002')).toHaveLength(1);
	});

	test('no answer at all, retries used up: an error that says to look before refunding again; nothing applied', async () => {
		world.simulator.faults.add({
			method: 'POST',
			path: '/payments/cancel',
			action: 'hang',
			times: Infinity,
		});
		const { error } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 4000 }],
			refund({ options: { retryWaitMs: 1, retries: 1, timeoutMs: 300 } }),
		);
		expect(error.message).toBe("i'mport did not answer in time");
		expect(error.description).toMatch(/may or may not have gone through/);
		expect(cancels(world.simulator)).toHaveLength(2);
		expect(world.simulator.payments.refunds).toHaveLength(0);
	});
});

describe('outputs', () => {
	test('Split off: one output, input order, every item once', async () => {
		const items = [
			{ imp_uid: 'imp_pay_pgfail_0001', mode: 'full' },
			{ imp_uid: 'imp_pay_card_0001', mode: 'full' },
			{ imp_uid: 'imp_pay_cancelled_0001', mode: 'full' },
		];
		const { outputs } = await world.engine.run(items, refund({ splitOutputs: false }));
		expect(outputs).toHaveLength(1);
		expect(outputs[0].map((i) => [i.pairedItem.item, i.json.outcome])).toEqual([
			[0, 'pg_rejected'],
			[1, 'refunded'],
			[2, 'already_refunded'],
		]);
	});

	test('a sub-merchant (tier) payment is refunded with the tier credential', async () => {
		const { createEngine } = require('./helpers/engine');
		const engine = createEngine({
			impKey: 'test_imp_key',
			impSecret: 'test_imp_secret_DO_NOT_LEAK',
			baseUrl: world.baseUrl,
			tierCode: 'T01',
		});
		const { success } = await engine.run(
			[{ imp_uid: 'imp_pay_tier_T01_0001', mode: 'full' }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(cancels(world.simulator)[0].headers.tier).toBe('T01');
	});
});
