import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OutcomeTable } from '../../../engine/outcome';
import { readId } from '../../../engine/read/input';
import { lookUp } from '../../../engine/singleCall';
import type { ItemResult, Target } from '../../../engine/types';
import type { IamportTransport } from '../../transport/client';
import { customerPath, customerUidField } from './shared';

const showFor = { resource: ['subscription'], operation: ['getBillingKey'] };

export const description: INodeProperties[] = [
	customerUidField(showFor, 'The billing key (customer_uid) to look up'),
];

/** GET /subscribe/customers/{customer_uid} (customer_view): 404 for an unknown customer_uid. */
export const outcomes: OutcomeTable = { success: 'found', byStatus: { 404: 'not_found' } };

export function readCustomerTarget(ctx: IExecuteFunctions, itemIndex: number): Target {
	const id = readId(ctx, 'customerUid', 'customer_uid', itemIndex);
	return { idField: 'customer_uid', id, path: customerPath(id) };
}

export function prepare(this: IExecuteFunctions, itemIndex: number): { target: Target } {
	return { target: readCustomerTarget(this, itemIndex) };
}

/** The key as i'mport sends it (CustomerAnnotation): the card number comes masked, and stays so. */
export async function run(
	this: IExecuteFunctions,
	{ target }: { target: Target },
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	return await lookUp(transport, itemIndex, target, outcomes);
}
