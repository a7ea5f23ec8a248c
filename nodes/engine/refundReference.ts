import { createHash } from 'node:crypto';

/**
 * A refund's reference: the one thing of an intended refund that the API keeps (written into the
 * refund's reason, the only free text both i'mport V1 and PortOne V2 store with a cancellation),
 * so that the same row run again finds its refund instead of paying twice.
 */

/** A reference is written into the reason as this token, so it can be found again exactly. */
export const referenceToken = (reference: string) => `[ref:${reference}]`;

/** A reference names one refund request: text without brackets or line breaks, at most 100 characters. */
export function checkReference(reference: string): string | undefined {
	if (/[[\]\r\n]/.test(reference)) return 'must not contain [, ] or line breaks';
	if (reference.length > 100) return 'must be at most 100 characters';
	return undefined;
}

/** Derived references start with this, so they are never mistaken for a user's own. */
export const DERIVED_PREFIX = 'auto-';

/**
 * The reference of a partial refund whose row gave none: derived from what the row intends (the
 * payment and the amount), the same on every run of the same row. Two refunds of the same amount
 * from the same payment therefore share it: the second is recognised as done, never paid twice;
 * a user who wants a second identical refund gives each its own reference.
 */
export function derivedReference(payment: string, amount: number): string {
	const intent = JSON.stringify(['partial-refund', payment, amount]);
	return `${DERIVED_PREFIX}${createHash('sha256').update(intent).digest('hex').slice(0, 16)}`;
}

/**
 * The reference of a full refund whose row gave none (where the API needs a reason, as PortOne
 * V2 does): derived from the payment alone, since a payment is refunded in full once.
 */
export function derivedFullReference(payment: string): string {
	const intent = JSON.stringify(['full-refund', payment]);
	return `${DERIVED_PREFIX}${createHash('sha256').update(intent).digest('hex').slice(0, 16)}`;
}

/** The reason as sent: the reference token (when there is a reference), then the user's reason. */
export function reasonWithReference(reference: string | undefined, userReason: string): string {
	const token = reference === undefined ? '' : referenceToken(reference);
	return [token, userReason].filter(Boolean).join(' ');
}
