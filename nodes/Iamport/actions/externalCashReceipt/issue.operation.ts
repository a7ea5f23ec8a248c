import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { merchantUidField } from '../common.descriptions';
import { readId, readText, segment } from '../../../engine/read/input';
import { readWonParameter } from '../../../engine/read/won';
import type { Target } from '../../../engine/types';
import type { OutcomeTable } from '../../../engine/outcome';
import {
	ISSUE_UNSURE_HINT,
	additionalIssueFields,
	identifierField,
	issueOptions,
	readIssueOptions,
} from '../receipt/issueFields';
import { sendOnce } from '../../../engine/singleCall';
import type { IamportTransport } from '../../transport/client';

const showFor = { resource: ['externalCashReceipt'], operation: ['issue'] };

export const description: INodeProperties[] = [
	merchantUidField(
		showFor,
		'Your order number for the cash payment (merchant_uid). Use the same number as the cash sale so the two can be reconciled; Smartro (new module) accepts no special characters.',
	),
	{
		displayName: 'Channel Key',
		name: 'channelKey',
		type: 'string',
		required: true,
		default: '',
		description:
			'The channel key of the PG channel to issue through (PortOne admin console, Integration > Channels)',
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
	additionalIssueFields(
		showFor,
		issueOptions([
			{
				displayName: 'Payment Method',
				name: 'pay_method',
				type: 'options',
				default: 'trans',
				description: 'How the cash was paid. Required by Welcome Payments.',
				options: [
					{ name: 'Bank Transfer', value: 'trans' },
					{ name: 'Virtual Account', value: 'vbank' },
				],
			},
		]),
	),
];

/** POST /receipts/external/{merchant_uid} (issueExternalReceipt) */
export const outcomes: OutcomeTable = {
	success: 'issued',
	byStatus: { 400: 'invalid_request', 500: 'pg_rejected', 501: 'pg_not_supported' },
};

interface IssueItem {
	target: Target;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): IssueItem {
	const id = readId(this, 'merchantUid', 'merchant_uid', itemIndex);
	return {
		target: { idField: 'merchant_uid', id, path: `/receipts/external/${segment(id)}` },
		body: {
			channel_key: readText(this, 'channelKey', 'channel_key', itemIndex),
			name: readText(this, 'orderName', 'name', itemIndex),
			amount: readWonParameter(this, 'amount', 'amount', itemIndex, 0),
			identifier: readText(this, 'identifier', 'identifier', itemIndex),
			...readIssueOptions(this, itemIndex),
		},
	};
}

/** Sent once: see sendOnce. */
export async function run(
	this: IExecuteFunctions,
	{ target, body }: IssueItem,
	itemIndex: number,
	transport: IamportTransport,
) {
	return await sendOnce(
		transport,
		itemIndex,
		target,
		{ method: 'POST', path: target.path, body, idempotent: false },
		outcomes,
		ISSUE_UNSURE_HINT,
	);
}
