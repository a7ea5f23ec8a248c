import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GuardedAction, GuardOptions } from '../../../engine/guardedAction';
import type { OutcomeTable } from '../../../engine/outcome';
import { itemParameter } from '../../../engine/read/itemParameter';
import type { ShowFor, Target } from '../../../engine/types';
import type { IamportAnswer } from '../../transport/answer';

/** The Dry Run and Skip Already Cancelled fields, shared by both receipt Cancel operations. */
export function cancelSafetyFields(showFor: ShowFor): INodeProperties[] {
	return [
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
				'Whether to look each receipt up first and report one that is already cancelled as Success (already_cancelled) without cancelling again, so re-running the same list is harmless. Costs one extra lookup per item.',
			displayOptions: { show: { ...showFor, dryRun: [false] } },
		},
	];
}

export function readCancelOptions(ctx: IExecuteFunctions, itemIndex: number): GuardOptions {
	const dryRun = itemParameter(ctx, 'dryRun', itemIndex, false) as boolean;
	return {
		dryRun,
		lookUpFirst:
			!dryRun && (itemParameter(ctx, 'skipAlreadyCancelled', itemIndex, true) as boolean),
	};
}

/** A receipt is cancelled once i'mport shows when (ReceiptAnnotation.cancelled_at, UNIX seconds). */
const isReceiptCancelled = (answer: IamportAnswer) =>
	Number(answer.envelope.response?.cancelled_at) > 0;

/** A receipt's cancel: GET on its path looks it up, DELETE on the same path cancels it. */
export function receiptCancel(
	target: Target,
	tables: { cancel: OutcomeTable; get: OutcomeTable },
): GuardedAction<IamportAnswer> {
	return {
		target,
		lookup: { method: 'GET', path: target.path, idempotent: true },
		action: { method: 'DELETE', path: target.path, idempotent: false },
		lookupTable: tables.get,
		actionTable: tables.cancel,
		isDone: isReceiptCancelled,
		words: { alreadyDone: 'already_cancelled', wouldAct: 'would_cancel' },
		unsureHint:
			'The cancel may or may not have gone through: look the receipt up (Get, or Dry Run) before cancelling again.',
	};
}
