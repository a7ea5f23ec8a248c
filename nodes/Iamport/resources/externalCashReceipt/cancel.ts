import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CancelRequest } from '../../shared/cancelFlow';
import { cancelReceipt } from '../../shared/cancelFlow';
import { readId, segment } from '../../shared/input';
import type { ItemResult } from '../../shared/outcome';
import { OUTCOMES } from '../../shared/outcome';
import type { IamportTransport } from '../../shared/transport';
import { merchantUidField } from '../idFields';
import { cancelSafetyFields, readCancelOptions } from '../cancelSafety';

const showFor = { resource: ['externalCashReceipt'], operation: ['cancel'] };

export const description: INodeProperties[] = [
	merchantUidField(showFor, 'Your order number (merchant_uid) the cash receipt was issued with'),
	...cancelSafetyFields(showFor),
];

/** DELETE /receipts/external/{merchant_uid} (revokeExternalReceipt), with the checks of the cancel flow. */
export function prepare(this: IExecuteFunctions, itemIndex: number): CancelRequest {
	const id = readId(this, 'merchantUid', 'merchant_uid', itemIndex);
	return {
		target: {
			idField: 'merchant_uid',
			id,
			path: `/receipts/external/${segment(id)}`,
			cancelTable: OUTCOMES.externalCancel,
			lookupTable: OUTCOMES.externalGet,
		},
		options: readCancelOptions(this, itemIndex),
	};
}

export async function run(
	this: IExecuteFunctions,
	request: CancelRequest,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	return await cancelReceipt(transport, itemIndex, request.target, request.options);
}
