import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { cancelReceipt } from '../../shared/cancelFlow';
import { readId, segment } from '../../shared/input';
import type { ItemResult } from '../../shared/outcome';
import { OUTCOMES } from '../../shared/outcome';
import type { IamportTransport } from '../../shared/transport';
import { cancelSafetyFields, readCancelOptions } from '../cancelSafety';

const showFor = { resource: ['externalCashReceipt'], operation: ['cancel'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Merchant UID',
		name: 'merchantUid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'order_20261124_0001',
		description: 'Your order number (merchant_uid) the cash receipt was issued with',
		displayOptions: { show: showFor },
	},
	...cancelSafetyFields(showFor),
];

/** DELETE /receipts/external/{merchant_uid} (revokeExternalReceipt), with the checks of the cancel flow. */
export async function run(this: IExecuteFunctions, itemIndex: number, transport: IamportTransport): Promise<ItemResult> {
	const id = readId(this, 'merchantUid', 'merchant_uid', itemIndex);
	return await cancelReceipt(
		this,
		transport,
		itemIndex,
		{
			idField: 'merchant_uid',
			id,
			path: `/receipts/external/${segment(id)}`,
			cancelTable: OUTCOMES.externalCancel,
			lookupTable: OUTCOMES.externalGet,
		},
		readCancelOptions(this, itemIndex),
	);
}
