import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OutcomeTable } from '../../engine/outcome';
import { outcomeOf } from '../../engine/outcome';
import { readBoolean, readChoice, refuseItem } from '../../engine/read/input';
import { itemParameter } from '../../engine/read/itemParameter';
import { readUnixSeconds } from '../../engine/read/dateTime';
import { readWhole } from '../../engine/read/won';
import type { ItemResult } from '../../engine/types';
import type { PortOneTransport } from '../transport/client';
import type { Window } from '../transport/listing';
import { listAll } from '../transport/listing';

const DAY_MS = 86_400_000;
/** A longer window is surely a mistake (an empty From read as 1970): refused, not listed. */
const MAX_WINDOW_DAYS = 3650;
const iso = (ms: number) => new Date(ms).toISOString();

/** One item's listing, read and checked: the window, what it applies to, statuses, test, order, limit. */
export interface ListingItem {
	window: Window;
	timeField: string;
	statuses: string[];
	includeTest: boolean;
	newestFirst: boolean;
	/** undefined: Return All */
	limit: number | undefined;
	filters: IDataObject;
}

/** Multi-select values, each one of `allowed` (an expression can send anything). */
export function readValues(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	allowed: string[],
) {
	const values = value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];
	const bad = values.find((v) => typeof v !== 'string' || !allowed.includes(v));
	if (bad !== undefined) {
		throw refuseItem(
			ctx,
			itemIndex,
			`${label}: ${JSON.stringify(bad)} is not one of ${allowed.join(', ')}`,
		);
	}
	return values as string[];
}

export function readListing(
	ctx: IExecuteFunctions,
	itemIndex: number,
	spec: { timeFields: string[]; statuses: string[] },
): ListingItem {
	const untilSeconds = readUnixSeconds(ctx, 'until', 'Until', itemIndex, 'PortOne');
	const fromSeconds = readUnixSeconds(ctx, 'from', 'From', itemIndex, 'PortOne');
	const until = untilSeconds === undefined ? Date.now() : untilSeconds * 1000;
	const from = fromSeconds === undefined ? until - 90 * DAY_MS : fromSeconds * 1000;
	if (from > until)
		throw refuseItem(ctx, itemIndex, `From (${iso(from)}) is after Until (${iso(until)})`);
	if (until - from > MAX_WINDOW_DAYS * DAY_MS) {
		throw refuseItem(
			ctx,
			itemIndex,
			`The window from ${iso(from)} to ${iso(until)} is longer than ${MAX_WINDOW_DAYS} days`,
		);
	}
	let limit: number | undefined;
	if (itemParameter(ctx, 'returnAll', itemIndex, false) !== true) {
		const value = itemParameter(ctx, 'limit', itemIndex, 50);
		limit = readWhole(value, 1);
		if (limit === undefined) {
			throw refuseItem(
				ctx,
				itemIndex,
				`Limit must be a whole number, 1 or more (got ${JSON.stringify(value)})`,
			);
		}
	}
	return {
		window: { from, until },
		timeField: readChoice(
			ctx,
			'timeField',
			'Window On',
			itemIndex,
			spec.timeFields,
			spec.timeFields[0],
		),
		statuses: readValues(
			ctx,
			itemParameter(ctx, 'statuses', itemIndex, []),
			'Statuses',
			itemIndex,
			spec.statuses,
		),
		includeTest: readBoolean(ctx, 'includeTest', 'Include Test', itemIndex, false),
		newestFirst:
			readChoice(ctx, 'sortOrder', 'Sort', itemIndex, ['DESC', 'ASC'], 'DESC') === 'DESC',
		limit,
		filters: itemParameter(ctx, 'filters', itemIndex, {}) as IDataObject,
	};
}

/**
 * Lists every entry of one item's window: one output item per entry `{paymentId, outcome: found,
 * response}`; a refused page gives one Failure item and none of the entries (a listing with a page
 * missing must not pass for the whole list).
 */
export async function runListing(
	ctx: IExecuteFunctions,
	transport: PortOneTransport,
	itemIndex: number,
	item: ListingItem,
	spec: {
		path: string;
		body: (window: Window) => IDataObject;
		/** the Payment ID an entry is about: reported as paymentId, and what tells entries apart */
		paymentIdOf: (entry: IDataObject) => unknown;
		table: OutcomeTable;
	},
): Promise<ItemResult[]> {
	const listed = await listAll(ctx, transport, itemIndex, {
		path: spec.path,
		body: spec.body,
		window: item.window,
		newestFirst: item.newestFirst,
		limit: item.limit,
		idOf: (entry) => String(spec.paymentIdOf(entry)),
	});
	if (listed.done) {
		return listed.entries.map((entry) => ({
			success: true,
			json: {
				paymentId: spec.paymentIdOf(entry) ?? null,
				outcome: spec.table.success,
				response: entry,
			},
		}));
	}
	if ('tooDense' in listed) {
		throw refuseItem(
			ctx,
			itemIndex,
			`More than 60,000 entries share the moment ${iso(listed.tooDense.from)}: PortOne cannot page past that`,
			'Narrow the listing with a filter (Statuses and the other filters).',
		);
	}
	const { failed, window, page } = listed;
	const listing = { from: iso(window.from), until: iso(window.until), page };
	return [
		{ success: false, json: { outcome: outcomeOf(failed, spec.table), ...failed.report, listing } },
	];
}

/** The window as PortOne's filters take it (RFC 3339). */
export const windowFilter = (window: Window) => ({
	from: iso(window.from),
	until: iso(window.until),
});
