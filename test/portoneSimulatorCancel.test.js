'use strict';
/**
 * POST /payments/{paymentId}/cancel of the PortOne V2 simulator over plain HTTP: full and partial
 * cancels, the currentCancellableAmount balance check, every documented error type at its
 * status, asynchronous (REQUESTED) and failed-after-accepting cancels, and that money moves
 * exactly once per successful cancellation.
 */
const { simulatorPerTest } = require('./helpers/portoneHttp');

const t = simulatorPerTest();
const cancel = (id, body) => t.api.post(`/payments/${encodeURIComponent(id)}/cancel`, body);
const moved = (id) => t.sim.payments.appliedCancellations(id);
const eventTypes = () => t.sim.webhooks.events.map((e) => `${e.type} ${e.data.paymentId}`);
const REFUND_ACCOUNT = {
	bank: 'KOOKMIN',
	number: '12345678901234',
	holderName: '홍길동',
	holderPhoneNumber: '01012345678',
};

describe('successful cancels', () => {
	test('no amount cancels the whole balance once; a second is PAYMENT_ALREADY_CANCELLED', async () => {
		const full = await cancel('pay-card-0001', { reason: '고객 변심' });
		expect(full.status).toBe(200);
		expect(full.data.cancellation).toMatchObject({
			status: 'SUCCEEDED',
			totalAmount: 10000,
			taxFreeAmount: 0,
			vatAmount: 909,
			reason: '고객 변심',
			trigger: 'API',
		});
		expect(full.data.cancellation).toHaveProperty('cancelledAt');
		expect(full.data.cancellation).toHaveProperty('receiptUrl');
		const payment = (await t.api.get('/payments/pay-card-0001')).data;
		expect(payment).toMatchObject({
			status: 'CANCELLED',
			amount: { cancelled: 10000 },
			cancelledAt: full.data.cancellation.cancelledAt,
		});
		expect(payment.cancellations).toEqual([full.data.cancellation]);
		const again = await cancel('pay-card-0001', { reason: '다시' });
		expect([again.status, again.data.type]).toEqual([409, 'PAYMENT_ALREADY_CANCELLED']);
		expect(moved('pay-card-0001')).toBe(1);
		expect(eventTypes()).toEqual(['Transaction.Cancelled pay-card-0001']);
	});

	test('partial cancels with the balance check, as the guide does (10,000 paid; 3,000 with 10,000 left)', async () => {
		const first = await cancel('pay-card-0001', {
			reason: 'ref:A-1',
			amount: 3000,
			currentCancellableAmount: 10000,
		});
		expect(first.data.cancellation).toMatchObject({
			status: 'SUCCEEDED',
			totalAmount: 3000,
			vatAmount: 272,
		});
		expect((await t.api.get('/payments/pay-card-0001')).data).toMatchObject({
			status: 'PARTIAL_CANCELLED',
			amount: { cancelled: 3000 },
		});
		// The same request again (a blind retry) no longer matches the balance: nothing moves.
		const retry = await cancel('pay-card-0001', {
			reason: 'ref:A-1',
			amount: 3000,
			currentCancellableAmount: 10000,
		});
		expect([retry.status, retry.data.type]).toEqual([409, 'CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN']);
		const rest = await cancel('pay-card-0001', {
			reason: 'ref:A-2',
			amount: 7000,
			currentCancellableAmount: 7000,
		});
		expect(rest.data.cancellation).toMatchObject({ totalAmount: 7000, vatAmount: 909 - 272 });
		const after = (await t.api.get('/payments/pay-card-0001')).data;
		expect(after).toMatchObject({ status: 'CANCELLED', amount: { cancelled: 10000 } });
		expect(after.cancellations.map((c) => c.reason)).toEqual(['ref:A-1', 'ref:A-2']);
		expect(moved('pay-card-0001')).toBe(2);
		expect(eventTypes()).toEqual([
			'Transaction.PartialCancelled pay-card-0001',
			'Transaction.Cancelled pay-card-0001',
		]);
	});

	test('the reason is stored exactly as sent', async () => {
		const reason = '  환불 ref:n8n/exec-42 "quoted" \u{1F4B3}  ';
		await cancel('pay-card-0002', { reason, amount: 100 });
		expect((await t.api.get('/payments/pay-card-0002')).data.cancellations[0].reason).toBe(reason);
		expect(t.sim.payments.moneyMoved.at(-1)).toMatchObject({
			paymentId: 'pay-card-0002',
			amount: 100,
			reason,
		});
	});

	test('skipWebhook: true sends no webhook, the cancel still happens', async () => {
		await cancel('pay-card-0001', { reason: 'x', amount: 1000, skipWebhook: true });
		expect(moved('pay-card-0001')).toBe(1);
		expect(t.sim.webhooks.events).toEqual([]);
	});

	test('a virtual-account payment needs refundAccount with a Bank enum value', async () => {
		const without = await cancel('pay-vbank-paid-0001', { reason: 'x' });
		expect([without.status, without.data.type]).toEqual([400, 'INVALID_REQUEST']);
		const badBank = await cancel('pay-vbank-paid-0001', {
			reason: 'x',
			refundAccount: { ...REFUND_ACCOUNT, bank: '004' },
		});
		expect(badBank.status).toBe(400);
		const noHolder = await cancel('pay-vbank-paid-0001', {
			reason: 'x',
			refundAccount: { bank: 'KOOKMIN', number: '1' },
		});
		expect(noHolder.status).toBe(400);
		expect(moved('pay-vbank-paid-0001')).toBe(0);
		const ok = await cancel('pay-vbank-paid-0001', {
			reason: 'x',
			amount: 5000,
			refundAccount: REFUND_ACCOUNT,
		});
		expect(ok.data.cancellation.status).toBe('SUCCEEDED');
		expect(t.sim.payments.record('pay-vbank-paid-0001').cancellations[0].refundAccount).toEqual(
			REFUND_ACCOUNT,
		);
	});

	test('a V1 payment can be cancelled through V2 (inferred) and a mixed-tax full cancel takes the tax-free rest', async () => {
		expect((await cancel('order_v1_0001', { reason: 'x' })).data.cancellation.totalAmount).toBe(
			10000,
		);
		const mixed = await cancel('pay-mixed-tax-0001', { reason: 'x' });
		expect(mixed.data.cancellation).toMatchObject({
			totalAmount: 11000,
			taxFreeAmount: 5500,
			vatAmount: 500,
		});
		expect((await t.api.get('/payments/pay-mixed-tax-0001')).data.amount).toMatchObject({
			cancelled: 11000,
			cancelledTaxFree: 5500,
		});
	});
});

