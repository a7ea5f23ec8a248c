import type { OutcomeTable } from '../../../../engine/outcome';
import { outcomeOf } from '../../../../engine/outcome';
import type { ItemResult } from '../../../../engine/types';
import type { IamportAnswer } from '../../../transport/answer';
import type { RefundItem } from './input';
import type { CancelEntry, Payment } from './rules';
import { remainingOf } from './rules';

/**
 * POST /payments/cancel: the spec documents only 200 and 401; refusals come as HTTP 200 with a
 * non-zero code, which `outcomeOf` calls `rejected`. A PG's refusal is code -1.
 */
const cancelOutcomes: OutcomeTable = { success: 'refunded', byStatus: {} };

/** A refusal's outcome: code -1 on HTTP 2xx is the PG's (medium confidence), any other code i'mport's own. */
export function refusalOutcome(answer: IamportAnswer) {
	const onHttp2xx = answer.httpStatus >= 200 && answer.httpStatus < 300;
	return onHttp2xx && answer.envelope.code === -1
		? 'pg_rejected'
		: outcomeOf(answer, cancelOutcomes);
}

/** What an outcome rests on: the payment as last seen, the answer, and the amounts. */
export interface Basis {
	payment?: Payment;
	/** the answer the outcome rests on: its code, message and HTTP status are reported */
	answer: IamportAnswer;
	refunded?: number;
	entry?: CancelEntry;
	/** what this item asks to refund; for Full, what was left at the look-up */
	asked?: number;
	/** the reference the refund carries (the row's, or derived from its intent) */
	reference?: string;
	/** why a row was not sent (a per-run limit) */
	notSent?: string;
}

/** The refund's output item: ids, outcome word, amounts asked / refunded / left, and the payment. */
export function resultFor(
	item: RefundItem,
	outcome: string,
	success: boolean,
	basis: Basis,
): ItemResult {
	const { payment, answer } = basis;
	const idOf = (field: string) =>
		(payment?.[field] as string | undefined) ??
		(item.target.idField === field ? item.target.id : null);
	return {
		success,
		json: {
			imp_uid: idOf('imp_uid'),
			merchant_uid: idOf('merchant_uid'),
			outcome,
			refund_mode: item.mode,
			refund_amount: basis.asked ?? item.amount ?? null,
			refunded_amount: basis.refunded ?? 0,
			remaining_amount: payment ? remainingOf(payment) : null,
			cancellation_id: (basis.entry?.cancellation_id as string | undefined) ?? null,
			refund_reference: basis.reference ?? item.reference ?? null,
			refund_reference_derived: item.reference === undefined && basis.reference !== undefined,
			...(basis.notSent ? { not_sent_reason: basis.notSent } : {}),
			code: answer.envelope.code,
			message: answer.envelope.message ?? null,
			payment: payment ?? null,
			http_status: answer.httpStatus,
		},
	};
}
