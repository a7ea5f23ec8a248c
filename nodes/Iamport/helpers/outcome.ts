import type { IDataObject } from 'n8n-workflow';

import type { IamportAnswer } from '../transport/errors';
import type { Target } from './operation';

/**
 * How an i'mport answer becomes an outcome. `code === 0` is success and anything else is a
 * failure, whatever the HTTP status (i'mport also refuses with HTTP 200 and code 1). Each
 * operation owns its table: the outcome word per documented status of its call in the spec.
 */
export interface OutcomeTable {
	/** outcome word when code === 0 */
	success: string;
	/** outcome word per documented HTTP status of a failure */
	byStatus: Record<number, string>;
}

/** A failure answered with HTTP 2xx and a non-zero code: a refusal explained only by its message. */
const REJECTED = 'rejected';
/** A failure with an HTTP status the spec does not document for the call. */
const FAILED = 'failed';

export interface ItemResult {
	success: boolean;
	json: IDataObject;
}

export function isSuccess(answer: IamportAnswer) {
	return answer.envelope.code === 0;
}

export function outcomeOf(answer: IamportAnswer, table: OutcomeTable): string {
	if (isSuccess(answer)) return table.success;
	if (answer.httpStatus >= 200 && answer.httpStatus < 300) return REJECTED;
	return table.byStatus[answer.httpStatus] ?? FAILED;
}

/** The output item for one answer: the id it was about, the outcome word and i'mport's envelope. */
export function resultOf(
	target: Pick<Target, 'idField' | 'id'>,
	answer: IamportAnswer,
	table: OutcomeTable,
	outcome = outcomeOf(answer, table),
): ItemResult {
	return {
		success: isSuccess(answer),
		json: {
			[target.idField]: target.id,
			outcome,
			code: answer.envelope.code,
			message: answer.envelope.message ?? null,
			response: answer.envelope.response ?? null,
			http_status: answer.httpStatus,
		},
	};
}
