import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resultOf } from '../../../engine/outcome';
import type { ItemResult, Target } from '../../../engine/types';
import type { PortOneTransport } from '../../transport/client';
import { paymentIdField, paymentTarget, readPaymentId } from '../common.descriptions';
import { RECEIPT_PATH, receiptLookupOutcomes } from './shared';

const showFor = { resource: ['cashReceipt'], operation: ['get'] };

export const description: INodeProperties[] = [
	paymentIdField(showFor, 'The Payment ID whose cash receipt to look up'),
];

export const outcomes = receiptLookupOutcomes;

export function prepare(this: IExecuteFunctions, itemIndex: number): { target: Target } {
	return { target: paymentTarget(readPaymentId(this, itemIndex), RECEIPT_PATH) };
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
