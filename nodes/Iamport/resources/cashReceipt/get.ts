import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId, segment } from '../../shared/input';
import type { GetRequest } from '../../shared/getFlow';
import { OUTCOMES } from '../../shared/outcome';
import { impUidField } from '../idFields';

const showFor = { resource: ['cashReceipt'], operation: ['get'] };

export const description: INodeProperties[] = [
	impUidField(showFor, "The i'mport payment ID (imp_uid) whose cash receipt to look up"),
];

/** GET /receipts/{imp_uid} (getReceipt). */
export function prepare(this: IExecuteFunctions, itemIndex: number): GetRequest {
	const id = readId(this, 'impUid', 'imp_uid', itemIndex);
	return { target: { idField: 'imp_uid', id, path: `/receipts/${segment(id)}` }, table: OUTCOMES.receiptGet };
}

export { runGet as run } from '../../shared/getFlow';
