import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GuardedAction } from '../../../engine/guardedAction';
import { runGuardedAction } from '../../../engine/guardedAction';
import type { OutcomeTable } from '../../../engine/outcome';
import type { QueryParam } from '../../../engine/query';
import { queryString } from '../../../engine/query';
import { readBoolean, readOptionalText, refuseItem } from '../../../engine/read/input';
import { itemParameter } from '../../../engine/read/itemParameter';
import type { ItemResult, Target } from '../../../engine/types';
import type { IamportAnswer } from '../../transport/answer';
import type { IamportTransport } from '../../transport/client';
import { outcomes as lookupOutcomes, readCustomerTarget } from './getBillingKey.operation';
import { customerUidField } from './shared';

const showFor = { resource: ['subscription'], operation: ['deleteBillingKey'] };

export const description: INodeProperties[] = [
	customerUidField(
		showFor,
		"The billing key (customer_uid) to delete. Unschedule its payments first: i'mport keeps them, and they fail when their time comes.",
	),
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only look each billing key up and report what would happen (would_delete or already_deleted), deleting nothing',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Additional Fields',
		name: 'billingKeyFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Reason',
				name: 'reason',
				type: 'string',
				default: '',
				description: 'Why the billing key is deleted (sent as reason)',
			},
			{
				displayName: 'Requester (Naver Pay)',
				name: 'requester',
				type: 'options',
				default: 'admin',
				description:
					'Who asked for the deletion, sent as extra[requester]. Used by Naver Pay only.',
				options: [
					{ name: 'Admin', value: 'admin' },
					{ name: 'Customer', value: 'customer' },
				],
			},
		],
	},
];

/**
 * DELETE /subscribe/customers/{customer_uid} (customer_delete): 200 with the deleted key; 404 for
 * an unknown customer_uid. The look-up first tells a key already gone (already_deleted) before
 * anything is sent.
 */
export const outcomes: OutcomeTable = { success: 'deleted', byStatus: { 404: 'not_found' } };

const UNSURE_HINT =
	'The deletion may or may not have gone through: look the billing key up (Get Billing Key, or Dry Run) before deleting it again.';

interface DeleteItem {
	target: Target;
	query: QueryParam[];
	dryRun: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): DeleteItem {
	const target = readCustomerTarget(this, itemIndex);
	const fields = itemParameter(this, 'billingKeyFields', itemIndex, {}) as IDataObject;
	const reason = readOptionalText(this, fields.reason, 'Reason', itemIndex).trim();
	const query: QueryParam[] = [['reason', reason === '' ? undefined : reason]];
	if (fields.requester !== undefined) {
		// Checked like any choice: an expression can send anything.
		if (fields.requester !== 'admin' && fields.requester !== 'customer') {
			throw refuseItem(
				this,
				itemIndex,
				`Requester (Naver Pay) must be "admin" or "customer" (got ${JSON.stringify(fields.requester)})`,
			);
		}
		query.push(['extra[requester]', fields.requester]);
	}
	return { target, query, dryRun: readBoolean(this, 'dryRun', 'Dry Run', itemIndex, false) };
}

/** The key's `inserted` time: a key deleted and issued again under the same customer_uid has a new one. */
const insertedOf = (answer: IamportAnswer) =>
	(answer.envelope.response as IDataObject | null)?.inserted ?? null;

/**
 * Always looks the key up first (GET): gone already (404) is Success (already_deleted) and
 * nothing is sent; otherwise the DELETE on the guarded flow: a lost answer is looked up, and a 404
 * then means this DELETE went through (deleted); the DELETE is never sent blindly twice.
 * A customer_uid that never existed also answers 404, and so also reads already_deleted.
 */
export async function run(
	this: IExecuteFunctions,
	{ target, query, dryRun }: DeleteItem,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	const deletion: GuardedAction<IamportAnswer> = {
		target,
		lookup: { method: 'GET', path: target.path, idempotent: true },
		action: { method: 'DELETE', path: `${target.path}${queryString(query)}`, idempotent: false },
		lookupTable: lookupOutcomes,
		actionTable: outcomes,
		// Found again after a lost answer, but issued anew since the look-up: the old key was deleted.
		isDone: (check, before) => before !== undefined && insertedOf(check) !== insertedOf(before),
		isGone: (check) => check.httpStatus === 404,
		words: { alreadyDone: 'already_deleted', wouldAct: 'would_delete' },
		unsureHint: UNSURE_HINT,
	};
	return await runGuardedAction(transport, itemIndex, deletion, { dryRun, lookUpFirst: true });
}
