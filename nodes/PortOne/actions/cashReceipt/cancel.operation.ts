import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GuardOptions } from '../../../engine/guardedAction';
import { runGuardedAction } from '../../../engine/guardedAction';
import type { OutcomeTable } from '../../../engine/outcome';
import { readBoolean } from '../../../engine/read/input';
import type { ItemResult, Target } from '../../../engine/types';
import type { PortOneAnswer } from '../../transport/answer';
import type { PortOneTransport } from '../../transport/client';
import { idempotencyHeader } from '../../transport/idempotency';
import { paymentIdField, paymentTarget, readPaymentId } from '../common.descriptions';
import { derivedKey } from '../keys';
import { RECEIPT_PATH, receiptLookupOutcomes } from './shared';

const showFor = { resource: ['cashReceipt'], operation: ['cancel'] };

export const description: INodeProperties[] = [
	paymentIdField(
		showFor,
		'The Payment ID whose cash receipt to cancel, usually mapped from the incoming item',
	),
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only look each receipt up and report what would happen (would_cancel, already_cancelled, or why not), cancelling nothing',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Skip Already Cancelled',
		name: 'skipAlreadyCancelled',
		type: 'boolean',
		default: true,
		description:
			'Whether to look each receipt up first and report one that is already cancelled as Success (already_cancelled) without cancelling again, so re-running the same list is harmless. Costs one extra look-up per item.',
		displayOptions: { show: { ...showFor, dryRun: [false] } },
	},
];

/**
 * POST /payments/{paymentId}/cash-receipt/cancel (cancelCashReceiptByPaymentId): whole receipt
 * only; 404 CASH_RECEIPT_NOT_ISSUED and CASH_RECEIPT_NOT_FOUND kept apart, 502 PG_PROVIDER.
 */
export const outcomes: OutcomeTable = {
	success: 'cancelled',
	byStatus: { 400: 'invalid_request', 403: 'forbidden', 404: 'not_found', 502: 'pg_rejected' },
	byType: {
		CASH_RECEIPT_NOT_ISSUED: 'not_issued',
		CASH_RECEIPT_NOT_FOUND: 'not_found',
		PG_PROVIDER: 'pg_rejected',
		INVALID_REQUEST: 'invalid_request',
		FORBIDDEN: 'forbidden',
	},
};

interface CancelItem {
	target: Target;
	options: GuardOptions;
	idempotencyKey: string;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): CancelItem {
	const paymentId = readPaymentId(this, itemIndex);
	const dryRun = readBoolean(this, 'dryRun', 'Dry Run', itemIndex, false);
	const skip = readBoolean(this, 'skipAlreadyCancelled', 'Skip Already Cancelled', itemIndex, true);
	return {
		target: paymentTarget(paymentId, RECEIPT_PATH),
		options: { dryRun, lookUpFirst: !dryRun && skip },
		idempotencyKey: derivedKey(['portone-cash-receipt-cancel', paymentId]),
	};
}

/** A receipt is cancelled once PortOne shows it CANCELLED (CancelledCashReceipt). */
const isCancelled = (answer: PortOneAnswer) => answer.body.status === 'CANCELLED';

/** Looks the receipt up around the cancel (see runGuardedAction); the cancel carries a stable Idempotency-Key. */
export async function run(
	this: IExecuteFunctions,
	{ target, options, idempotencyKey }: CancelItem,
	itemIndex: number,
	transport: PortOneTransport,
): Promise<ItemResult> {
	return await runGuardedAction(
		transport,
		itemIndex,
		{
			target,
			lookup: { method: 'GET', path: target.path, idempotent: true },
			action: {
				method: 'POST',
				path: `${target.path}/cancel`,
				idempotent: true,
				headers: idempotencyHeader(idempotencyKey),
			},
			lookupTable: receiptLookupOutcomes,
			actionTable: outcomes,
			isDone: isCancelled,
			words: { alreadyDone: 'already_cancelled', wouldAct: 'would_cancel' },
			unsureHint:
				'The cancel may or may not have gone through: look the receipt up (Get, or Dry Run) before cancelling again.',
		},
		options,
	);
}
