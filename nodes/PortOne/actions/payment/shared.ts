import type { IDataObject } from 'n8n-workflow';

import type { OutcomeTable } from '../../../engine/outcome';

/**
 * GET /payments/{paymentId} (getPayment): 404 PAYMENT_NOT_FOUND, 400 INVALID_REQUEST, 403 FORBIDDEN
 * (portone-io/developers.portone.io `src/schema/v2.openapi.json`). The refund's look-up too.
 */
export const lookupOutcomes: OutcomeTable = {
	success: 'found',
	byStatus: { 400: 'invalid_request', 403: 'forbidden', 404: 'not_found' },
	byType: {
		PAYMENT_NOT_FOUND: 'not_found',
		INVALID_REQUEST: 'invalid_request',
		FORBIDDEN: 'forbidden',
	},
};

export type Payment = IDataObject;
export type Cancellation = IDataObject;

/** A payment's amounts (PaymentAmount: whole won, total, cancelled, taxFree, ...). */
export const amountOf = (payment: Payment) => (payment.amount ?? {}) as IDataObject;

/**
 * What is left to refund: total − cancelled. PortOne has no such field; this is what its refund
 * guide sends as currentCancellableAmount (10,000 paid, nothing cancelled: 10,000). With a
 * promotion, cancel amounts are in pre-discount order terms, and so is this.
 */
export function cancellableOf(payment: Payment): number {
	const amount = amountOf(payment);
	return Number(amount.total ?? 0) - Number(amount.cancelled ?? 0);
}

export const cancellationsOf = (payment: Payment): Cancellation[] =>
	Array.isArray(payment.cancellations) ? (payment.cancellations as Cancellation[]) : [];

/** Statuses of a payment money was paid on (a partly or fully cancelled one was paid too). */
export const PAID_STATUSES = ['PAID', 'PARTIAL_CANCELLED', 'CANCELLED'];

/** A V2 payment in short (Simplify): what an operator decides on; PortOne's whole Payment otherwise. */
export function simplifyPayment(payment: Payment): IDataObject {
	const amount = amountOf(payment);
	const total = Number(amount.total ?? 0);
	const cancelled = Number(amount.cancelled ?? 0);
	return {
		paymentId: payment.id ?? null,
		transactionId: payment.transactionId ?? null,
		status: payment.status ?? null,
		total,
		cancelled,
		remaining: total - cancelled,
		method: (payment.method as IDataObject | undefined)?.type ?? null,
		paidAt: payment.paidAt ?? null,
		orderName: payment.orderName ?? null,
		receiptUrl: payment.receiptUrl ?? null,
	};
}
