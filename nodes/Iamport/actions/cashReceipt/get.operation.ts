import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { impUidField } from '../common.descriptions';
import { readId, segment } from '../../../engine/read/input';
import type { Target } from '../../../engine/types';
import type { OutcomeTable } from '../../../engine/outcome';
import { lookUp } from '../../../engine/singleCall';
import type { IamportTransport } from '../../transport/client';

const showFor = { resource: ['cashReceipt'], operation: ['get'] };

export const description: INodeProperties[] = [
	impUidField(showFor, "The i'mport payment ID (imp_uid) whose cash receipt to look up"),
];

/** GET /receipts/{imp_uid} (getReceipt) */
export const outcomes: OutcomeTable = { success: 'found', byStatus: { 404: 'not_found' } };

export function prepare(this: IExecuteFunctions, itemIndex: number): { target: Target } {
	const id = readId(this, 'impUid', 'imp_uid', itemIndex);
	return { target: { idField: 'imp_uid', id, path: `/receipts/${segment(id)}` } };
}

export async function run(
	this: IExecuteFunctions,
	{ target }: { target: Target },
	itemIndex: number,
	transport: IamportTransport,
) {
	return await lookUp(transport, itemIndex, target, outcomes);
}
