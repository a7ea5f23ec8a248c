import type { IDataObject } from 'n8n-workflow';

import type { ItemResult, OutcomeTable } from './outcome';
import { resultOf } from './outcome';
import type { IamportTransport } from './transport';
import { IamportRequestError } from './transport';
import type { Target } from './types';

/**
 * The `run` of both Issue operations: issues one receipt (POST). Not idempotent: the transport retries it only when the request
 * provably never reached i'mport; any other failure is reported, with what to check first.
 */
export interface IssueRequest {
	target: Target;
	table: OutcomeTable;
	body: IDataObject;
}

export async function runIssue(
	{ target, table, body }: IssueRequest,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	const sent = await transport.trySend({ method: 'POST', path: target.path, body, idempotent: false }, itemIndex);
	if (sent instanceof IamportRequestError) {
		if (sent.mayHaveReachedIamport) {
			sent.description = `${sent.description ?? ''} The receipt may have been issued anyway: look it up (Get) before issuing it again.`.trim();
		}
		throw sent;
	}
	return resultOf(target, sent, table);
}
