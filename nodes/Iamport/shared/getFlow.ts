import type { ItemResult, OutcomeTable } from './outcome';
import { resultOf } from './outcome';
import type { IamportTransport } from './transport';
import type { Target } from './types';

export interface GetRequest {
	target: Target;
	table: OutcomeTable;
}

/** The `run` of both Get operations: one GET on the receipt's path. */
export async function runGet({ target, table }: GetRequest, itemIndex: number, transport: IamportTransport): Promise<ItemResult> {
	const answer = await transport.send({ method: 'GET', path: target.path, idempotent: true }, itemIndex);
	return resultOf(target, answer, table);
}
