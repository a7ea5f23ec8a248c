import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readBoolean } from './read/input';
import type { ItemResult, ShowFor } from './types';

/**
 * n8n's Simplify convention (its UX guidelines: on by default when an answer has more than ten
 * fields; the short form is also what an AI agent's tool should get): the fields an operator
 * decides on, or PortOne's whole answer.
 */
export function simplifyField(show: ShowFor): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return a simplified version of the payment (IDs, status, amounts paid, refunded and left, method, time, receipt URL) instead of the raw data',
		displayOptions: { show },
	};
}

export function readSimplify(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return readBoolean(ctx, 'simplify', 'Simplify', itemIndex, true);
}

/** Replaces `json[key]` of each result, when it holds an object, with its short form. */
export function simplifyResults<R extends ItemResult | ItemResult[]>(
	results: R,
	key: string,
	shorten: (entry: IDataObject) => IDataObject,
): R {
	for (const result of Array.isArray(results) ? results : [results]) {
		const value = result.json[key];
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
			result.json[key] = shorten(value as IDataObject);
		}
	}
	return results;
}
