import type { IamportRequest, IamportTransport } from '../transport/client';
import { IamportRequestError } from '../transport/errors';
import type { ItemResult, OutcomeTable } from './outcome';
import { resultOf } from './outcome';
import type { Target } from './operation';

/** A read-only call (GET): the transport may retry it freely. */
export async function lookUp(
	transport: IamportTransport,
	itemIndex: number,
	target: Target,
	table: OutcomeTable,
): Promise<ItemResult> {
	const answer = await transport.send(
		{ method: 'GET', path: target.path, idempotent: true },
		itemIndex,
	);
	return resultOf(target, answer, table);
}

/**
 * A call that creates something (POST), sent once: the transport retries it only when the
 * request provably never reached i'mport; any other failure is reported with `unsureHint`.
 */
export async function sendOnce(
	transport: IamportTransport,
	itemIndex: number,
	target: Pick<Target, 'idField' | 'id'>,
	request: Omit<IamportRequest, 'idempotent'>,
	table: OutcomeTable,
	unsureHint: string,
): Promise<ItemResult> {
	const sent = await transport.trySend({ ...request, idempotent: false }, itemIndex);
	if (sent instanceof IamportRequestError) {
		if (sent.mayHaveReachedIamport)
			sent.description = `${sent.description ?? ''} ${unsureHint}`.trim();
		throw sent;
	}
	return resultOf(target, sent, table);
}
