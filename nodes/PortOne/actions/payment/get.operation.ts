import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resultOf } from '../../../engine/outcome';
import { readSimplify, simplifyField, simplifyResults } from '../../../engine/simplify';
import type { ItemResult, Target } from '../../../engine/types';
import type { PortOneTransport } from '../../transport/client';
import { paymentIdField, paymentTarget, readPaymentId } from '../common.descriptions';
import { lookupOutcomes, simplifyPayment } from './shared';

const showFor = { resource: ['payment'], operation: ['get'] };

export const description: INodeProperties[] = [
	paymentIdField(
		showFor,
		'The payment to look up: the Payment ID your shop gave it (for a V1 payment seen through V2, its merchant_uid), usually mapped from the incoming item',
	),
	simplifyField(showFor),
];

/** GET /payments/{paymentId} (getPayment). */
export const outcomes = lookupOutcomes;

interface GetItem {
	target: Target;
	simplify: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): GetItem {
	return {
		target: paymentTarget(readPaymentId(this, itemIndex)),
		simplify: readSimplify(this, itemIndex),
	};
}

export async function run(
	this: IExecuteFunctions,
	{ target, simplify }: GetItem,
	itemIndex: number,
	transport: PortOneTransport,
): Promise<ItemResult> {
	const answer = await transport.send(
		{ method: 'GET', path: target.path, idempotent: true },
		itemIndex,
	);
	const result = resultOf(target, answer, outcomes);
	return simplify ? simplifyResults(result, 'response', simplifyPayment) : result;
}
