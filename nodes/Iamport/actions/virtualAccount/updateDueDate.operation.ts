import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GuardedAction } from '../../../engine/guardedAction';
import { runGuardedAction } from '../../../engine/guardedAction';
import { KeyedQueue } from '../../../engine/keyedQueue';
import type { OutcomeTable } from '../../../engine/outcome';
import { resultOf } from '../../../engine/outcome';
import { readUnixSeconds } from '../../../engine/read/dateTime';
import { refuseItem } from '../../../engine/read/input';
import { itemParameter } from '../../../engine/read/itemParameter';
import { readWon, wonProblem } from '../../../engine/read/won';
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

const showFor = { resource: ['virtualAccount'], operation: ['updateDueDate'] };

/** modifyVbank's x-portone-supported-pgs: 헥토파이낸셜 (formerly Settlebank) only. */
const MODIFY_PGS = ['settle'];

export const description: INodeProperties[] = [
	accountImpUidField(showFor, 'to change'),
	{
		displayName: 'Due Date',
		name: 'dueDate',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"The new deposit deadline (입금기한), in the workflow's time zone; it must be in the future. Sent as UNIX seconds (vbank_due).",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Additional Fields',
		name: 'vbankFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Amount',
				name: 'amount',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 0,
				description:
					'A new amount to be paid into the account, in whole won (above 0). Left out, the amount stays as it is.',
			},
		],
	},
	dryRunField(
		showFor,
		'Whether to only look each payment up and report what would happen (would_update, already_updated, or why not), changing nothing',
	),
];

/**
 * PUT /vbanks/{imp_uid} (modifyVbank; 헥토파이낸셜 only): 200 changed; 400 no imp_uid, not a
 * virtual account, not waiting for its deposit; 404 unknown imp_uid.
 */
export const outcomes: OutcomeTable = {
	success: 'updated',
	byStatus: { 400: 'invalid_request', 404: 'not_found' },
};

const ACTING: Acting = { verb: 'change', done: 'changed', closedWord: 'account_closed' };

const UNSURE_HINT =
	'The change may or may not have gone through: look the account up (Virtual Account → Get, or Dry Run) before sending it again.';

interface UpdateItem {
	target: Target;
	body: { vbank_due: number; amount?: number };
	dryRun: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): UpdateItem {
	const target = readAccountTarget(this, itemIndex);
	const due = readUnixSeconds(this, 'dueDate', 'Due Date', itemIndex, "i'mport");
	if (due === undefined) throw refuseItem(this, itemIndex, 'Due Date is empty');
	if (due * 1000 <= Date.now()) {
		throw refuseItem(
			this,
			itemIndex,
			`Due Date ${new Date(due * 1000).toISOString()} is not in the future`,
		);
	}
	const body: UpdateItem['body'] = { vbank_due: due };
	const fields = itemParameter(this, 'vbankFields', itemIndex, {}) as IDataObject;
	if (fields.amount !== undefined && fields.amount !== '' && fields.amount !== null) {
		const amount = readWon(fields.amount, 1);
		if (amount === undefined)
			throw refuseItem(this, itemIndex, wonProblem('Amount', fields.amount, 1));
		body.amount = amount;
	}
	return { target, body, dryRun: readDryRun(this, itemIndex) };
}

/** Rows of one account in one run go one after the other, so the second sees what the first did. */
export function beforeRuns(this: IExecuteFunctions): KeyedQueue {
	return new KeyedQueue();
}

/**
 * Always looks the payment up first (GET /payments/{imp_uid}): an account that already has this
 * due date (and amount) is Success (already_updated) and nothing is sent; paid, closed, not a
 * virtual account or not waiting is its own Failure; otherwise PUT /vbanks/{imp_uid} on the
 * guarded flow. Sending the same values twice would do no harm, but the flow still looks before
 * sending again, so the output tells what the account now says.
 */
export async function run(
	this: IExecuteFunctions,
	{ target, body, dryRun }: UpdateItem,
	itemIndex: number,
	transport: IamportTransport,
	queue: KeyedQueue,
): Promise<ItemResult> {
	const isSet = (answer: IamportAnswer) => {
		const payment = paymentOf(answer);
		return (
			payment !== undefined &&
			accountState(payment) === 'awaiting_deposit' &&
			Number(payment.vbank_date) === body.vbank_due &&
			(body.amount === undefined || Number(payment.amount) === body.amount)
		);
	};
	const update: GuardedAction<IamportAnswer> = {
		target,
		lookup: accountLookup(target),
		action: { method: 'PUT', path: target.path, body, idempotent: false },
		lookupTable: lookupOutcomes,
		actionTable: outcomes,
		isDone: isSet,
		decide: (found, refusal) => {
			const ruledOut = refusalByState(target, found, ACTING);
			if (ruledOut || !refusal) return ruledOut;
			// Refused although it still waits for its deposit: the spec allows this call for one PG only.
			const pg = String(paymentOf(found)?.pg_provider ?? '');
			const word = MODIFY_PGS.includes(pg) ? 'invalid_request' : 'pg_not_supported';
			return resultOf(target, refusal, outcomes, word);
		},
		words: { alreadyDone: 'already_updated', wouldAct: 'would_update' },
		unsureHint: UNSURE_HINT,
	};
	return await queue.run(target.id, async () =>
		withAccount(
			await runGuardedAction(transport, itemIndex, update, { dryRun, lookUpFirst: true }),
		),
	);
}
