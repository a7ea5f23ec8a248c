import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resultOf } from '../../../engine/outcome';
import type { ItemResult, Target } from '../../../engine/types';
import type { PortOneTransport } from '../../transport/client';
import { paymentIdField, paymentTarget, readPaymentId } from '../common.descriptions';
import { lookupOutcomes } from './shared';

const showFor = { resource: ['payment'], operation: ['get'] };

export const description: INodeProperties[] = [
	paymentIdField(
		showFor,
		'The payment to look up: the Payment ID your shop gave it (for a V1 payment seen through V2, its merchant_uid), usually mapped from the incoming item',
	),
];

/** GET /payments/{paymentId} (getPayment). */
export const outcomes = lookupOutcomes;

export function prepare(this: IExecuteFunctions, itemIndex: number): { target: Target } {
	return { target: paymentTarget(readPaymentId(this, itemIndex)) };
}

export async function run(
	this: IExecuteFunctions,
	{ target }: { target: Target },
	itemIndex: number,
	transport: PortOneTransport,
): Promise<ItemResult> {
	const answer = await transport.send(
		{ method: 'GET', path: target.path, idempotent: true },
		itemIndex,
	);
	return resultOf(target, answer, outcomes);
}
