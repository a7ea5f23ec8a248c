import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { impUidField } from '../common.descriptions';
import { readId, readText, segment } from '../../../engine/read/input';
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

const showFor = { resource: ['cashReceipt'], operation: ['issue'] };

export const description: INodeProperties[] = [
	impUidField(
		showFor,
		"The i'mport payment ID (imp_uid) of a cash payment (bank transfer or virtual account) to issue a cash receipt for. The amount is the payment's (what is left of it after partial refunds).",
	),
	identifierField(showFor),
	additionalIssueFields(
		showFor,
		issueOptions([
			{
				displayName: 'Merchant Name',
				name: 'company_name',
				type: 'string',
				default: '',
				description: "The issuing shop's business name. Required by Kiwoom Pay (Daou).",
			},
			{
				displayName: 'Merchant Support Phone',
				name: 'company_tel',
				type: 'string',
				default: '',
				description: "The issuing shop's customer service number. Required by Kiwoom Pay (Daou).",
			},
		]),
	),
];

/** POST /receipts/{imp_uid} (issueReceipt) */
export const outcomes: OutcomeTable = {
	success: 'issued',
	byStatus: {
		400: 'invalid_request',
		404: 'not_found',
		500: 'pg_rejected',
		501: 'pg_not_supported',
	},
};

interface IssueItem {
	target: Target;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): IssueItem {
	const id = readId(this, 'impUid', 'imp_uid', itemIndex);
	return {
		target: { idField: 'imp_uid', id, path: `/receipts/${segment(id)}` },
		body: {
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