describe('documented errors, each at its status, nothing moved', () => {
	test('404 PAYMENT_NOT_FOUND; 409 PAYMENT_NOT_PAID for every unpaid status', async () => {
		const missing = await cancel('pay-nope', { reason: 'x' });
		expect([missing.status, missing.data.type]).toEqual([404, 'PAYMENT_NOT_FOUND']);
		for (const id of [
			'pay-ready-0001',
			'pay-pending-0001',
			'pay-vbank-issued-0001',
			'pay-failed-0001',
		]) {
			const answer = await cancel(id, { reason: 'x', refundAccount: REFUND_ACCOUNT });
			expect([id, answer.status, answer.data.type]).toEqual([id, 409, 'PAYMENT_NOT_PAID']);
		}
		expect(t.sim.payments.moneyMoved).toEqual([]);
	});

	test('409 CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT above what is left', async () => {
		const answer = await cancel('pay-partial-0001', { reason: 'x', amount: 7001 });
		expect([answer.status, answer.data.type]).toEqual([
			409,
			'CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT',
		]);
		expect((await cancel('pay-partial-0001', { reason: 'x', amount: 7000 })).status).toBe(200);
	});

	test('409 SUM_OF_PARTS / TAX_FREE / TAX amounts on a mixed-tax payment (11,000, 5,500 tax-free)', async () => {
		const cases = [
			[{ amount: 1000, taxFreeAmount: 600, vatAmount: 500 }, 'SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT'],
			[
				{ amount: 6000, taxFreeAmount: 6000 },
				'CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT',
			],
			[{ amount: 6000 }, 'CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT'],
			[{ amount: 11000 }, 'CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT'],
		];
		for (const [body, type] of cases) {
			const answer = await cancel('pay-mixed-tax-0001', { reason: 'x', ...body });
			expect([answer.status, answer.data.type]).toEqual([409, type]);
		}
		expect(moved('pay-mixed-tax-0001')).toBe(0);
		const split = await cancel('pay-mixed-tax-0001', {
			reason: 'x',
			amount: 6000,
			taxFreeAmount: 3000,
		});
		expect(split.data.cancellation).toMatchObject({
			totalAmount: 6000,
			taxFreeAmount: 3000,
			vatAmount: 272,
		});
	});

	test('409 MAX_CANCEL_COUNT_REACHED once the attempts are used up', async () => {
		const answer = await cancel('pay-max-cancel-0001', { reason: 'x', amount: 1000 });
		expect([answer.status, answer.data.type]).toEqual([409, 'MAX_CANCEL_COUNT_REACHED']);
		expect(moved('pay-max-cancel-0001')).toBe(0);
	});

	test('400 NEGATIVE_PROMOTION_ADJUSTED_CANCEL_AMOUNT and PROMOTION_DISCOUNT_RETAIN_OPTION_SHOULD_NOT_BE_CHANGED', async () => {
		// 12,000 order, 3,000 off from 11,000: cancelling 1,500 (RELEASE) leaves 10,500 and takes the discount back.
		const negative = await cancel('pay-promotion-0001', { reason: 'x', amount: 1500 });
		expect([negative.status, negative.data.type]).toEqual([
			400,
			'NEGATIVE_PROMOTION_ADJUSTED_CANCEL_AMOUNT',
		]);
		const retained = await cancel('pay-promotion-0001', {
			reason: 'x',
			amount: 1500,
			promotionDiscountRetainOption: 'RETAIN',
		});
		expect(retained.status).toBe(200);
		expect(t.sim.payments.moneyMoved.at(-1)).toMatchObject({ amount: 1500, refunded: 1125 });
		const changed = await cancel('pay-promotion-0001', {
			reason: 'x',
			amount: 1000,
			promotionDiscountRetainOption: 'RELEASE',
		});
		expect([changed.status, changed.data.type]).toEqual([
			400,
			'PROMOTION_DISCOUNT_RETAIN_OPTION_SHOULD_NOT_BE_CHANGED',
		]);
		const rest = await cancel('pay-promotion-0001', {
			reason: 'x',
			promotionDiscountRetainOption: 'RETAIN',
		});
		expect(rest.data.cancellation.totalAmount).toBe(10500);
		// What the customer got back adds up to what they paid.
		expect(t.sim.payments.moneyMoved.reduce((sum, m) => sum + m.refunded, 0)).toBe(9000);
	});

	test('502 PG_PROVIDER with pgCode and pgMessage; the PG refused, nothing is recorded', async () => {
		const answer = await cancel('pay-pg-error-0001', { reason: 'x' });
		expect(answer.status).toBe(502);
		expect(answer.data).toEqual({
			type: 'PG_PROVIDER',
			message: expect.any(String),
			pgCode: expect.any(String),
			pgMessage: expect.any(String),
		});
		expect((await t.api.get('/payments/pay-pg-error-0001')).data).toMatchObject({
			status: 'PAID',
			amount: { cancelled: 0 },
		});
		expect(moved('pay-pg-error-0001')).toBe(0);
	});

	test.each([
		[{}],
		[{ reason: '' }],
		[{ reason: 7 }],
		[{ reason: 'x', amount: 0 }],
		[{ reason: 'x', amount: -100 }],
		[{ reason: 'x', amount: '1000' }],
		[{ reason: 'x', amount: 10.5 }],
		[{ reason: 'x', taxFreeAmount: -1 }],
		[{ reason: 'x', currentCancellableAmount: '10000' }],
		[{ reason: 'x', requester: 'customer' }],
		[{ reason: 'x', promotionDiscountRetainOption: 'KEEP' }],
		[{ reason: 'x', skipWebhook: 'yes' }],
		[{ reason: 'x', refundAccount: 'KOOKMIN 123' }],
	])('400 INVALID_REQUEST for %j', async (body) => {
		const answer = await cancel('pay-card-0001', body);
		expect([answer.status, answer.data.type]).toEqual([400, 'INVALID_REQUEST']);
		expect(moved('pay-card-0001')).toBe(0);
	});
});

