import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { RequestError } from '../../../engine/failure';
import type { OutcomeTable } from '../../../engine/outcome';
import { walkPages } from '../../../engine/paging';
import type { QueryParam } from '../../../engine/query';
import { queryString } from '../../../engine/query';
import { segment } from '../../../engine/read/input';
import type { ShowFor } from '../../../engine/types';
import type { IamportAnswer } from '../../transport/answer';
import { iamportAnswer } from '../../transport/answer';
import type { IamportTransport } from '../../transport/client';

/**
 * What the subscription operations share: billing keys (빌링키) by customer_uid and payment schedules
 * (결제예약) by merchant_uid or customer_uid (portone-io/developers.portone.io
 * `src/schema/v1.openapi.json`: /subscribe/customers/{customer_uid}, /subscribe/payments/schedule…,
 * ScheduleResultAnnotation, CustomerAnnotation).
 */

export type Schedule = IDataObject;

export const customerPath = (customerUid: string) => `/subscribe/customers/${segment(customerUid)}`;
export const schedulePath = (merchantUid: string) =>
	`/subscribe/payments/schedule/${segment(merchantUid)}`;
export const customerSchedulesPath = (customerUid: string) =>
	`/subscribe/payments/schedule/customers/${segment(customerUid)}`;

/** The spec's schedule_status values (scheduled: not run yet; executed: run; revoked: withdrawn). */
export const SCHEDULE_STATUSES = ['scheduled', 'executed', 'revoked'];

/** GET /subscribe/payments/schedule/{merchant_uid} (getScheduleByMid): 404 when none has that merchant_uid. */
export const scheduleOutcomes: OutcomeTable = { success: 'found', byStatus: { 404: 'not_found' } };

/** GET /subscribe/payments/schedule and …/customers/{customer_uid}: 400 for a bad search parameter. */
export const listingOutcomes: OutcomeTable = {
	success: 'found',
	byStatus: { 400: 'invalid_request' },
};

export function customerUidField(showFor: ShowFor, description: string): INodeProperties {
	return {
		displayName: 'Customer UID',
		name: 'customerUid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'customer_1234',
		description,
		displayOptions: { show: showFor },
	};
}

const DAY_S = 24 * 60 * 60;
/** The schedule listings search at most 3 months at once (the spec: 최대 3개월); read in 90-day slices. */
export const SLICE_S = 90 * DAY_S;
/** The spec's largest page of GET /subscribe/payments/schedule. */
export const WINDOW_PAGE_SIZE = 1000;

export const isoOf = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

/**
 * The window [from, to) (UNIX seconds; the spec: from <= schedule_at < to) in slices of at most
 * 90 days that neither overlap nor leave a gap, newest first when `newestFirst`.
 */
export function scheduleSlices(
	from: number,
	to: number,
	newestFirst: boolean,
): Array<{ from: number; to: number }> {
	const slices: Array<{ from: number; to: number }> = [];
	for (let start = from; start < to; start += SLICE_S)
		slices.push({ from: start, to: Math.min(start + SLICE_S, to) });
	return newestFirst ? slices.reverse() : slices;
}

export interface ScheduleListing {
	/** the listing's path, ids encoded */
	path: string;
	/** the query names of its window and status filter (they differ between the two listings) */
	names: { from: string; to: string; status: string };
	/** [from, to) in UNIX seconds */
	from: number;
	to: number;
	/** a schedule_status, or undefined for all */
	status?: string;
	/** more query parameters of every page (limit, sorting) */
	params: QueryParam[];
	newestFirst: boolean;
	/** each schedule once, in order */
	take: (schedule: Schedule) => void;
	enough?: () => boolean;
}

export type ListingRead =
	| { done: true }
	/** i'mport refused a page: its answer, and which slice and page */
	| { done: false; failed: IamportAnswer; slice: { from: number; to: number }; page: number }
	/** a page got no answer */
	| { done: false; error: RequestError };

/** A page's schedules: the spec's schema says an array, its text and i'mport's clients a page {list, next}. */
function pageOf(answer: IamportAnswer): { entries: unknown[]; next: unknown } {
	const response = answer.envelope.response as unknown;
	if (Array.isArray(response)) return { entries: response, next: 0 };
	const page = (response ?? {}) as IDataObject;
	return { entries: Array.isArray(page.list) ? page.list : [], next: Number(page.next ?? 0) };
}

/**
 * Reads a schedule listing slice by slice and page by page (the engine's walk), each merchant_uid
 * once. A page that gets no answer ends the read with its RequestError, returned (not thrown) so
 * that a guarded flow can use the read as its look-up.
 */
export async function readScheduleListing(
	ctx: IExecuteFunctions,
	transport: IamportTransport,
	itemIndex: number,
	listing: ScheduleListing,
): Promise<ListingRead> {
	const seen = new Set<string>();
	let lost: RequestError | undefined;
	// What a page without an answer hands the walk: a refusal it stops at (the error is kept in `lost`).
	const stop = iamportAnswer(0, { code: -1, message: null, response: null });
	for (const slice of scheduleSlices(listing.from, listing.to, listing.newestFirst)) {
		const walked = await walkPages(ctx, itemIndex, transport.apiName, {
			first: 1,
			fetch: async (page) => {
				const query = queryString([
					[listing.names.from, slice.from],
					[listing.names.to, slice.to],
					[listing.names.status, listing.status],
					...listing.params,
					['page', page],
				]);
				const sent = await transport.trySend(
					{ method: 'GET', path: `${listing.path}${query}`, idempotent: true },
					itemIndex,
				);
				if (!(sent instanceof RequestError)) return sent;
				lost = sent;
				return stop;
			},
			read: pageOf,
			take: (schedule) => {
				const key = String(schedule.merchant_uid);
				if (seen.has(key) || listing.enough?.()) return;
				seen.add(key);
				listing.take(schedule);
			},
			enough: listing.enough,
		});
		if (lost) return { done: false, error: lost };
		if (!walked.done) return { done: false, failed: walked.failed, slice, page: walked.page };
		if (listing.enough?.()) break;
	}
	return { done: true };
}

/** Count and sum of schedules; the sum only when they share one currency. */
export function totalsOf(schedules: Schedule[]): IDataObject {
	const currencies = new Set(schedules.map((s) => String(s.currency ?? 'KRW')));
	const single = currencies.size <= 1;
	return {
		count: schedules.length,
		total_amount: single ? schedules.reduce((sum, s) => sum + Number(s.amount ?? 0), 0) : null,
		currency: single ? ([...currencies][0] ?? null) : null,
	};
}
