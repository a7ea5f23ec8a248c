import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GuardOptions } from '../../../engine/guardedAction';
import { runGuardedAction } from '../../../engine/guardedAction';
import { impUidField } from '../common.descriptions';
import { readId, segment } from '../../../engine/read/input';
import type { Target } from '../../../engine/types';
import type { OutcomeTable } from '../../../engine/outcome';
import { cancelSafetyFields, readCancelOptions, receiptCancel } from '../receipt/cancel';
import type { IamportTransport } from '../../transport/client';
import { outcomes as getOutcomes } from './get.operation';

const showFor = { resource: ['cashReceipt'], operation: ['cancel'] };

export const description: INodeProperties[] = [
	impUidField(
		showFor,
		"The i'mport payment ID (imp_uid) whose cash receipt to cancel, usually mapped from a field of the incoming item",
	),
	...cancelSafetyFields(showFor),
];

/** DELETE /receipts/{imp_uid} (revokeReceipt) */
export const outcomes: OutcomeTable = {
	success: 'cancelled',
	byStatus: { 400: 'not_issued', 404: 'not_found', 500: 'pg_rejected', 501: 'pg_not_supported' },
};

interface CancelItem {
	target: Target;
	options: GuardOptions;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): CancelItem {
	const id = readId(this, 'impUid', 'imp_uid', itemIndex);
	return {
		target: { idField: 'imp_uid', id, path: `/receipts/${segment(id)}` },
		options: readCancelOptions(this, itemIndex),
	};
}

/** Looks the receipt up (GET) around the DELETE: see runGuardedAction. */
export async function run(
	this: IExecuteFunctions,
	{ target, options }: CancelItem,
	itemIndex: number,
	transport: IamportTransport,
) {
	return await runGuardedAction(
		transport,
		itemIndex,
		receiptCancel(target, { cancel: outcomes, get: getOutcomes }),
		options,
	);
}
