import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { IamportTransport } from '../transport/client';
import type { IamportAnswer } from '../transport/errors';
import type { QueryParam } from './query';
import { queryString } from './query';
import { isSuccess } from './outcome';

/** A bound on any one listing, so a server that never says "no more" cannot keep a run going. */
export const MAX_PAGES = 10_000;

export interface PagedListing {
	/** the path, ids already encoded, without a query */
	path: string;
	/** query parameters sent with every page (page and limit are added) */
	params: QueryParam[];
	/** the `limit` asked for; kept the same on every page, so page numbers keep their meaning */
	pageSize: number;
	/** called with each entry of each page, in order */
	take: (entry: IDataObject) => void;
	/** checked after each page: true stops the walk (e.g. a Limit reached) */
	enough?: () => boolean;
}

export type PagedOutcome =
	/** every page was read (or `enough` said stop); `total` as the last page said */
	| { done: true; total: number; pages: number; last: IamportAnswer }
	/** i'mport refused a page: its answer and which page */
	| { done: false; failed: IamportAnswer; page: number };

/**
 * Reads a paged i'mport listing (PagedPaymentAnnotation: total, previous, next, list) from page 1,
 * following `next` until it is 0. Never assumes a page size: the server may send fewer entries
 * than `limit` asked for.
 */
export async function followPages(
	ctx: IExecuteFunctions,
	transport: IamportTransport,
	itemIndex: number,
	listing: PagedListing,
): Promise<PagedOutcome> {
	let page = 1;
	for (let pages = 1; ; pages++) {
		const answer = await transport.send(
			{
				method: 'GET',
				path: `${listing.path}${queryString([...listing.params, ['page', page], ['limit', listing.pageSize]])}`,
				idempotent: true,
			},
			itemIndex,
		);
		if (!isSuccess(answer)) return { done: false, failed: answer, page };
		const response = (answer.envelope.response ?? {}) as IDataObject;
		const list = Array.isArray(response.list) ? (response.list as unknown[]) : [];
		for (const entry of list)
			if (typeof entry === 'object' && entry !== null) listing.take(entry as IDataObject);
		const next = Number(response.next ?? 0);
		if (!next || listing.enough?.())
			return { done: true, total: Number(response.total ?? 0), pages, last: answer };
		if (!Number.isInteger(next) || next <= page) {
			throw new NodeOperationError(
				ctx.getNode(),
				`i'mport's paging did not move forward (page ${page} said next is ${JSON.stringify(response.next)})`,
				{
					itemIndex,
					description:
						'Stopped reading this listing so as not to loop. Run it again; if it repeats, narrow the window.',
				},
			);
		}
		if (pages >= MAX_PAGES) {
			throw new NodeOperationError(ctx.getNode(), `The listing has more than ${MAX_PAGES} pages`, {
				itemIndex,
				description: 'Narrow it (a shorter window, a status) or set a Limit',
			});
		}
		page = next;
	}
}
