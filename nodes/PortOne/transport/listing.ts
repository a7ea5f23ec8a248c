import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { walkPages } from '../../engine/paging';
import type { PortOneAnswer } from './answer';
import type { PortOneTransport } from './client';

/**
 * PortOne's page-based listings (GET /payments, GET /cash-receipts): `page {number, size}` from 0,
 * `(number + 1) * size` at most 60,000 (portone-io/developers.portone.io
 * `src/schema/v2.openapi.json`, GetPaymentsBody.page). `totalCount` is titled "the number returned",
 * so the walk pages until a page comes back short. A window that holds more than the bound is
 * read again as two halves (newest half first for a newest-first order), each id once.
 */
export const MAX_LISTED = 60_000;
const PAGE_SIZE = 100;
/** Halving a 90-day window 20 times leaves ~8 s: past that, more than 60,000 share one moment. */
const MAX_SPLITS = 20;

export interface Window {
	/** epoch ms, inclusive */
	from: number;
	/** epoch ms */
	until: number;
}

export interface Listing {
	path: string;
	/** the request body without page and without the window's from/until */
	body: (window: Window) => IDataObject;
	window: Window;
	newestFirst: boolean;
	/** undefined: everything */
	limit: number | undefined;
	idOf: (entry: IDataObject) => string;
}

export type ListingOutcome =
	| { done: true; entries: IDataObject[] }
	| { done: false; failed: PortOneAnswer; window: Window; page: number }
	| { done: false; tooDense: Window };

export async function listAll(
	ctx: IExecuteFunctions,
	transport: PortOneTransport,
	itemIndex: number,
	listing: Listing,
): Promise<ListingOutcome> {
	const entries: IDataObject[] = [];
	const seen = new Set<string>();
	const enough = () => listing.limit !== undefined && entries.length >= listing.limit;
	const size = Math.min(PAGE_SIZE, listing.limit ?? PAGE_SIZE);
	const windows: Array<Window & { depth: number }> = [{ ...listing.window, depth: 0 }];
	while (windows.length > 0 && !enough()) {
		const window = windows.shift() as Window & { depth: number };
		const found: IDataObject[] = [];
		let full = false;
		const walked = await walkPages(ctx, itemIndex, transport.apiName, {
			first: 0,
			fetch: async (number) =>
				await transport.send(
					{
						method: 'GET',
						path: listing.path,
						body: { ...listing.body(window), page: { number, size } },
						idempotent: true,
					},
					itemIndex,
				),
			read: (answer, number) => {
				const items = Array.isArray(answer.body.items) ? (answer.body.items as unknown[]) : [];
				full = items.length >= size;
				const more = full && (number + 2) * size <= MAX_LISTED;
				return { entries: items, next: more ? number + 1 : undefined };
			},
			take: (entry) => found.push(entry),
			enough: () => listing.limit !== undefined && entries.length + found.length >= listing.limit,
		});
		if (!walked.done) return { done: false, failed: walked.failed, window, page: walked.page };
		const bounded =
			full &&
			found.length >= MAX_LISTED &&
			(listing.limit === undefined || listing.limit > MAX_LISTED);
		if (bounded) {
			if (window.depth >= MAX_SPLITS) return { done: false, tooDense: window };
			const middle = Math.floor((window.from + window.until) / 2);
			const older = { from: window.from, until: middle, depth: window.depth + 1 };
			const newer = { from: middle, until: window.until, depth: window.depth + 1 };
			windows.unshift(...(listing.newestFirst ? [newer, older] : [older, newer]));
			continue;
		}
		for (const entry of found) {
			const id = listing.idOf(entry);
			if (seen.has(id) || enough()) continue;
			seen.add(id);
			entries.push(entry);
		}
	}
	return { done: true, entries };
}
