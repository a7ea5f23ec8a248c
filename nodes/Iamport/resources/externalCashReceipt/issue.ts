import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readAmount, readId, segment } from '../../shared/input';
import type { IssueRequest } from '../../shared/issueFlow';
import { OUTCOMES } from '../../shared/outcome';
import { merchantUidField } from '../idFields';
import { additionalIssueFields, externalIssueOptions, identifierField, readIssueOptions } from '../issueFields';

const showFor = { resource: ['externalCashReceipt'], operation: ['issue'] };

export const description: INodeProperties[] = [
	merchantUidField(showFor, 'Your order number for the cash payment (merchant_uid). Use the same number as the cash sale so the two can be reconciled; Smartro (new module) accepts no special characters.'),
	{
		displayName: 'Channel Key',
		name: 'channelKey',
		type: 'string',
		required: true,
		default: '',
		description: "The channel key of the PG channel to issue through (PortOne admin console, Integration > Channels)",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Order Name',
		name: 'orderName',
		type: 'string',
		required: true,
		default: '',
		description: 'The order name printed on the receipt',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description: 'The receipt amount in won (a whole number)',
		displayOptions: { show: showFor },
	},
	identifierField(showFor),
	additionalIssueFields(showFor, externalIssueOptions),
];

/** POST /receipts/external/{merchant_uid} (issueExternalReceipt). */
export function prepare(this: IExecuteFunctions, itemIndex: number): IssueRequest {
	const id = readId(this, 'merchantUid', 'merchant_uid', itemIndex);
	return {
		target: { idField: 'merchant_uid', id, path: `/receipts/external/${segment(id)}` },
		table: OUTCOMES.externalIssue,
		body: {
			channel_key: readId(this, 'channelKey', 'channel_key', itemIndex),
			name: readId(this, 'orderName', 'name', itemIndex),
			amount: readAmount(this, 'amount', 'amount', itemIndex),
			identifier: readId(this, 'identifier', 'identifier', itemIndex),
			...readIssueOptions(this, itemIndex),
		},
	};
}

export { runIssue as run } from '../../shared/issueFlow';
