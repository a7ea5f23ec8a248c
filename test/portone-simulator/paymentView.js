'use strict';
/**
 * The `Payment` object the API answers for a payment record, shaped by its status's schema
 * (portone-io/developers.portone.io `src/schema/v2.openapi.json`: Payment oneOf on `status` —
 * ReadyPayment, PayPendingPayment, VirtualAccountIssuedPayment, PaidPayment,
 * PartialCancelledPayment, CancelledPayment, FailedPayment — with PaymentAmount,
 * PaymentCancellation, SelectedChannel, PaymentMethod*, PaymentCashReceipt).
 */

const PAID_LIKE = new Set(['PAID', 'PARTIAL_CANCELLED', 'CANCELLED']);

const iso = (ms) => (ms === undefined || ms === null ? undefined : new Date(ms).toISOString());
/** Drops undefined fields, as a JSON answer would. */
const plain = (value) => JSON.parse(JSON.stringify(value));

/** A PaymentMethod of the given kind ('card' | 'virtualAccount' | 'transfer' | 'easyPay'). */
function methodOf(kind, serial, at) {
	switch (kind) {
		case 'card':
			return {
				type: 'PaymentMethodCard',
				card: {
					publisher: 'BC',
					issuer: 'BC',
					brand: 'LOCAL',
					type: 'CREDIT',
					ownerType: 'PERSONAL',
					bin: '910020',
					name: 'BC카드',
					number: '91002012****1234',
				},
				approvalNumber: String(30000000 + serial),
				installment: { month: 0, isInterestFree: false },
				pointUsed: false,
			};
		case 'virtualAccount':
			return {
				type: 'PaymentMethodVirtualAccount',
				bank: 'SHINHAN',
				accountNumber: `5620${String(serial).padStart(8, '0')}`,
				accountType: 'NORMAL',
				remitteeName: '(주)예시상점',
				expiredAt: iso(at + 3 * 86400_000),
				issuedAt: iso(at),
			};
		case 'transfer':
			return { type: 'PaymentMethodTransfer', bank: 'KOOKMIN' };
		case 'easyPay':
			return {
				type: 'PaymentMethodEasyPay',
				provider: 'KAKAOPAY',
				easyPayMethod: { type: 'PaymentMethodEasyPayMethodCharge' },
			};
		default:
			throw new Error(`unknown payment method kind ${kind}`);
	}
}

function cancellationView(c) {
	return plain({
		status: c.status,
		id: c.id,
		pgCancellationId: c.pgCancellationId,
		totalAmount: c.totalAmount,
		taxFreeAmount: c.taxFreeAmount,
		vatAmount: c.vatAmount,
		reason: c.reason,
		cancelledAt: iso(c.cancelledAt),
		requestedAt: iso(c.requestedAt),
		receiptUrl: c.status === 'SUCCEEDED' ? c.receiptUrl : undefined,
		trigger: c.trigger,
	});
}

/** Payment.cashReceipt (ISSUED | CANCELLED only) and cashReceiptIssuanceStatus. */
function cashReceiptFields(receipt) {
	const out = { cashReceiptIssuanceStatus: receipt?.status === 'ISSUED' ? 'ISSUED' : 'NOT_ISSUED' };
	if (receipt && (receipt.status === 'ISSUED' || receipt.status === 'CANCELLED')) {
		out.cashReceipt = {
			status: receipt.status,
			type: receipt.type,
			pgReceiptId: receipt.pgReceiptId,
			issueNumber: receipt.issueNumber,
			totalAmount: receipt.amount,
			taxFreeAmount: receipt.taxFreeAmount,
			currency: receipt.currency,
			url: receipt.url,
			issuedAt: iso(receipt.issuedAt),
			cancelledAt: iso(receipt.cancelledAt),
		};
	}
	return out;
}

/** @param r a record; status/balance from the store; receipt the cash-receipt record or undefined */
function paymentView(r, { status, balance, receipt }) {
	const paid = PAID_LIKE.has(status) ? r.total - r.discount : 0;
	const channel = r.channel && {
		type: r.channel.type,
		id: r.channel.id,
		key: r.channel.key,
		name: r.channel.name,
		pgProvider: r.channel.pgProvider,
		pgMerchantId: r.channel.pgMerchantId,
	};
	const payment = {
		status,
		id: r.id,
		transactionId: r.transactionId,
		merchantId: r.merchantId,
		storeId: r.storeId,
		method: r.method,
		channel,
		version: r.version,
		requestedAt: iso(r.requestedAt),
		updatedAt: iso(r.updatedAt),
		statusChangedAt: iso(r.statusChangedAt),
		orderName: r.orderName,
		amount: {
			total: r.total,
			taxFree: r.taxFree,
			vat: r.vat,
			supply: r.total - r.taxFree - r.vat,
			discount: r.discount,
			paid,
			cancelled: balance.cancelled,
			cancelledTaxFree: balance.cancelledTaxFree,
		},
		currency: r.currency,
		customer: r.customer,
		origin: { platformType: 'PC', ipAddress: '127.0.0.1' },
		promotionId: r.promotion?.id,
		customData: r.customData,
	};
	if (status === 'PAY_PENDING' || status === 'VIRTUAL_ACCOUNT_ISSUED') payment.pgTxId = r.pgTxId;
	if (PAID_LIKE.has(status)) {
		Object.assign(payment, {
			paidAt: iso(r.paidAt),
			pgTxId: r.pgTxId,
			receiptUrl: `https://receipt.example.test/${encodeURIComponent(r.transactionId)}`,
			...cashReceiptFields(receipt),
		});
		if (status === 'PAID') payment.disputes = [];
		// PaidPayment.cancellations is optional ("결제 취소 요청 내역": REQUESTED / FAILED ones).
		if (r.cancellations.length > 0 || status !== 'PAID')
			payment.cancellations = r.cancellations.map(cancellationView);
		if (status !== 'PAID') {
			payment.cancelledAt = iso(
				Math.max(
					...r.cancellations.filter((c) => c.status === 'SUCCEEDED').map((c) => c.cancelledAt),
				),
			);
		}
	}
	if (status === 'FAILED')
		Object.assign(payment, { failedAt: iso(r.failedAt), failure: r.failure });
	return plain(payment);
}

module.exports = { paymentView, cancellationView, methodOf, PAID_LIKE };
