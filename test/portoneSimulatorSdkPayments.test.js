'use strict';
/**
 * The yardstick: PortOne's own server SDK (@portone/server-sdk 0.19.0) against the V2 simulator,
 * here PaymentClient.getPayment and getPayments. Each call gets what the SDK expects: objects its
 * `isUnrecognized*` guards know, and on errors the operation's own error class with a `data.type`
 * the SDK declares for it (helpers/portoneSdk.js).
 */
const { PaymentClient, Payment } = require('@portone/server-sdk');
const { simulatorPerTest } = require('./helpers/portoneHttp');
const { sdkFor, expectSdkError, PAY } = require('./helpers/portoneSdk');

const t = simulatorPerTest();
let sdk;
beforeEach(() => {
	sdk = sdkFor(t);
});

describe('PaymentClient.getPayment / getPayments', () => {
	test('every seeded status comes back as a Payment the SDK recognises', async () => {
		const seen = new Set();
		for (const id of t.sim.payments.ids()) {
			if (t.sim.payments.record(id).storeId !== t.storeA1) continue;
			const payment = await sdk.payment.getPayment({ paymentId: id });
			expect(payment.id).toBe(id);
			expect(Payment.isUnrecognizedPayment(payment)).toBe(false);
			if (payment.method) expect(Payment.isUnrecognizedPaymentMethod(payment.method)).toBe(false);
			for (const c of payment.cancellations ?? [])
				expect(Payment.isUnrecognizedPaymentCancellation(c)).toBe(false);
			if (payment.cashReceipt)
				expect(Payment.isUnrecognizedPaymentCashReceipt(payment.cashReceipt)).toBe(false);
			seen.add(payment.status);
		}
		expect([...seen].sort()).toEqual([
			'CANCELLED',
			'FAILED',
			'PAID',
			'PARTIAL_CANCELLED',
			'PAY_PENDING',
			'READY',
			'VIRTUAL_ACCOUNT_ISSUED',
		]);
		expect(
			(await sdk.payment.getPayment({ paymentId: 'pay-store-a2-0001', storeId: t.storeA2 }))
				.storeId,
		).toBe(t.storeA2);
		expect((await sdk.payment.getPayment({ paymentId: 'order_v1_0001' })).version).toBe('V1');
	});

	test('an id with "/", spaces and Korean round-trips through the SDK\'s encodeURIComponent', async () => {
		t.sim.payments.add({ id: '주문/2026 03#1', total: 4321 });
		expect((await sdk.payment.getPayment({ paymentId: '주문/2026 03#1' })).amount.total).toBe(4321);
	});

	test('PAYMENT_NOT_FOUND, UNAUTHORIZED and FORBIDDEN are GetPaymentError', async () => {
		const { GetPaymentError } = Payment;
		await expectSdkError(
			() => sdk.payment.getPayment({ paymentId: 'pay-nope' }),
			GetPaymentError,
			PAY,
			'PAYMENT_NOT_FOUND',
		);
		const stranger = PaymentClient({ secret: 'not-a-secret', baseUrl: t.sim.baseUrl });
		await expectSdkError(
			() => stranger.getPayment({ paymentId: 'pay-card-0001' }),
			GetPaymentError,
			PAY,
			'UNAUTHORIZED',
		);
		await expectSdkError(
			() => sdk.payment.getPayment({ paymentId: 'pay-card-0001', storeId: t.storeB }),
			GetPaymentError,
			PAY,
			'FORBIDDEN',
		);
	});

	test('getPayments pages with ?requestBody= until a short page; filters as the SDK types them', async () => {
		t.sim.payments.addMany(25, { prefix: 'pay-sdk-page-' });
		const seen = [];
		for (let number = 0; number < 20; number++) {
			const { items, page } = await sdk.payment.getPayments({
				page: { number, size: 10 },
				filter: { textSearch: [{ field: 'PAYMENT_ID', value: 'pay-sdk-page-' }] },
			});
			expect(page).toMatchObject({ number, size: 10 });
			seen.push(...items.map((p) => p.id));
			if (items.length < 10) break;
		}
		expect(seen.sort()).toEqual(
			t.sim.payments
				.ids()
				.filter((id) => id.startsWith('pay-sdk-page-'))
				.sort(),
		);
		expect(t.sim.requests('GET', '/payments').every((e) => e.query.has('requestBody'))).toBe(true);
		// The SDK's own PaymentStatus type says PENDING, and that is what selects PAY_PENDING.
		expect(
			(await sdk.payment.getPayments({ filter: { status: ['PENDING'] } })).items.map(
				(p) => p.status,
			),
		).toEqual(['PAY_PENDING']);
	});

	test('a page past the 60,000 bound and a bad filter value are GetPaymentsError INVALID_REQUEST', async () => {
		const { GetPaymentsError } = Payment;
		await expectSdkError(
			() => sdk.payment.getPayments({ page: { number: 6000, size: 10 } }),
			GetPaymentsError,
			PAY,
			'INVALID_REQUEST',
		);
		await expectSdkError(
			() => sdk.payment.getPayments({ filter: { status: ['PAY_PENDING'] } }),
			GetPaymentsError,
			PAY,
			'INVALID_REQUEST',
		);
	});
});