describe('asynchronous and failing PGs', () => {
	test('REQUESTED: nothing moves until the PG finishes; the hook completes it later', async () => {
		const requested = await cancel('pay-async-0001', { reason: 'ref:ASYNC-1', amount: 5000 });
		expect(requested.status).toBe(200);
		const { cancellation } = requested.data;
		expect(cancellation).toMatchObject({
			status: 'REQUESTED',
			totalAmount: 5000,
			reason: 'ref:ASYNC-1',
		});
		expect(cancellation).not.toHaveProperty('receiptUrl');
		const pending = (await t.api.get('/payments/pay-async-0001')).data;
		expect(pending).toMatchObject({ status: 'PAID', amount: { cancelled: 0 } });
		expect(pending.cancellations).toEqual([cancellation]);
		expect(moved('pay-async-0001')).toBe(0);
		// The reserved 5,000 is not cancellable again: the balance check sees 15,000.
		const twice = await cancel('pay-async-0001', {
			reason: 'ref:ASYNC-1',
			amount: 5000,
			currentCancellableAmount: 20000,
		});
		expect(twice.data.type).toBe('CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN');
		t.sim.clock.advance(600);
		const done = t.sim.payments.completeCancellation('pay-async-0001');
		expect(done).toMatchObject({ id: cancellation.id, status: 'SUCCEEDED' });
		const after = (await t.api.get('/payments/pay-async-0001')).data;
		expect(after).toMatchObject({ status: 'PARTIAL_CANCELLED', amount: { cancelled: 5000 } });
		expect(Date.parse(after.cancelledAt) - Date.parse(cancellation.requestedAt)).toBe(600_000);
		expect(moved('pay-async-0001')).toBe(1);
		expect(eventTypes()).toEqual([
			'Transaction.CancelPending pay-async-0001',
			'Transaction.PartialCancelled pay-async-0001',
		]);
		expect(t.sim.webhooks.events.map((e) => e.data.cancellationId)).toEqual([
			cancellation.id,
			cancellation.id,
		]);
	});

	test('REQUESTED that the PG then fails: no money, the balance is free again', async () => {
		const { data } = await cancel('pay-async-0001', { reason: 'x' });
		expect(
			t.sim.payments.completeCancellation('pay-async-0001', {
				outcome: 'FAILED',
				cancellationId: data.cancellation.id,
			}).status,
		).toBe('FAILED');
		expect(() => t.sim.payments.completeCancellation('pay-async-0001')).toThrow(/no REQUESTED/);
		expect(moved('pay-async-0001')).toBe(0);
		expect(
			(await cancel('pay-async-0001', { reason: 'x', currentCancellableAmount: 20000 })).data
				.cancellation.status,
		).toBe('REQUESTED');
	});

	test('FAILED after accepting: 200 with a FAILED cancellation, no money, no webhook', async () => {
		const answer = await cancel('pay-fail-after-0001', { reason: 'x', amount: 1000 });
		expect(answer.status).toBe(200);
		expect(answer.data.cancellation).toMatchObject({ status: 'FAILED', totalAmount: 1000 });
		const payment = (await t.api.get('/payments/pay-fail-after-0001')).data;
		expect(payment).toMatchObject({ status: 'PAID', amount: { cancelled: 0 } });
		expect(payment.cancellations.map((c) => c.status)).toEqual(['FAILED']);
		expect(moved('pay-fail-after-0001')).toBe(0);
		expect(t.sim.webhooks.events).toEqual([]);
	});

	test("setCancelMode switches one payment's PG behaviour", async () => {
		t.sim.payments.setCancelMode('pay-card-0002', 'refuse');
		expect((await cancel('pay-card-0002', { reason: 'x' })).status).toBe(502);
		t.sim.payments.setCancelMode('pay-card-0002', 'request');
		expect((await cancel('pay-card-0002', { reason: 'x' })).data.cancellation.status).toBe(
			'REQUESTED',
		);
	});
});
