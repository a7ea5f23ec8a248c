import type { IDataObject } from 'n8n-workflow';

import { derivedReference, referenceToken } from '../../../../engine/refundReference';

export { checkReference, referenceToken } from '../../../../engine/refundReference';

/**
 * The refund's pure rules over i'mport's Payment (PaymentAnnotation: amount, cancel_amount,
 * cancel_history; portone-io/developers.portone.io `src/schema/v1.openapi.json`).
 */

export type Payment = IDataObject;
export type CancelEntry = IDataObject;

/** What is left to refund: amount - cancel_amount (never read from `status`: partly refunded payments say "cancelled"). */
export function remainingOf(payment: Payment): number {
	return Number(payment.amount ?? 0) - Number(payment.cancel_amount ?? 0);
}

export const historyOf = (payment: Payment): CancelEntry[] =>
	Array.isArray(payment.cancel_history) ? (payment.cancel_history as CancelEntry[]) : [];

/** Entries are told apart by cancellation_id, or by what they hold when a PG gives none. */
export const entryKey = (entry: CancelEntry) =>
	entry.cancellation_id
		? `id:${String(entry.cancellation_id)}`
		: `at:${String(entry.pg_tid)}|${String(entry.cancelled_at)}|${String(entry.amount)}|${String(entry.reason)}`;

/**
 * The reference a refund of `payment` carries: the row's own, or for a partial refund without one,
 * the one derived from the payment's imp_uid and the amount (the same on every run of the row).
 * A full refund without a reference needs none: a re-run finds nothing left.
 */
export function referenceFor(
	row: { reference?: string; mode: 'full' | 'partial'; amount?: number },
	payment: Payment,
): string | undefined {
	if (row.reference !== undefined) return row.reference;
	if (row.mode !== 'partial' || row.amount === undefined) return undefined;
	return derivedReference(String(payment.imp_uid), row.amount);
}

/** The refund of a reference, in any of the payments (`reference` may differ per payment). */
export function entryWithReference(
	payments: Payment[],
	reference: string | ((payment: Payment) => string | undefined),
) {
	for (const payment of payments) {
		const given = typeof reference === 'function' ? reference(payment) : reference;
		if (given === undefined) continue;
		const token = referenceToken(given);
		const entry = historyOf(payment).find(
			(e) => typeof e.reason === 'string' && e.reason.includes(token),
		);
		if (entry) return { payment, entry };
	}
	return undefined;
}

/** The entries of `after` that `before` did not have. */
export function newEntries(after: Payment, before: Payment): CancelEntry[] {
	const known = new Set(historyOf(before).map(entryKey));
	return historyOf(after).filter((entry) => !known.has(entryKey(entry)));
}

/**
 * The cancel_history entry that is this refund: not there before, of the amount asked, and with
 * the reason sent, or (with a reference) a reason that carries the reference.
 */
export function newEntryOfRefund(
	after: Payment,
	before: Payment,
	sent: { amount: number; reason: string; reference?: string },
): CancelEntry | undefined {
	const sameReason = (reason: string) =>
		sent.reference !== undefined
			? reason.includes(referenceToken(sent.reference))
			: reason.trim() === sent.reason;
	return newEntries(after, before).find(
		(entry) => Number(entry.amount) === sent.amount && sameReason(String(entry.reason ?? '')),
	);
}

/** A payment that was never paid (a virtual account not deposited yet, a failed attempt) has nothing to refund. */
export const wasPaid = (payment: Payment) =>
	Number(payment.paid_at ?? 0) > 0 || Number(payment.cancel_amount ?? 0) > 0;

/**
 * Of all attempts under one merchant_uid, the one to refund: the only one with money left; else
 * (all refunded) the latest paid one; else the latest. More than one with money left is ambiguous.
 */
export function choosePayment(
	attempts: Payment[],
): { payment: Payment } | { ambiguous: Payment[] } {
	const latestFirst = [...attempts].sort(
		(a, b) => Number(b.started_at ?? 0) - Number(a.started_at ?? 0),
	);
	const refundable = latestFirst.filter((p) => wasPaid(p) && remainingOf(p) > 0);
	if (refundable.length > 1) return { ambiguous: refundable };
	return { payment: refundable[0] ?? latestFirst.find(wasPaid) ?? latestFirst[0] };
}
