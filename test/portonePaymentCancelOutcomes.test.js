'use strict';
/** PortOne V2 Payment → Cancel (refund) through n8n's engine against the V2 simulator: every outcome of one refund row. */
const crypto = require('node:crypto');
const { outcomes } = require('./helpers/setup');
const { portOneWorldPerTest, expectNoPortOneSecrets } = require('./helpers/portoneSetup');
const { portOneRefund } = require('./helpers/parameters');
const { cancels, moved } = require('./helpers/portonePaymentCancel');

const world = portOneWorldPerTest();

/** The derived reference of a partial refund without one, pinned (see the V1 tests). */
const derived = (paymentId, amount) =>
	`auto-${crypto
		.createHash('sha256')
		.update(JSON.stringify(['partial-refund', paymentId, amount]))
		.digest('hex')
		.slice(0, 16)}`;

describe('refunds', () => {
	test('Full: looks the payment up, sends no amount, currentCancellableAmount = what is left, a quoted Idempotency-Key; refunded', async () => {
		const { success, failure } = await world.engine.run(
			[{ paymentId: 'pay-card-0001', mode: 'full' }],
			portOneRefund(),
		);
		expect(failure).toEqual([]);
		expect(outcomes(success)).toEqual(['refunded']);
		const [sent] = cancels(world.simulator);
		expect(sent.body).toMatchObject({ currentCancellableAmount: 10000 });
		expect(sent.body.amount).toBeUndefined();
		expect(sent.body.reason).toMatch(/^\[ref:auto-[0-9a-f]{16}\]$/);
		expect(sent.headers['idempotency-key']).toMatch(/^"n8n-[0-9a-f]{40}"$/);
		expect(success[0].json).toMatchObject({
			paymentId: 'pay-card-0001',
			outcome: 'refunded',
			refund_mode: 'full',
			refund_amount: 10000,
			refunded_amount: 10000,
			remaining_amount: 0,
			cancellation_status: 'SUCCEEDED',
			refund_reference_derived: true,
			http_status: 200,
		});
		expect(success[0].json.idempotency_key).toBe(sent.headers['idempotency-key'].slice(1, -1));
		expect(moved(world.simulator, 'pay-card-0001')).toHaveLength(1);
		expectNoPortOneSecrets(world.simulator, success);
	});

	test('Partial: the amount and the derived reference; partially_refunded with what is left', async () => {
		const { success } = await world.engine.run(
			[{ paymentId: 'pay-card-0002', mode: 'partial', amount: 15000, reason: '부분 반품' }],
			portOneRefund(),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(cancels(world.simulator)[0].body).toEqual({
			amount: 15000,
			currentCancellableAmount: 50000,
			reason: `[ref:${derived('pay-card-0002', 15000)}] 부분 반품`,
		});
		expect(success[0].json).toMatchObject({
			refunded_amount: 15000,
			remaining_amount: 35000,
			refund_reference: derived('pay-card-0002', 15000),
		});
	});

	test('a partly cancelled payment: currentCancellableAmount is what is left (10,000 - 3,000)', async () => {
		await world.engine.run(
			[{ paymentId: 'pay-partial-0001', mode: 'partial', amount: 1000 }],
			portOneRefund(),
		);
		expect(cancels(world.simulator)[0].body.currentCancellableAmount).toBe(7000);
	});

	test.each([
		['pay-ready-0001', 'not_paid'],
		['pay-pending-0001', 'not_paid'],
		['pay-vbank-issued-0001', 'not_paid'],
		['pay-failed-0001', 'not_paid'],
		['pay-cancelled-0001', 'already_refunded'],
		['pay-vbank-paid-0001', 'refund_account_required'],
		['pay-unknown-0001', 'not_found'],
	])('%s: %s, nothing sent', async (paymentId, outcome) => {
		const { success, failure } = await world.engine.run(
			[{ paymentId, mode: 'full' }],
			portOneRefund(),
		);
		expect(outcomes([...success, ...failure])).toEqual([outcome]);
		expect(cancels(world.simulator)).toHaveLength(0);
	});

	test('Partial above what is left: exceeds_balance, nothing sent', async () => {
		const { failure } = await world.engine.run(
			[{ paymentId: 'pay-partial-0001', mode: 'partial', amount: 7001 }],
			portOneRefund(),
		);
		expect(outcomes(failure)).toEqual(['exceeds_balance']);
		expect(cancels(world.simulator)).toHaveLength(0);
	});

	test('a virtual account with a refund account: the account is sent as PortOne names it', async () => {
		const { success } = await world.engine.run(
			[{ paymentId: 'pay-vbank-paid-0001', mode: 'full' }],
			portOneRefund({
				refundFields: {
					refundBank: 'SHINHAN',
					refundAccountNumber: '110-123-456789',
					refundHolderName: '홍길동',
				},
			}),
		);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(cancels(world.simulator)[0].body.refundAccount).toEqual({
			bank: 'SHINHAN',
			number: '110-123-456789',
			holderName: '홍길동',
		});
	});

	test('an asynchronous PG: refund_requested on Success, no money moved yet; a re-run sends nothing and says it again', async () => {
		const item = [{ paymentId: 'pay-async-0001', mode: 'full' }];
		const first = await world.engine.run(item, portOneRefund());
		expect(outcomes(first.success)).toEqual(['refund_requested']);
		expect(first.success[0].json).toMatchObject({
			cancellation_status: 'REQUESTED',
			refunded_amount: 0,
		});
		expect(moved(world.simulator, 'pay-async-0001')).toHaveLength(0);
		const again = await world.engine.run(item, portOneRefund());
		expect(outcomes(again.success)).toEqual(['refund_requested']);
		expect(cancels(world.simulator)).toHaveLength(1);
	});

	test('a PG that fails after accepting: refund_failed on Failure', async () => {
		const { failure } = await world.engine.run(
			[{ paymentId: 'pay-fail-after-0001', mode: 'full' }],
			portOneRefund(),
		);
		expect(outcomes(failure)).toEqual(['refund_failed']);
		expect(failure[0].json.cancellation_status).toBe('FAILED');
		expect(moved(world.simulator, 'pay-fail-after-0001')).toHaveLength(0);
	});

	test('a PG refusal: pg_rejected with pg_code and pg_message', async () => {
		const { failure } = await world.engine.run(
			[{ paymentId: 'pay-pg-error-0001', mode: 'full' }],
			portOneRefund(),
		);
		expect(outcomes(failure)).toEqual(['pg_rejected']);
		expect(failure[0].json).toMatchObject({ error_type: 'PG_PROVIDER', http_status: 502 });
		expect(typeof failure[0].json.pg_code).toBe('string');
		expect(typeof failure[0].json.pg_message).toBe('string');
	});

	test('MAX_CANCEL_COUNT_REACHED: its own outcome word', async () => {
		const { failure } = await world.engine.run(
			[{ paymentId: 'pay-max-cancel-0001', mode: 'partial', amount: 100 }],
			portOneRefund(),
		);
		expect(outcomes(failure)).toEqual(['max_cancel_count_reached']);
	});

	test('the balance moved between the look-up and the refund: balance_changed, nothing refunded by this row', async () => {
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method === 'POST') {
				world.simulator.hooks.onRequest = undefined;
				const record = world.simulator.payments.record('pay-card-0002');
				const c = world.simulator.payments.newCancellation(record, {
					status: 'REQUESTED',
					totalAmount: 1000,
					taxFreeAmount: 0,
					vatAmount: 0,
					reason: 'console',
					requestedAt: Date.now(),
				});
				world.simulator.payments.applyCancellation(record, c);
			}
		};
		const { failure } = await world.engine.run(
			[{ paymentId: 'pay-card-0002', mode: 'partial', amount: 5000 }],
			portOneRefund(),
		);
		expect(outcomes(failure)).toEqual(['balance_changed']);
		expect(failure[0].json).toMatchObject({ remaining_amount: 49000, refunded_amount: 0 });
		expect(moved(world.simulator, 'pay-card-0002')).toHaveLength(1);
	});
});
