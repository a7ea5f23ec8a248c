import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { merchantUidField } from '../common.descriptions';
import { readId, segment } from '../../../engine/read/input';
import type { Target } from '../../../engine/types';
import type { OutcomeTable } from '../../../engine/outcome';
import { lookUp } from '../../../engine/singleCall';
import type { IamportTransport } from '../../transport/client';

const showFor = { resource: ['externalCashReceipt'], operation: ['get'] };

export const description: INodeProperties[] = [
	merchantUidField(showFor, 'Your order number (merchant_uid) the cash receipt was issued with'),
];

/** GET /receipts/external/{merchant_uid} (getExternalReceipt) */
export const outcomes: OutcomeTable = { success: 'found', byStatus: { 404: 'not_found' } };

export function prepare(this: IExecuteFunctions, itemIndex: number): { target: Target } {
	const id = readId(this, 'merchantUid', 'merchant_uid', itemIndex);
	return { target: { idField: 'merchant_uid', id, path: `/receipts/external/${segment(id)}` } };
}

export async function run(
	this: IExecuteFunctions,
	{ target }: { target: Target },
	itemIndex: number,
	transport: IamportTransport,
) {
	return await lookUp(transport, itemIndex, target, outcomes);
}
