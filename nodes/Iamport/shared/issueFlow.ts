import type { IDataObject } from 'n8n-workflow';

import type { ItemResult, OutcomeTable } from './outcome';
import { resultOf } from './outcome';
import type { IamportTransport } from './transport';
import { IamportRequestError } from './transport';
import type { Target } from './types';

/**
 * Issues one receipt (POST). Not idempotent: the transport retries it only when the request
 * provably never reached i'mport; any other failure is reported, with what to check first.
 */
export interface IssueRequest {
	target: Target;
	body: IDataObject;
}

export async function issueReceipt(
	transport: IamportTransport,
	itemIndex: number,
	{ target, body }: IssueRequest,
	table: OutcomeTable,
): Promise<ItemResult> {
	try {
		const answer = await transport.send({ method: 'POST', path: target.path, body, idempotent: false }, itemIndex);
		return resultOf(target, answer, table);
	} catch (error) {
		if (error instanceof IamportRequestError && error.mayHaveReachedIamport) {
			error.description = `${error.description ?? ''} The receipt may have been issued anyway: look it up (Get) before issuing it again.`.trim();
		}
		throw error;
	}
}
