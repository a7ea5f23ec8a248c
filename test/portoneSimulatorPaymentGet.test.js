'use strict';
/**
 * GET /payments/{paymentId} of the PortOne V2 simulator over plain HTTP: the Payment shape per
 * status, amounts and cancellations, methods and channels, V1 payments seen through V2, and 404.
 */
const { simulatorPerTest, START } = require('./helpers/portoneHttp');

const t = simulatorPerTest();

describe('GET /payments/{paymentId}', () => {
	const COMMON = [
		'status',
		'id',
		'transactionId',
		'merchantId',
		'storeId',
		'version',
		'requestedAt',
		'updatedAt',
		'statusChangedAt',
		'orderName',
		'amount',
		'currency',
		'customer',
		'origin',
	];
	test.each([
		['pay-ready-0001', 'READY', []],
		['pay-pending-0001', 'PAY_PENDING', ['channel', 'method', 'pgTxId']],
		['pay-vbank-issued-0001', 'VIRTUAL_ACCOUNT_ISSUED', ['channel', 'method']],
		['pay-card-0001', 'PAID', ['channel', 'method', 'paidAt', 'pgTxId', 'disputes']],
		[
			'pay-partial-0001',
			'PARTIAL_CANCELLED',
			['channel', 'cancellations', 'cancelledAt', 'paidAt'],
		],
		['pay-cancelled-0001', 'CANCELLED', ['channel', 'cancellations', 'cancelledAt']],
		['pay-failed-0001', 'FAILED', ['failedAt', 'failure']],
	])('%s answers status %s with the fields its schema requires', async (id, status, extra) => {
		const { status: http, data } = await t.api.get(`/payments/${id}`);
		expect(http).toBe(200);
		expect(data.status).toBe(status);
		for (const field of [...COMMON, ...extra]) expect(data).toHaveProperty(field);
		expect(Object.keys(data.amount).sort()).toEqual([
			'cancelled',
			'cancelledTaxFree',
			'discount',
			'paid',
			'supply',
			'taxFree',
			'total',
			'vat',
		]);
		expect(data.version).toBe('V2');
		expect(data.storeId).toBe(t.storeA1);
	});

	test('amounts of a partly cancelled payment, its cancellation as recorded', async () => {
		const { data } = await t.api.get('/payments/pay-partial-0001');
		expect(data.amount).toEqual({
			total: 10000,
			taxFree: 0,
			vat: 909,
			supply: 9091,
			discount: 0,
			paid: 10000,
			cancelled: 3000,
			cancelledTaxFree: 0,
		});
		expect(data.cancellations).toEqual([
			expect.objectContaining({
				status: 'SUCCEEDED',
				totalAmount: 3000,
				taxFreeAmount: 0,
				vatAmount: 273,
				reason: '부분 환불',
				trigger: 'API',
			}),
		]);
		expect(data.cancelledAt).toBe(data.cancellations[0].cancelledAt);
		expect(Date.parse(data.cancelledAt)).toBeLessThan(START);
	});

	test('methods, channels and test payments', async () => {
		expect((await t.api.get('/payments/pay-card-0001')).data.method.type).toBe('PaymentMethodCard');
		expect((await t.api.get('/payments/pay-easypay-0001')).data.method).toMatchObject({
			type: 'PaymentMethodEasyPay',
			provider: 'KAKAOPAY',
		});
		const vbank = (await t.api.get('/payments/pay-vbank-paid-0001')).data;
		expect(vbank.method).toMatchObject({ type: 'PaymentMethodVirtualAccount', bank: 'SHINHAN' });
		expect(vbank.cashReceipt).toMatchObject({ status: 'ISSUED', totalAmount: 30000 });
		expect((await t.api.get('/payments/pay-test-card-0001')).data.channel.type).toBe('TEST');
		expect((await t.api.get('/payments/pay-card-0001')).data.channel).toMatchObject({
			type: 'LIVE',
			pgProvider: 'KCP_V2',
			key: 'channel-key-live-kcp',
		});
	});

	test('a V1 payment seen through V2: version V1, transactionId = imp_uid, paymentId = merchant_uid', async () => {
		const { data } = await t.api.get('/payments/order_v1_0001');
		expect(data).toMatchObject({
			version: 'V1',
			transactionId: 'imp_100000000001',
			id: 'order_v1_0001',
			status: 'PAID',
		});
		expect((await t.api.get('/payments/order_v1_0002')).data).toMatchObject({
			version: 'V1',
			status: 'CANCELLED',
		});
		expect((await t.api.get('/payments/imp_100000000001')).status).toBe(404);
	});

	test('an unknown paymentId is 404 PAYMENT_NOT_FOUND; payments.get gives the same object as the API', async () => {
		const missing = await t.api.get('/payments/pay-nope');
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({ type: 'PAYMENT_NOT_FOUND', message: expect.any(String) });
		expect((await t.api.get('/payments/pay-card-0002')).data).toEqual(
			t.sim.payments.get('pay-card-0002'),
		);
	});
});
