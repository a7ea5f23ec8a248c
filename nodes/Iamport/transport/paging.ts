import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { walkPages } from '../../engine/paging';
import type { QueryParam } from '../../engine/query';
import { queryString } from '../../engine/query';
import type { IamportAnswer } from './answer';
import type { IamportTransport } from './client';

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
	/** a smaller page bound than the engine's, with the item's own error past it */
	maxPages?: { pages: number; error: () => Error };
}

export type PagedOutcome =
	/** every page was read (or `enough` said stop); `total` as the last page said */
	| { done: true; total: number; pages: number; last: IamportAnswer }
	/** i'mport refused a page: its answer and which page */
	| { done: false; failed: IamportAnswer; page: number };

/**
 * Reads a paged i'mport listing (PagedPaymentAnnotation: total, previous, next, list) from page 1,
 * following `next` until it is 0 (portone-io/developers.portone.io `src/schema/v1.openapi.json`).
 */
export async function followPages(
	ctx: IExecuteFunctions,
	transport: IamportTransport,
	itemIndex: number,
	listing: PagedListing,
): Promise<PagedOutcome> {
	const walked = await walkPages(ctx, itemIndex, transport.apiName, {
		first: 1,
		fetch: async (page) =>
			await transport.send(
				{
					method: 'GET',
					path: `${listing.path}${queryString([...listing.params, ['page', page], ['limit', listing.pageSize]])}`,
					idempotent: true,
				},
				itemIndex,
			),
		read: (answer) => {
			const response = (answer.envelope.response ?? {}) as IDataObject;
			const entries = Array.isArray(response.list) ? (response.list as unknown[]) : [];
			return { entries, next: Number(response.next ?? 0) };
		},
		take: listing.take,
		enough: listing.enough,
		maxPages: listing.maxPages,
	});
	if (!walked.done) return walked;
	const total = Number((walked.last.envelope.response as IDataObject | null)?.total ?? 0);
	return { done: true, total, pages: walked.pages, last: walked.last };
}
