import type { Answer, ItemResult, Target } from './types';

/**
 * How an answer becomes an outcome word. An answer the API accepted is the operation's success
 * word; a refusal is looked up by the API's own error type (V2), then by HTTP status. Each
 * operation owns its table: a word per documented refusal of its call in the API's spec.
 */
export interface OutcomeTable {
	/** outcome word when the API accepted the request */
	success: string;
	/** outcome word per documented HTTP status of a refusal */
	byStatus: Record<number, string>;
	/** outcome word per error type the API names (V2's `type`), tried before the status */
	byType?: Record<string, string>;
}

/** A refusal answered with HTTP 2xx (V1: a non-zero code): explained only by its message. */
export const REJECTED = 'rejected';
/** A refusal the spec does not document for the call. */
export const FAILED = 'failed';

export function outcomeOf(answer: Answer, table: OutcomeTable): string {
	if (answer.ok) return table.success;
	const byType = answer.errorType === undefined ? undefined : table.byType?.[answer.errorType];
	if (byType !== undefined) return byType;
	if (answer.httpStatus >= 200 && answer.httpStatus < 300) return REJECTED;
	return table.byStatus[answer.httpStatus] ?? FAILED;
}

/** The output item for one answer: the id it was about, the outcome word, and what the API said. */
export function resultOf(
	target: Pick<Target, 'idField' | 'id'>,
	answer: Answer,
	table: OutcomeTable,
	outcome = outcomeOf(answer, table),
): ItemResult {
	return { success: answer.ok, json: { [target.idField]: target.id, outcome, ...answer.report } };
}
