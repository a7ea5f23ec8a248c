import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId, segment } from '../../shared/input';
import type { IssueRequest } from '../../shared/issueFlow';
import { issueReceipt } from '../../shared/issueFlow';
import type { ItemResult } from '../../shared/outcome';
import { OUTCOMES } from '../../shared/outcome';
import type { IamportTransport } from '../../shared/transport';
import { readIssueOptions, receiptIssueOptions } from '../issueFields';

const showFor = { resource: ['cashReceipt'], operation: ['issue'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Imp UID',
		name: 'impUid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'imp_123456789012',
		description:
			"The i'mport payment ID (imp_uid) of a cash payment (bank transfer or virtual account) to issue a cash receipt for. The amount is the payment's (what is left of it after partial refunds).",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		required: true,
		typeOptions: { password: true },
		default: '',
		placeholder: '01012345678',
		description:
			"Who the receipt is for: a mobile phone number, a cash receipt card number, a business registration number or a resident registration number. Personal data: it is sent to i'mport and not shown in the output.",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Additional Fields',
		name: 'issueOptions',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: receiptIssueOptions,
	},
];

/** POST /receipts/{imp_uid} (issueReceipt). */
export function prepare(this: IExecuteFunctions, itemIndex: number): IssueRequest {
	const id = readId(this, 'impUid', 'imp_uid', itemIndex);
	return {
		target: { idField: 'imp_uid', id, path: `/receipts/${segment(id)}` },
		body: { identifier: readId(this, 'identifier', 'identifier', itemIndex), ...readIssueOptions(this, itemIndex) },
	};
}

export async function run(
	this: IExecuteFunctions,
	request: IssueRequest,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	return await issueReceipt(transport, itemIndex, request, OUTCOMES.receiptIssue);
}
