import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId, segment } from '../../shared/input';
import type { ItemResult } from '../../shared/outcome';
import { OUTCOMES, resultOf } from '../../shared/outcome';
import type { IamportTransport } from '../../shared/transport';
import { merchantUidField } from '../idFields';

const showFor = { resource: ['externalCashReceipt'], operation: ['get'] };

export const description: INodeProperties[] = [
	merchantUidField(showFor, 'Your order number (merchant_uid) the cash receipt was issued with'),
];

/** GET /receipts/external/{merchant_uid} (getExternalReceipt). */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const id = readId(this, 'merchantUid', 'merchant_uid', itemIndex);
	return { target: { idField: 'merchant_uid' as const, id, path: `/receipts/external/${segment(id)}` } };
}

export async function run(
	this: IExecuteFunctions,
	{ target }: ReturnType<typeof prepare>,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	const answer = await transport.send({ method: 'GET', path: target.path, idempotent: true }, itemIndex);
	return resultOf(target, answer, OUTCOMES.externalGet);
}
