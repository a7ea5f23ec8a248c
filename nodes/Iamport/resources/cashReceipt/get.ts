import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId, segment } from '../../shared/input';
import type { ItemResult } from '../../shared/outcome';
import { OUTCOMES, resultOf } from '../../shared/outcome';
import type { IamportTransport } from '../../shared/transport';
import { impUidField } from '../idFields';

const showFor = { resource: ['cashReceipt'], operation: ['get'] };

export const description: INodeProperties[] = [
	impUidField(showFor, "The i'mport payment ID (imp_uid) whose cash receipt to look up"),
];

/** GET /receipts/{imp_uid} (getReceipt). */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const id = readId(this, 'impUid', 'imp_uid', itemIndex);
	return { target: { idField: 'imp_uid' as const, id, path: `/receipts/${segment(id)}` } };
}

export async function run(
	this: IExecuteFunctions,
	{ target }: ReturnType<typeof prepare>,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	const answer = await transport.send({ method: 'GET', path: target.path, idempotent: true }, itemIndex);
	return resultOf(target, answer, OUTCOMES.receiptGet);
}
