import type { IExecuteFunctions } from 'n8n-workflow';

import { lookUp } from '../../../engine/singleCall';
import { outcomeOf } from '../../../engine/outcome';
import type { ItemResult } from '../../../engine/types';
import type { IamportTransport } from '../../transport/client';
import type { ScheduleItem } from './getSchedules/input';
import {
	isoOf,
	listingOutcomes,
	readScheduleListing,
	scheduleOutcomes,
	WINDOW_PAGE_SIZE,
} from './shared';

export { description } from './getSchedules/description';
export { prepare } from './getSchedules/input';

/** The query names of each listing's window and status (the spec names them differently). */
const NAMES = {
	customerUid: { from: 'from', to: 'to', status: 'schedule-status' },
	window: { from: 'schedule_from', to: 'schedule_to', status: 'schedule_status' },
};

/**
 * By merchant_uid: one look-up, one output item. By customer_uid or time window: every schedule,
 * slice by slice and page by page, one output item each (none for an empty window); a page i'mport
 * refuses makes the item one Failure item instead, so a listing with a page missing never passes
 * for the whole list.
 */
export async function run(
	this: IExecuteFunctions,
	item: ScheduleItem,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult | ItemResult[]> {
	if (item.by === 'merchantUid')
		return await lookUp(transport, itemIndex, item.target, scheduleOutcomes);
	const results: ItemResult[] = [];
	const enough = () => item.limit !== undefined && results.length >= item.limit;
	// The window listing takes a page size (at most 1000); the customer listing takes none.
	const pageSize = Math.min(item.limit ?? WINDOW_PAGE_SIZE, WINDOW_PAGE_SIZE);
	const read = await readScheduleListing(this, transport, itemIndex, {
		path: item.path,
		names: NAMES[item.by],
		from: item.from,
		to: item.to,
		status: item.status,
		params:
			item.by === 'window'
				? [
						['limit', pageSize],
						['sorting', item.newestFirst ? undefined : 'scheduled'],
					]
				: [],
		newestFirst: item.newestFirst,
		take: (schedule) =>
			results.push({
				success: true,
				json: {
					merchant_uid: schedule.merchant_uid ?? null,
					customer_uid: schedule.customer_uid ?? null,
					outcome: listingOutcomes.success,
					response: schedule,
				},
			}),
		enough,
	});
	if (read.done) return results;
	if ('error' in read) throw read.error;
	const { failed, slice, page } = read;
	return [
		{
			success: false,
			json: {
				...(item.customerUid === undefined ? {} : { customer_uid: item.customerUid }),
				outcome: outcomeOf(failed, listingOutcomes),
				code: failed.envelope.code,
				message: failed.envelope.message ?? null,
				response: null,
				http_status: failed.httpStatus,
				listing: {
					status: item.status ?? null,
					from: isoOf(slice.from),
					to: isoOf(slice.to - 1),
					page,
				},
			},
		},
	];
}
