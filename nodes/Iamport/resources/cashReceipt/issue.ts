import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId, segment } from '../../shared/input';
import type { IssueRequest } from '../../shared/issueFlow';
import { OUTCOMES } from '../../shared/outcome';
import { impUidField } from '../idFields';
import { additionalIssueFields, identifierField, readIssueOptions, receiptIssueOptions } from '../issueFields';

const showFor = { resource: ['cashReceipt'], operation: ['issue'] };

export const description: INodeProperties[] = [
	impUidField(showFor, "The i'mport payment ID (imp_uid) of a cash payment (bank transfer or virtual account) to issue a cash receipt for. The amount is the payment's (what is left of it after partial refunds)."),
	identifierField(showFor),
	additionalIssueFields(showFor, receiptIssueOptions),
];

/** POST /receipts/{imp_uid} (issueReceipt). */
export function prepare(this: IExecuteFunctions, itemIndex: number): IssueRequest {
	const id = readId(this, 'impUid', 'imp_uid', itemIndex);
	return {
		target: { idField: 'imp_uid', id, path: `/receipts/${segment(id)}` },
		table: OUTCOMES.receiptIssue,
		body: { identifier: readId(this, 'identifier', 'identifier', itemIndex), ...readIssueOptions(this, itemIndex) },
	};
}

export { runIssue as run } from '../../shared/issueFlow';
