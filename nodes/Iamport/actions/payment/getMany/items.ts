import type { IExecuteFunctions } from 'n8n-workflow';

import type { OutcomeTable } from '../../../../engine/outcome';
import { readChoice, readId, refuseItem } from '../../../../engine/read/input';
import { itemParameter } from '../../../../engine/read/itemParameter';
import { readUnixSeconds, toUnixSeconds } from '../../../../engine/read/dateTime';
import { readWhole } from '../../../../engine/read/won';
import type { Target } from '../../../../engine/types';
import { readSimplify } from '../../../../engine/simplify';
import { PAYMENT_SORTS, readIncludeSandbox } from '../shared';

/** GET /payments?imp_uid[]=…: at most 100 ids per request (the spec). */
export const IDS_PER_REQUEST = 100;
/** Keeps each request line well under common URL limits (8 KB) whatever the ids look like. */
export const MAX_QUERY_CHARS = 6000;
const DAY_S = 24 * 60 * 60;
/** /payments/status searches at most 90 days at once (the spec); longer windows go in slices of this. */
export const SLICE_S = 90 * DAY_S;
/** A longer window is surely a mistake (e.g. an empty From read as 1970): refused, not sent as 40+ slices. */
const MAX_WINDOW_DAYS = 3650;
/** The spec's largest page; the server may still send fewer, and `next` is followed whatever it sends. */
export const STATUS_PAGE_SIZE = 1000;
const STATUSES = ['all', 'ready', 'paid', 'cancelled', 'failed'];

/** GET /payments (getPaymentListByImpUid): 200 all found, 207 some missing, 404 none found (the spec). */
export const idsOutcomes: OutcomeTable = {
	success: 'found',
	byStatus: { 400: 'invalid_request', 404: 'not_found' },
};
/** GET /payments/status/{payment_status} (getPaymentsByStatus): 400 for a bad status or a page past the end (the spec). */
export const statusOutcomes: OutcomeTable = {
	success: 'found',
	byStatus: { 400: 'invalid_request' },
};

export interface IdItem {
	mode: 'ids';
	target: Target;
	includeSandbox: boolean;
	simplify: boolean;
}

export interface WindowItem {
	mode: 'window';
	simplify: boolean;
	status: string;
	from: number;
	to: number;
	sort: string;
	/** undefined: Return All */
	limit: number | undefined;
	includeSandbox: boolean;
}

export type GetManyItem = IdItem | WindowItem;

function refuse(ctx: IExecuteFunctions, itemIndex: number, message: string): never {
	throw refuseItem(ctx, itemIndex, message);
}

/** n8n date values as UNIX seconds, as the window's From and To read them. */
export const windowSeconds = (value: unknown, timeZone: string) =>
	toUnixSeconds(value, timeZone, "i'mport");

export const isoOf = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

/**
 * The window [from, to] (UNIX seconds, both inclusive) in slices of at most 90 days that neither
 * overlap nor leave a gap, newest first when `newestFirst`.
 */
export function windowSlices(
	from: number,
	to: number,
	newestFirst: boolean,
): Array<{ from: number; to: number }> {
	const slices: Array<{ from: number; to: number }> = [];
	for (let start = from; start <= to; start += SLICE_S + 1)
		slices.push({ from: start, to: Math.min(start + SLICE_S, to) });
	return newestFirst ? slices.reverse() : slices;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): GetManyItem {
	const selectBy = readChoice(
		this,
		'selectBy',
		'Select By',
		itemIndex,
		['impUid', 'statusWindow'],
		'impUid',
	);
	const includeSandbox = readIncludeSandbox(this, itemIndex);
	const simplify = readSimplify(this, itemIndex);
	if (selectBy === 'impUid') {
		const id = readId(this, 'impUid', 'imp_uid', itemIndex);
		const target = { idField: 'imp_uid', id, path: '/payments' };
		return { mode: 'ids', target, includeSandbox, simplify };
	}
	const status = readChoice(this, 'listStatus', 'Payment Status', itemIndex, STATUSES, 'paid');
	const sort = readChoice(this, 'listSort', 'Sort', itemIndex, PAYMENT_SORTS, '-started');
	const toGiven = readUnixSeconds(this, 'to', 'To', itemIndex, "i'mport");
	const fromGiven = readUnixSeconds(this, 'from', 'From', itemIndex, "i'mport");
	const to = toGiven ?? Math.floor(Date.now() / 1000);
	const from = fromGiven ?? to - SLICE_S;
	if (from > to) refuse(this, itemIndex, `From (${isoOf(from)}) is after To (${isoOf(to)})`);
	if (to - from > MAX_WINDOW_DAYS * DAY_S) {
		refuse(
			this,
			itemIndex,
			`The window from ${isoOf(from)} to ${isoOf(to)} is longer than ${MAX_WINDOW_DAYS} days`,
		);
	}
	let limit: number | undefined;
	if (itemParameter(this, 'returnAll', itemIndex, false) !== true) {
		const value = itemParameter(this, 'limit', itemIndex, 50);
		limit = readWhole(value, 1);
		if (limit === undefined) {
			refuse(
				this,
				itemIndex,
				`Limit must be a whole number, 1 or more (got ${JSON.stringify(value)})`,
			);
		}
	}
	return { mode: 'window', status, from, to, sort, limit, includeSandbox, simplify };
}
