'use strict';
/**
 * The yardstick: PortOne's own server SDK (@portone/server-sdk 0.19.0) against the V2 simulator,
 * here CashReceiptClient: receipts its `isUnrecognized*` guards know, and each documented error as
 * the operation's own error class with a `data.type` the SDK declares for it (helpers/portoneSdk.js).
 */
const { CashReceiptClient, Payment } = require('@portone/server-sdk');
const { simulatorPerTest } = require('./helpers/portoneHttp');
const { sdkFor, expectSdkError, RECEIPT } = require('./helpers/portoneSdk');

const { CashReceipt } = Payment;
const t = simulatorPerTest();
let sdk;
beforeEach(() => {
	sdk = sdkFor(t);
});

describe('CashReceiptClient', () => {
	const ISSUE = {
		paymentId: 'ext-sdk-0001',
		channelKey: 'channel-key-live-kcp',
		type: 'PERSONAL',
		orderName: 'x',
		currency: 'KRW',
		amount: { total: 5500 },
		customer: { identityNumber: '01012345678' },
	};

	test('getCashReceiptByPaymentId, issueCashReceipt, cancelCashReceiptByPaymentId, getCashReceipts', async () => {
		const receipts = sdk.payment.cashReceipt;
		const found = await receipts.getCashReceiptByPaymentId({ paymentId: 'pay-transfer-0001' });
		expect(found).toMatchObject({ status: 'ISSUED', amount: 33000 });
		expect(CashReceipt.isUnrecognizedCashReceipt(found)).toBe(false);
		const issued = await receipts.issueCashReceipt(ISSUE);
		expect(Object.keys(issued.cashReceipt).sort()).toEqual(['issueNumber', 'pgReceiptId', 'url']);
		const cancelled = await receipts.cancelCashReceiptByPaymentId({ paymentId: 'ext-sdk-0001' });
		expect(cancelled).toEqual({ cancelledAmount: 5500, cancelledAt: expect.any(String) });
		const { items, page } = await receipts.getCashReceipts({
			page: { size: 50 },
			sort: { by: 'ISSUED_AT', order: 'DESC' },
			filter: { statuses: ['FAILED'] },
		});
		expect(items.map((r) => r.status)).toEqual(['ISSUE_FAILED']);
		expect(page.totalCount).toBe(1);
		for (const r of (await receipts.getCashReceipts()).items)
			expect(CashReceipt.isUnrecognizedCashReceipt(r)).toBe(false);
		expect(t.sim.cashReceipts.cancellationsOf('ext-sdk-0001')).toBe(1);
	});

	test("each documented cash-receipt error as the operation's SDK error class", async () => {
		const receipts = CashReceiptClient({
			secret: t.sim.accounts.list[0].apiSecret,
			baseUrl: t.sim.baseUrl,
		});
		await expectSdkError(
			() => receipts.getCashReceiptByPaymentId({ paymentId: 'pay-card-0001' }),
			CashReceipt.GetCashReceiptError,
			RECEIPT,
			'CASH_RECEIPT_NOT_FOUND',
		);
		await expectSdkError(
			() => receipts.cancelCashReceiptByPaymentId({ paymentId: 'pay-card-0001' }),
			CashReceipt.CancelCashReceiptError,
			RECEIPT,
			'CASH_RECEIPT_NOT_FOUND',
		);
		await expectSdkError(
			() => receipts.cancelCashReceiptByPaymentId({ paymentId: 'pay-receipt-failed-0001' }),
			CashReceipt.CancelCashReceiptError,
			RECEIPT,
			'CASH_RECEIPT_NOT_ISSUED',
		);
		await expectSdkError(
			() => receipts.cancelCashReceiptByPaymentId({ paymentId: 'pay-receipt-pg-error-0001' }),
			CashReceipt.CancelCashReceiptError,
			RECEIPT,
			'PG_PROVIDER',
		);
		await expectSdkError(
			() => receipts.issueCashReceipt({ ...ISSUE, paymentId: 'pay-transfer-0001' }),
			CashReceipt.IssueCashReceiptError,
			RECEIPT,
			'CASH_RECEIPT_ALREADY_ISSUED',
		);
		await expectSdkError(
			() => receipts.issueCashReceipt({ ...ISSUE, channelKey: 'channel-key-nope' }),
			CashReceipt.IssueCashReceiptError,
			RECEIPT,
			'CHANNEL_NOT_FOUND',
		);
		await expectSdkError(
			() => receipts.issueCashReceipt({ ...ISSUE, channelKey: 'channel-key-pg-error' }),
			CashReceipt.IssueCashReceiptError,
			RECEIPT,
			'PG_PROVIDER',
		);
		await expectSdkError(
			() => receipts.issueCashReceipt({ ...ISSUE, type: 'NOPE' }),
			CashReceipt.IssueCashReceiptError,
			RECEIPT,
			'INVALID_REQUEST',
		);
		await expectSdkError(
			() => receipts.getCashReceipts({ filter: { statuses: ['ISSUE_FAILED'] } }),
			CashReceipt.GetCashReceiptsError,
			RECEIPT,
			'INVALID_REQUEST',
		);
		// The SDK sends cancelCashReceiptByPaymentId's storeId as a query parameter (the spec's place for it).
		await expectSdkError(
			() =>
				receipts.cancelCashReceiptByPaymentId({
					paymentId: 'pay-transfer-0001',
					storeId: t.storeB,
				}),
			CashReceipt.CancelCashReceiptError,
			RECEIPT,
			'FORBIDDEN',
		);
	});
});
