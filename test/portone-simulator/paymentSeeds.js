'use strict';
/**
 * The named payments and cash receipts every simulator starts with (times relative to its clock).
 * Store A1 (account A's default) unless noted; amounts in KRW.
 *
 *   paymentId                   status                  kind / channel                         total  notes
 *   pay-card-0001               PAID                    card, live KCP_V2                     10,000
 *   pay-card-0002               PAID                    card, live KCP_V2                     50,000
 *   pay-test-card-0001          PAID                    card, TEST channel                     1,000  isTest
 *   pay-easypay-0001            PAID                    easy pay (KAKAOPAY)                   12,000
 *   pay-transfer-0001           PAID                    transfer, cash receipt ISSUED         33,000
 *   pay-vbank-paid-0001         PAID                    virtual account: refundAccount needed 30,000  cash receipt ISSUED
 *   pay-partial-0001            PARTIAL_CANCELLED       card, 3,000 cancelled once            10,000  next cancellable 7,000
 *   pay-cancelled-0001          CANCELLED               card                                  20,000
 *   pay-ready-0001              READY                   (no method yet)                       10,000
 *   pay-pending-0001            PAY_PENDING             easy pay on PAYPAL_V2                 10,000
 *   pay-vbank-issued-0001       VIRTUAL_ACCOUNT_ISSUED  virtual account, not paid             15,000
 *   pay-failed-0001             FAILED                  card                                  12,000
 *   pay-mixed-tax-0001          PAID                    card, taxFree 5,500                   11,000
 *   pay-promotion-0001          PAID                    card, promotion 3,000 off from 11,000 12,000  paid 9,000
 *   pay-async-0001              PAID                    card on TRIPLE_A: cancels REQUESTED   20,000
 *   pay-fail-after-0001         PAID                    card on SMARTRO_V2: cancels FAILED    20,000
 *   pay-pg-error-0001           PAID                    card on KSNET: cancels 502 PG_PROVIDER 25,000
 *   pay-max-cancel-0001         PARTIAL_CANCELLED       card, cap of 2 attempts, 2 used       10,000  MAX_CANCEL_COUNT_REACHED
 *   pay-old-0001                PAID                    card, paid 120 days ago               40,000  outside the 90-day default
 *   pay-store-a2-0001           PAID                    card, store A2 (named storeId only)   11,000
 *   pay-store-b-0001            PAID                    card, store B (account B)             13,000
 *   order_v1_0001               PAID                    V1 payment: version V1, imp_uid tx    10,000  transactionId imp_100000000001
 *   order_v1_0002               CANCELLED               V1 payment                             5,000  transactionId imp_100000000002
 *
 * Cash receipts (besides the two above): pay-receipt-cancelled-0001 (payment PAID, receipt
 * CANCELLED), pay-receipt-failed-0001 (ISSUE_FAILED), pay-receipt-pg-error-0001 (ISSUED on KSNET:
 * cancel answers 502), ext-order-0001 (manual, no PortOne payment).
 *
 * `payments.add(fields)`: id (required), storeId, status (READY | PAY_PENDING |
 * VIRTUAL_ACCOUNT_ISSUED | PAID | FAILED; cancelled states come from `cancellations`), method
 * ('card' | 'virtualAccount' | 'transfer' | 'easyPay'), channelKey, isTest, total, taxFree, vat,
 * promotion { id, discount, minimumOrder }, version, transactionId, orderName, customer,
 * customData, requestedAt / paidAt / statusChangedAt (epoch ms), cancellations [{ totalAmount,
 * taxFreeAmount?, vatAmount?, reason?, status? }], cancelMode (overrides the channel's: 'succeed' |
 * 'request' | 'failAfterAccept' | 'refuse'), maxCancelCount.
 */

const { STORE_A2, STORE_B } = require('./accounts');

const DAY_MS = 86400_000;

