import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CancelRequest } from '../../shared/cancelFlow';
import { readId, segment } from '../../shared/input';
import { OUTCOMES } from '../../shared/outcome';
import { impUidField } from '../idFields';
import { cancelSafetyFields, readCancelOptions } from '../cancelSafety';

const showFor = { resource: ['cashReceipt'], operation: ['cancel'] };

export const description: INodeProperties[] = [
	impUidField(showFor, "The i'mport payment ID (imp_uid) whose cash receipt to cancel, usually mapped from a field of the incoming item"),
	...cancelSafetyFields(showFor),
];

/** DELETE /receipts/{imp_uid} (revokeReceipt), with the checks of the cancel flow. */
export function prepare(this: IExecuteFunctions, itemIndex: number): CancelRequest {
	const id = readId(this, 'impUid', 'imp_uid', itemIndex);
	return {
		target: {
			idField: 'imp_uid',
			id,
			path: `/receipts/${segment(id)}`,
			cancelTable: OUTCOMES.receiptCancel,
			lookupTable: OUTCOMES.receiptGet,
		},
		options: readCancelOptions(this, itemIndex),
	};
}

export { runCancel as run } from '../../shared/cancelFlow';
