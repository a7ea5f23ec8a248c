import type { OutcomeTable } from './outcome';
import { resultOf } from './outcome';
import type { RequestSender } from './requestSender';
import { RequestError } from './failure';
import type { Answer, EngineRequest, ItemResult, Target } from './types';

/** A read-only call (GET on the target's path): the transport may retry it freely. */
export async function lookUp<A extends Answer>(
	transport: RequestSender<A>,
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
 * A call that creates something, sent once: the transport retries it only when the request
 * provably never reached the API (or carries an idempotency key); any other failure is reported
 * with `unsureHint`.
 */
export async function sendOnce<A extends Answer>(
	transport: RequestSender<A>,
	itemIndex: number,
	target: Pick<Target, 'idField' | 'id'>,
	request: EngineRequest,
	table: OutcomeTable,
	unsureHint: string,
): Promise<ItemResult> {
	const sent = await transport.trySend(request, itemIndex);
	if (sent instanceof RequestError) {
		throw sent.mayHaveReached ? sent.withHint(unsureHint) : sent;
	}
	return resultOf(target, sent, table);
}
