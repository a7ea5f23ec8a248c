import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemParameter } from './itemParameter';

type ShowFor = Record<string, string[]>;

/** The spec's `sorting` values of the payment look-ups and listings (find, findAll, status). */
export const PAYMENT_SORTS = ['-started', 'started', '-paid', 'paid', '-updated', 'updated'];

/** The Sort field of a payment look-up or listing, with the spec's default (-started). */
export function paymentSortField(
	name: string,
	showFor: ShowFor,
	description: string,
): INodeProperties {
	return {
		displayName: 'Sort',
		name,
		type: 'options',
		default: '-started',
		description,
		options: [
			{ name: 'Paid, Newest First', value: '-paid' },
			{ name: 'Paid, Oldest First', value: 'paid' },
			{ name: 'Started, Newest First', value: '-started' },
			{ name: 'Started, Oldest First', value: 'started' },
			{ name: 'Updated, Newest First', value: '-updated' },
			{ name: 'Updated, Oldest First', value: 'updated' },
		],
		displayOptions: { show: showFor },
	};
}

/** Include Sandbox Payments: i'mport hides test-channel payments unless include_sandbox=true (since 2026-01-26). */
export function includeSandboxField(showFor: ShowFor, description: string): INodeProperties {
	return {
		displayName: 'Include Sandbox Payments',
		name: 'includeSandbox',
		type: 'boolean',
		default: false,
		description,
		displayOptions: { show: showFor },
	};
}

/** Reads Include Sandbox Payments: true or false only (an expression can send anything). */
export function readIncludeSandbox(ctx: IExecuteFunctions, itemIndex: number): boolean {
	const value = itemParameter(ctx, 'includeSandbox', itemIndex, false);
	if (typeof value !== 'boolean') {
		throw new NodeOperationError(
			ctx.getNode(),
			`Include Sandbox Payments must be true or false (got ${JSON.stringify(value)})`,
			{
				itemIndex,
				description: 'Nothing was sent for this item',
			},
		);
	}
	return value;
}
