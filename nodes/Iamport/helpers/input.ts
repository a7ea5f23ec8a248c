import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemParameter } from './itemParameter';

/** false for text with a lone UTF-16 surrogate, which no URL or JSON body can carry faithfully */
function isWellFormed(text: string): boolean {
	try {
		encodeURIComponent(text);
		return true;
	} catch {
		return false;
	}
}

/** Text, not blank, no broken Unicode (a number is taken as its digits); kept exactly as given. */
function readRequiredText(
	ctx: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	what: 'id' | 'text',
) {
	const value = itemParameter(ctx, parameter, itemIndex, '');
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof text !== 'string') {
		throw new NodeOperationError(
			ctx.getNode(),
			`${label} must be text, not ${value === null ? 'null' : typeof value}`,
			{
				itemIndex,
				description: `Map ${label} from a field that holds ${what === 'id' ? 'the id' : 'it'} as text, e.g. {{ $json.${label} }}`,
			},
		);
	}
	if (text.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `${label} is empty`, {
			itemIndex,
			description: `This item has no ${label}, so nothing was sent for it`,
		});
	}
	if (!isWellFormed(text)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${label} contains broken Unicode (a lone surrogate)`,
			{
				itemIndex,
				description:
					what === 'id'
						? 'Such text cannot be sent in a URL. Check the source of this id.'
						: `Such text cannot be sent to i'mport. Check the source of this ${label}.`,
			},
		);
	}
	return text;
}

/**
 * Reads a required text parameter that is not an id (an order name, a channel key, an identifier):
 * any non-blank, well-formed text, "." included.
 */
export function readText(
	ctx: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
): string {
	return readRequiredText(ctx, parameter, label, itemIndex, 'text');
}

/**
 * Reads an id parameter (imp_uid, merchant_uid) that becomes a path segment, and refuses what
 * cannot name one thing safely, before any request. The id is otherwise kept exactly as given.
 */
export function readId(
	ctx: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
): string {
	const id = readRequiredText(ctx, parameter, label, itemIndex, 'id');
	// "." and ".." are path steps to any URL parser, so they can never name a single receipt.
	if (id === '.' || id === '..') {
		throw new NodeOperationError(ctx.getNode(), `${label} "${id}" is not a valid id`, {
			itemIndex,
		});
	}
	return id;
}

/** One path segment: any id is percent-encoded so it can never reach another path. */
export function segment(id: string): string {
	return encodeURIComponent(id);
}

/** Reads a whole-number amount (won) and refuses negative, fractional or non-numeric values. */
export function readAmount(
	ctx: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
): number {
	const value = itemParameter(ctx, parameter, itemIndex, '');
	const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${label} must be a whole number of won, 0 or more (got ${JSON.stringify(value)})`,
			{
				itemIndex,
				description: 'Nothing was sent for this item',
			},
		);
	}
	return amount;
}

/** Reads an options parameter and refuses a value outside `allowed` (an expression can send anything). */
export function readChoice(
	ctx: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	allowed: string[],
	fallback: string,
): string {
	const value = itemParameter(ctx, parameter, itemIndex, fallback);
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${label} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${JSON.stringify(value)})`,
			{
				itemIndex,
				description: 'Nothing was sent for this item',
			},
		);
	}
	return value;
}
