'use strict';
/**
 * POST /payments/{paymentId}/cancel of the PortOne V2 simulator over plain HTTP: every documented
 * error type at its status, and no money moved by any of them.
 */
const { simulatorPerTest } = require('./helpers/portoneHttp');
const { cancelling, REFUND_ACCOUNT } = require('./helpers/portoneSimulatorCancel');

const t = simulatorPerTest();
const { cancel, moved } = cancelling(t);

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
