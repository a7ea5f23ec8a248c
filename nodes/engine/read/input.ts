import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemParameter } from './itemParameter';

/** The description of every input refusal: the item failed before anything was sent for it. */
export const NOTHING_SENT = 'Nothing was sent for this item';

/** An item's bad input: its error, with the item's index, saying nothing was sent for it. */
export function refuseItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description = NOTHING_SENT,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

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
		const holds = what === 'id' ? 'the id' : 'it';
		throw refuseItem(
			ctx,
			itemIndex,
			`${label} must be text, not ${value === null ? 'null' : typeof value}`,
			`${NOTHING_SENT}. Map ${label} from a field that holds ${holds} as text, e.g. {{ $json.${label} }}`,
		);
	}
	if (text.trim() === '') {
		throw refuseItem(
			ctx,
			itemIndex,
			`${label} is empty`,
			`This item has no ${label}, so nothing was sent for it`,
		);
	}
	if (!isWellFormed(text)) {
		throw refuseItem(
			ctx,
			itemIndex,
			`${label} contains broken Unicode (a lone surrogate)`,
			what === 'id'
				? `${NOTHING_SENT}: such text cannot be sent in a URL. Check the source of this id.`
				: `${NOTHING_SENT}: such text cannot be sent. Check the source of this ${label}.`,
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
 * Reads an id parameter that becomes a path segment, and refuses what cannot name one thing
 * safely, before any request. The id is otherwise kept exactly as given.
 */
export function readId(
	ctx: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
): string {
	const id = readRequiredText(ctx, parameter, label, itemIndex, 'id');
	// "." and ".." are path steps to any URL parser, so they can never name a single thing.
	if (id === '.' || id === '..') {
		throw refuseItem(
			ctx,
			itemIndex,
			`${label} "${id}" is not a valid id`,
			`${NOTHING_SENT}: "." and ".." are path steps in a URL, never one id`,
		);
	}
	return id;
}

/** One path segment: any id is percent-encoded so it can never reach another path. */
export function segment(id: string): string {
	return encodeURIComponent(id);
}

/** Optional text: '' when absent, a number as its digits, anything else refused. */
export function readOptionalText(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string')
		throw refuseItem(ctx, itemIndex, `${label} must be text, not ${typeof value}`);
	return value;
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
		const choices = allowed.map((a) => JSON.stringify(a)).join(', ');
		throw refuseItem(
			ctx,
			itemIndex,
			`${label} must be one of ${choices} (got ${JSON.stringify(value)})`,
		);
	}
	return value;
}

/** Reads a boolean parameter: true or false only (an expression can send the text "false"). */
export function readBoolean(
	ctx: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	fallback: boolean,
): boolean {
	const value = itemParameter(ctx, parameter, itemIndex, fallback);
	if (typeof value !== 'boolean') {
		throw refuseItem(
			ctx,
			itemIndex,
			`${label} must be true or false (got ${JSON.stringify(value)})`,
		);
	}
	return value;
}

/** Why one entry of an id list cannot name one thing, or undefined when it can. */
function idEntryProblem(entry: unknown): string | undefined {
	if (typeof entry !== 'string') return `is not text (${entry === null ? 'null' : typeof entry})`;
	if (entry.trim() === '') return 'is empty';
	if (!isWellFormed(entry)) return 'contains broken Unicode (a lone surrogate)';
	if (entry === '.' || entry === '..') return `"${entry}" is not a valid id`;
	return undefined;
}

/**
 * Reads an optional list of ids: empty (nothing given) is [], text is split at commas and line
 * breaks (each entry trimmed), a list from an expression is taken entry by entry as given (a
 * number as its digits). Any entry that cannot name one thing (empty, not text, broken Unicode,
 * "." or "..") refuses the item, as do more than `max` entries; repeated entries count once.
 */
export function readIdList(
	ctx: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	max: number,
): string[] {
	const value = itemParameter(ctx, parameter, itemIndex, '');
	if (value === undefined || value === null) return [];
	let entries: unknown[];
	if (typeof value === 'string') {
		if (value.trim() === '') return [];
		entries = value
			.trim()
			.split(/[,\n]/)
			.map((entry) => entry.trim());
	} else if (Array.isArray(value)) {
		entries = value.map((entry) =>
			typeof entry === 'number' && Number.isFinite(entry) ? String(entry) : entry,
		);
	} else {
		throw refuseItem(
			ctx,
			itemIndex,
			`${label} must be text (entries separated by commas) or a list, not ${typeof value}`,
		);
	}
	for (const [n, entry] of entries.entries()) {
		const problem = idEntryProblem(entry);
		if (problem) {
			throw refuseItem(
				ctx,
				itemIndex,
				`${label}: entry ${n + 1} ${problem} (got ${JSON.stringify(entry ?? null)})`,
			);
		}
	}
	const ids = [...new Set(entries as string[])];
	if (ids.length > max)
		throw refuseItem(ctx, itemIndex, `${label} has ${ids.length} entries; at most ${max} per item`);
	return ids;
}
