import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** false for text with a lone UTF-16 surrogate, which no URL can carry */
function isWellFormed(text: string): boolean {
	try {
		encodeURIComponent(text);
		return true;
	} catch {
		return false;
	}
}

/**
 * Reads an id parameter (imp_uid, merchant_uid) for one item and refuses what cannot be sent
 * safely, before any request. The id is otherwise kept exactly as given (no trimming).
 */
export function readId(ctx: IExecuteFunctions, parameter: string, label: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
	const id = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof id !== 'string') {
		throw new NodeOperationError(ctx.getNode(), `${label} must be text, not ${value === null ? 'null' : typeof value}`, {
			itemIndex,
			description: `Map ${label} from a field that holds the id as text, e.g. {{ $json.${label} }}`,
		});
	}
	if (id.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `${label} is empty`, {
			itemIndex,
			description: `This item has no ${label}, so nothing was sent for it`,
		});
	}
	if (!isWellFormed(id)) {
		throw new NodeOperationError(ctx.getNode(), `${label} contains broken Unicode (a lone surrogate)`, {
			itemIndex,
			description: 'Such text cannot be sent in a URL. Check the source of this id.',
		});
	}
	// "." and ".." are path steps to any URL parser, so they can never name a single receipt.
	if (id === '.' || id === '..') {
		throw new NodeOperationError(ctx.getNode(), `${label} "${id}" is not a valid id`, { itemIndex });
	}
	return id;
}

/** One path segment: any id is percent-encoded so it can never reach another path. */
export function segment(id: string): string {
	return encodeURIComponent(id);
}

/** Reads a whole-number amount (won) and refuses negative, fractional or non-numeric values. */
export function readAmount(ctx: IExecuteFunctions, parameter: string, label: string, itemIndex: number): number {
	const value = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
	const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) {
		throw new NodeOperationError(ctx.getNode(), `${label} must be a whole number of won, 0 or more (got ${JSON.stringify(value)})`, {
			itemIndex,
			description: 'Nothing was sent for this item',
		});
	}
	return amount;
}
