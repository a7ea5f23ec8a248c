import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Answer } from './types';

/** A bound on any one listing, so a server that never says "no more" cannot keep a run going. */
export const MAX_PAGES = 10_000;

export interface PageWalk<A extends Answer> {
	/** the first page's number (i'mport V1 counts from 1, PortOne V2 from 0) */
	first: number;
	/** asks for one page */
	fetch: (page: number) => Promise<A>;
	/** an accepted page's entries, and the next page's number (0 or undefined: this was the last) */
	read: (answer: A, page: number) => { entries: unknown[]; next: unknown };
	/** called with each entry that is an object, in order */
	take: (entry: IDataObject) => void;
	/** checked after each page: true stops the walk (e.g. a Limit reached) */
	enough?: () => boolean;
	/** a smaller bound than MAX_PAGES, with the item's own error past it */
	maxPages?: { pages: number; error: () => Error };
}

export type WalkOutcome<A> =
	/** every page was read (or `enough` said stop) */
	| { done: true; pages: number; last: A }
	/** the API refused a page: its answer and which page */
	| { done: false; failed: A; page: number };

/**
 * Reads a paged listing page by page, following what each page says comes next. Never assumes a
 * page size: the server may send fewer entries than asked for. Refuses a `next` that does not move
 * forward, and more pages than the bound, with the item's error instead of looping.
 */
export async function walkPages<A extends Answer>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	apiName: string,
	walk: PageWalk<A>,
): Promise<WalkOutcome<A>> {
	const bound = walk.maxPages?.pages ?? MAX_PAGES;
	let page = walk.first;
	for (let pages = 1; ; pages++) {
		const answer = await walk.fetch(page);
		if (!answer.ok) return { done: false, failed: answer, page };
		const { entries, next } = walk.read(answer, page);
		for (const entry of entries) {
			if (typeof entry === 'object' && entry !== null && !Array.isArray(entry))
				walk.take(entry as IDataObject);
		}
		if (!next || walk.enough?.()) return { done: true, pages, last: answer };
		const nextPage = Number(next);
		if (!Number.isInteger(nextPage) || nextPage <= page) {
			throw new NodeOperationError(
				ctx.getNode(),
				`${apiName}'s paging did not move forward (page ${page} said next is ${JSON.stringify(next)})`,
				{
					itemIndex,
					description:
						'Stopped reading this listing so as not to loop. Run it again; if it repeats, narrow the window.',
				},
			);
		}
		if (pages >= bound) {
			if (walk.maxPages) throw walk.maxPages.error();
			throw new NodeOperationError(ctx.getNode(), `The listing has more than ${MAX_PAGES} pages`, {
				itemIndex,
				description: 'Narrow it (a shorter window, a status) or set a Limit',
			});
		}
		page = nextPage;
	}
}
