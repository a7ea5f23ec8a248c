import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CancelRequest } from '../../shared/cancelFlow';
import { readId, segment } from '../../shared/input';
import { OUTCOMES } from '../../shared/outcome';
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

export { runCancel as run } from '../../shared/cancelFlow';
