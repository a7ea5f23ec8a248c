import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resultOf } from '../../../engine/outcome';
import type { ItemResult, Target } from '../../../engine/types';
import type { IamportTransport } from '../../transport/client';
import { lookupOutcomes } from '../payment/shared';
import {
	accountImpUidField,
	accountLookup,
	paymentOf,
	readAccountTarget,
	withAccount,
} from './shared';

const showFor = { resource: ['virtualAccount'], operation: ['get'] };

export const description: INodeProperties[] = [accountImpUidField(showFor, 'to look up')];

/** GET /payments/{imp_uid} (getPaymentByImpUid): 404 when unknown; not_virtual_account is ours. */
export const outcomes = lookupOutcomes;

export function prepare(this: IExecuteFunctions, itemIndex: number): { target: Target } {
	return { target: readAccountTarget(this, itemIndex) };
}

/** The payment as i'mport sent it, and its account in `virtual_account`. */
export async function run(
	this: IExecuteFunctions,
	{ target }: { target: Target },
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	const answer = await transport.send(accountLookup(target), itemIndex);
	const payment = paymentOf(answer);
	if (answer.ok && payment && payment.pay_method !== 'vbank') {
		const result = withAccount(resultOf(target, answer, outcomes, 'not_virtual_account'));
		result.success = false;
		result.json.message = `This payment is not a virtual account (pay_method ${JSON.stringify(payment.pay_method ?? null)})`;
		return result;
	}
	return withAccount(resultOf(target, answer, outcomes));
}
