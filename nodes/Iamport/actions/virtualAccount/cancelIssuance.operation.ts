import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GuardedAction } from '../../../engine/guardedAction';
import { runGuardedAction } from '../../../engine/guardedAction';
import { KeyedQueue } from '../../../engine/keyedQueue';
import type { OutcomeTable } from '../../../engine/outcome';
import { resultOf } from '../../../engine/outcome';
import type { ItemResult, Target } from '../../../engine/types';
import type { IamportAnswer } from '../../transport/answer';
import type { IamportTransport } from '../../transport/client';
import { lookupOutcomes } from '../payment/shared';
import type { Acting } from './shared';
import {
	accountImpUidField,
	accountLookup,
	accountState,
	dryRunField,
	paymentOf,
	readAccountTarget,
	readDryRun,
	refusalByState,
	withAccount,
} from './shared';

const showFor = { resource: ['virtualAccount'], operation: ['cancelIssuance'] };

export const description: INodeProperties[] = [
	accountImpUidField(showFor, 'to close'),
	dryRunField(
		showFor,
		'Whether to only look each payment up and report what would happen (would_cancel, already_cancelled, or why not), closing nothing',
	),
];

/**
 * DELETE /vbanks/{imp_uid} (revokeVbank): 200 closed; 400 no imp_uid, not a virtual account, or
 * not waiting for its deposit (status not 'ready'); 404 unknown imp_uid. The look-up first tells
 * the 400s apart before anything is sent, so a 400 left over means the account is not 'ready'.
 */
export const outcomes: OutcomeTable = {
	success: 'cancelled',
	byStatus: { 400: 'not_ready', 404: 'not_found' },
};

const ACTING: Acting = { verb: 'close', done: 'closed', closedWord: 'already_cancelled' };

const UNSURE_HINT =
	'Closing the virtual account may or may not have gone through: look it up (Virtual Account → Get, or Dry Run) before closing it again.';

interface CancelItem {
	target: Target;
	dryRun: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): CancelItem {
	return { target: readAccountTarget(this, itemIndex), dryRun: readDryRun(this, itemIndex) };
}

/** Closed by this operation or before: a virtual account never paid into, now 'cancelled'. */
const isClosed = (answer: IamportAnswer) => {
	const payment = paymentOf(answer);
	return payment !== undefined && accountState(payment) === 'closed';
};

/** Rows of one account in one run go one after the other, so the second sees what the first did. */
export function beforeRuns(this: IExecuteFunctions): KeyedQueue {
	return new KeyedQueue();
}

/**
 * Always looks the payment up first (GET /payments/{imp_uid}): closed already is Success
 * (already_cancelled) and nothing is sent; paid, not a virtual account or not waiting is its own
 * Failure and nothing is sent; otherwise DELETE /vbanks/{imp_uid} on the guarded flow (a lost
 * answer is looked up before the DELETE is ever sent again; a refusal is looked at again).
 */
export async function run(
	this: IExecuteFunctions,
	{ target, dryRun }: CancelItem,
	itemIndex: number,
	transport: IamportTransport,
	queue: KeyedQueue,
): Promise<ItemResult> {
	const cancel: GuardedAction<IamportAnswer> = {
		target,
		lookup: accountLookup(target),
		action: { method: 'DELETE', path: target.path, idempotent: false },
		lookupTable: lookupOutcomes,
		actionTable: outcomes,
		isDone: isClosed,
		decide: (found, refusal) => {
			const ruledOut = refusalByState(target, found, ACTING);
			// Refused although it still waits for its deposit: i'mport's reason is in its message.
			if (!ruledOut && refusal) return resultOf(target, refusal, outcomes, 'invalid_request');
			return ruledOut;
		},
		words: { alreadyDone: 'already_cancelled', wouldAct: 'would_cancel' },
		unsureHint: UNSURE_HINT,
	};
	return await queue.run(target.id, async () =>
		withAccount(
			await runGuardedAction(transport, itemIndex, cancel, { dryRun, lookUpFirst: true }),
		),
	);
}
