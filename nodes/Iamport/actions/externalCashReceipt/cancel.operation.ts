import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GuardOptions } from '../../../engine/guardedAction';
import { runGuardedAction } from '../../../engine/guardedAction';
import { merchantUidField } from '../common.descriptions';
import { readId, segment } from '../../../engine/read/input';
import type { Target } from '../../../engine/types';
import type { OutcomeTable } from '../../../engine/outcome';
import { cancelSafetyFields, readCancelOptions, receiptCancel } from '../receipt/cancel';
import type { IamportTransport } from '../../transport/client';
import { outcomes as getOutcomes } from './get.operation';

const showFor = { resource: ['externalCashReceipt'], operation: ['cancel'] };

export const description: INodeProperties[] = [
	merchantUidField(showFor, 'Your order number (merchant_uid) the cash receipt was issued with'),
	...cancelSafetyFields(showFor),
];

/** DELETE /receipts/external/{merchant_uid} (revokeExternalReceipt) */
export const outcomes: OutcomeTable = {
	success: 'cancelled',
	byStatus: {
		400: 'invalid_request',
		404: 'not_issued',
		500: 'pg_rejected',
		501: 'pg_not_supported',
	},
};

interface CancelItem {
	target: Target;
	options: GuardOptions;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): CancelItem {
	const id = readId(this, 'merchantUid', 'merchant_uid', itemIndex);
	return {
		target: { idField: 'merchant_uid', id, path: `/receipts/external/${segment(id)}` },
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
