import {
	derivedFullReference,
	derivedReference,
	referenceToken,
} from '../../../../engine/refundReference';
import { derivedKey } from '../../keys';
import type { Cancellation, Payment } from '../shared';
import { cancellableOf, cancellationsOf } from '../shared';

/**
 * The V2 refund's pure rules over PortOne's Payment (amount, cancellations; see
 * portone-io/developers.portone.io `src/schema/v2.openapi.json` Payment, PaymentCancellation).
 */

export interface RefundIntent {
	paymentId: string;
	mode: 'full' | 'partial';
	amount?: number;
	reference?: string;
}

/**
 * The reference a refund carries: the row's own, else one derived from its intent: for a partial
 * refund the payment and the amount (as V1), for a full one the payment alone (PortOne requires a
 * reason, and a full refund is one per payment).
 */
export function referenceOf(row: RefundIntent): string {
	if (row.reference !== undefined) return row.reference;
	if (row.mode === 'partial') return derivedReference(row.paymentId, row.amount as number);
	return derivedFullReference(row.paymentId);
}

/**
 * The Idempotency-Key of one refund request: the row's intent and the balance it is sent against
 * (currentCancellableAmount), never random. Every retry, and the same row run again while the
 * balance is the same, sends the same key and gets PortOne's stored answer (3 hours). Once the
 * balance moved (another row of the payment was refunded meanwhile), the request is another one
 * and gets its own key: reusing the old key with the new body would be refused (422
 * IDEMPOTENCY_KEY_REUSED, as the IETF draft PortOne follows says) for 3 hours, or answered with the
 * old request's answer. A second refund cannot come of it: the look-up finds the reference of a
 * refund done, and PortOne refunds a request only while the balance is the one it carries.
 */
export function idempotencyKeyOf(row: RefundIntent, currentCancellableAmount: number): string {
	return derivedKey([
		'portone-refund',
		row.paymentId,
		row.mode,
		row.amount ?? null,
		referenceOf(row),
		currentCancellableAmount,
	]);
}

/** Cancellations still being processed (an asynchronous PG): their amount is not cancellable again. */
const pendingOf = (payment: Payment) =>
	cancellationsOf(payment).filter((c) => c.status === 'REQUESTED');

/**
 * What is left to refund: total − cancelled − what REQUESTED cancellations hold (inferred: PortOne
 * does not say whether a pending cancellation counts; leaving it out could only make the balance
 * check refuse, never pay twice).
 */
export function leftOf(payment: Payment): number {
	return (
		cancellableOf(payment) -
		pendingOf(payment).reduce((sum, c) => sum + Number(c.totalAmount ?? 0), 0)
	);
}

/** The cancellation that carries the reference: done (SUCCEEDED) or under way (REQUESTED); a FAILED one is not. */
export function cancellationWithReference(
	payment: Payment,
	reference: string,
): Cancellation | undefined {
	const token = referenceToken(reference);
	return cancellationsOf(payment).find(
		(c) =>
			(c.status === 'SUCCEEDED' || c.status === 'REQUESTED') &&
			String(c.reason ?? '').includes(token),
	);
}

/** Whether the payment was ever paid (a cancelled one was): a READY, pending, issued or failed one has nothing to refund. */
export const wasPaid = (payment: Payment) =>
	['PAID', 'PARTIAL_CANCELLED', 'CANCELLED'].includes(String(payment.status));

/** A virtual-account payment needs the refund account (PaymentMethodVirtualAccount). */
export const isVirtualAccount = (payment: Payment) =>
	(payment.method as { type?: unknown } | undefined)?.type === 'PaymentMethodVirtualAccount';
