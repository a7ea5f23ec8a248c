import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId, segment } from '../../shared/input';
import type { GetRequest } from '../../shared/getFlow';
import { OUTCOMES } from '../../shared/outcome';
import { merchantUidField } from '../idFields';

const showFor = { resource: ['externalCashReceipt'], operation: ['get'] };

export const description: INodeProperties[] = [
	merchantUidField(showFor, 'Your order number (merchant_uid) the cash receipt was issued with'),
];

/** GET /receipts/external/{merchant_uid} (getExternalReceipt). */
export function prepare(this: IExecuteFunctions, itemIndex: number): GetRequest {
	const id = readId(this, 'merchantUid', 'merchant_uid', itemIndex);
	return { target: { idField: 'merchant_uid', id, path: `/receipts/external/${segment(id)}` }, table: OUTCOMES.externalGet };
}

export { runGet as run } from '../../shared/getFlow';
