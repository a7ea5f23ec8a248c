import type { OutcomeTable } from '../../../../engine/outcome';
import { outcomeOf } from '../../../../engine/outcome';
import type { ItemResult } from '../../../../engine/types';
import type { PortOneAnswer } from '../../../transport/answer';
import type { Cancellation, Payment } from '../shared';
import type { RefundRow } from './input';
import { leftOf, referenceOf } from './rules';

/**
 * POST /payments/{paymentId}/cancel (cancelPayment): every error type its schema declares, at its
 * `x-portone-status-code` (portone-io/developers.portone.io `src/schema/v2.openapi.json`), as an
 * outcome word. 422 is not declared: the simulator's answer (after the IETF draft PortOne's API
 * overview cites) to an Idempotency-Key reused for another request.
 */
export const cancelOutcomes: OutcomeTable = {
	success: 'refunded',
	byStatus: {
		400: 'invalid_request',
		403: 'forbidden',
		404: 'not_found',
		409: 'rejected',
		422: 'idempotency_conflict',
		502: 'pg_rejected',
	},
	byType: {
		INVALID_REQUEST: 'invalid_request',
		NEGATIVE_PROMOTION_ADJUSTED_CANCEL_AMOUNT: 'negative_promotion_amount',
		PROMOTION_DISCOUNT_RETAIN_OPTION_SHOULD_NOT_BE_CHANGED: 'promotion_option_changed',
		FORBIDDEN: 'forbidden',
		PAYMENT_NOT_FOUND: 'not_found',
		PAYMENT_NOT_PAID: 'not_paid',
		PAYMENT_ALREADY_CANCELLED: 'already_refunded',
		CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN: 'balance_changed',
		CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT: 'exceeds_balance',
		SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT: 'parts_exceed_amount',
		CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT: 'tax_free_exceeds_balance',
		CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT: 'tax_exceeds_balance',
		MAX_CANCEL_COUNT_REACHED: 'max_cancel_count_reached',
		PG_PROVIDER: 'pg_rejected',
	},
};

/** Success words: a refund done, under way, found done, or reported by a dry run. */
const SUCCESS = new Set([
	'refunded',
	'partially_refunded',
	'refund_requested',
	'already_refunded',
	'would_refund',
]);

export const refusalOutcome = (answer: PortOneAnswer) => outcomeOf(answer, cancelOutcomes);

/** What an outcome rests on: the payment as last seen, the answer, the cancellation, the amounts. */
export interface Basis {
	payment?: Payment;
	answer: PortOneAnswer;
	cancellation?: Cancellation;
	/** what the row asks; for Full, what was left at the look-up */
	asked?: number;
	/** what this row's refund took off the balance, when PortOne says it succeeded */
	refunded?: number;
	/** what is left, when it differs from the payment as seen (a refund this run made) */
	left?: number;
	notSent?: string;
	sent?: { idempotencyKey: string; currentCancellableAmount: number };
}

/** The refund's output item: ids, outcome word, amounts asked / refunded / left, and what PortOne said. */
export function resultFor(row: RefundRow, outcome: string, basis: Basis): ItemResult {
	const { payment, answer, cancellation } = basis;
	const { response, ...report } = answer.report;
	return {
		success: SUCCESS.has(outcome),
		json: {
			paymentId: row.paymentId,
			outcome,
			refund_mode: row.mode,
			refund_amount: basis.asked ?? row.amount ?? null,
			refunded_amount: basis.refunded ?? 0,
			remaining_amount: basis.left ?? (payment ? leftOf(payment) : null),
			cancellation_id: cancellation?.id ?? null,
			cancellation_status: cancellation?.status ?? null,
			refund_reference: referenceOf(row),
			refund_reference_derived: row.reference === undefined,
			idempotency_key: basis.sent?.idempotencyKey ?? null,
			...(basis.notSent ? { not_sent_reason: basis.notSent } : {}),
			...report,
			cancellation: cancellation ?? null,
			payment: payment ?? (response as Payment | null) ?? null,
		},
	};
}
