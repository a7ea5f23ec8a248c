'use strict';
/**
 * POST /payments/{paymentId}/cancel of the PortOne V2 simulator over plain HTTP, the cancels that
 * succeed: full and partial, the currentCancellableAmount balance check, the reason as sent,
 * skipWebhook, virtual-account refunds, V1 and mixed-tax payments; money moves exactly once per
 * successful cancellation.
 */
const { simulatorPerTest } = require('./helpers/portoneHttp');
const { cancelling, REFUND_ACCOUNT } = require('./helpers/portoneSimulatorCancel');

const t = simulatorPerTest();
const { cancel, moved, eventTypes } = cancelling(t);

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