function seedPayments(payments, receipts, clock) {
	const now = clock.nowMs();
	const ago = (days) => now - days * DAY_MS;
	const add = (id, fields = {}) =>
		payments.add({ id, requestedAt: ago(1) - 60_000, paidAt: ago(1), ...fields });

	add('pay-card-0001', { total: 10000, orderName: '티셔츠' });
	add('pay-card-0002', { total: 50000, requestedAt: ago(2) - 60_000, paidAt: ago(2) });
	add('pay-test-card-0001', { total: 1000, isTest: true });
	add('pay-easypay-0001', { total: 12000, method: 'easyPay', channelKey: 'channel-key-kakaopay' });
	add('pay-transfer-0001', { total: 33000, method: 'transfer' });
	add('pay-vbank-paid-0001', { total: 30000, method: 'virtualAccount' });
	add('pay-partial-0001', {
		total: 10000,
		cancellations: [
			{ totalAmount: 3000, vatAmount: 273, reason: '부분 환불', cancelledAt: ago(0.5) },
		],
	});
	add('pay-cancelled-0001', {
		total: 20000,
		cancellations: [
			{ totalAmount: 20000, vatAmount: 1818, reason: '전액 환불', cancelledAt: ago(0.5) },
		],
	});
	add('pay-ready-0001', { status: 'READY', paidAt: undefined, statusChangedAt: ago(1) - 60_000 });
	add('pay-pending-0001', {
		status: 'PAY_PENDING',
		method: 'easyPay',
		channelKey: 'channel-key-paypal',
		statusChangedAt: ago(1),
	});
	add('pay-vbank-issued-0001', {
		status: 'VIRTUAL_ACCOUNT_ISSUED',
		total: 15000,
		method: 'virtualAccount',
		statusChangedAt: ago(1),
	});
	add('pay-failed-0001', {
		status: 'FAILED',
		total: 12000,
		failedAt: ago(1),
		statusChangedAt: ago(1),
	});
	add('pay-mixed-tax-0001', { total: 11000, taxFree: 5500, vat: 500 });
	add('pay-promotion-0001', {
		total: 12000,
		promotion: { id: 'promotion-0001', discount: 3000, minimumOrder: 11000 },
	});
	add('pay-async-0001', { total: 20000, channelKey: 'channel-key-async' });
	add('pay-fail-after-0001', { total: 20000, channelKey: 'channel-key-fail-after' });
	add('pay-pg-error-0001', { total: 25000, channelKey: 'channel-key-pg-error' });
	add('pay-max-cancel-0001', {
		total: 10000,
		maxCancelCount: 2,
		cancellations: [
			{ totalAmount: 1000, reason: '1차', cancelledAt: ago(0.9) },
			{ totalAmount: 1000, reason: '2차', cancelledAt: ago(0.8) },
		],
	});
	add('pay-old-0001', { total: 40000, requestedAt: ago(120) - 60_000, paidAt: ago(120) });
	add('pay-store-a2-0001', { total: 11000, storeId: STORE_A2, channelKey: 'channel-key-a2-live' });
	add('pay-store-b-0001', { total: 13000, storeId: STORE_B, channelKey: 'channel-key-b-live' });
	add('order_v1_0001', {
		total: 10000,
		version: 'V1',
		transactionId: 'imp_100000000001',
		channelKey: 'channel-key-v1-kcp',
	});
	add('order_v1_0002', {
		total: 5000,
		version: 'V1',
		transactionId: 'imp_100000000002',
		channelKey: 'channel-key-v1-kcp',
		cancellations: [
			{ totalAmount: 5000, vatAmount: 454, reason: 'V1 환불', cancelledAt: ago(0.5) },
		],
	});
	add('pay-receipt-cancelled-0001', { total: 22000, method: 'transfer' });
	add('pay-receipt-failed-0001', { total: 8000, method: 'transfer' });
	add('pay-receipt-pg-error-0001', {
		total: 9000,
		method: 'transfer',
		channelKey: 'channel-key-pg-error',
	});

	receipts.addForPayment('pay-transfer-0001');
	receipts.addForPayment('pay-vbank-paid-0001');
	receipts.addForPayment('pay-receipt-cancelled-0001', {
		status: 'CANCELLED',
		cancelledAt: ago(0.5),
	});
	receipts.addForPayment('pay-receipt-failed-0001', { status: 'ISSUE_FAILED' });
	receipts.addForPayment('pay-receipt-pg-error-0001');
	receipts.addManual({
		paymentId: 'ext-order-0001',
		amount: 44000,
		orderName: '외부 주문',
		issuedAt: ago(3),
	});
}

module.exports = { seedPayments, DAY_MS };
