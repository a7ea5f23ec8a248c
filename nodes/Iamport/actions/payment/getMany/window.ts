import type { IExecuteFunctions } from 'n8n-workflow';

import { outcomeOf } from '../../../../engine/outcome';
import type { ItemResult } from '../../../../engine/types';
import type { IamportTransport } from '../../../transport/client';
import { followPages } from '../../../transport/paging';
import { sandboxParams } from '../shared';
import type { WindowItem } from './items';
import { isoOf, STATUS_PAGE_SIZE, statusOutcomes, windowSlices } from './items';

/** Every payment of one status in the item's window, slice by slice and page by page. */
export async function listWindow(
	ctx: IExecuteFunctions,
	item: WindowItem,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult[]> {
	const results: ItemResult[] = [];
	const seen = new Set<string>();
	const enough = () => item.limit !== undefined && results.length >= item.limit;
	const pageSize = Math.min(item.limit ?? STATUS_PAGE_SIZE, STATUS_PAGE_SIZE);
	for (const slice of windowSlices(item.from, item.to, item.sort.startsWith('-'))) {
		const read = await followPages(ctx, transport, itemIndex, {
			path: `/payments/status/${item.status}`,
			params: [
				...sandboxParams(item.includeSandbox),
				['from', slice.from],
				['to', slice.to],
				['sorting', item.sort],
			],
			pageSize,
			take: (payment) => {
				// A payment whose status changes while the pages are read can show up twice.
				const key = String(payment.imp_uid);
				if (enough() || seen.has(key)) return;
				seen.add(key);
				results.push({
					success: true,
					json: {
						imp_uid: payment.imp_uid ?? null,
						outcome: statusOutcomes.success,
						response: payment,
					},
				});
			},
			enough,
		});
		if (!read.done) {
			const failed = read.failed;
			// All or nothing: a listing with a page missing must not pass for the whole list.
			return [
				{
					success: false,
					json: {
						outcome: outcomeOf(failed, statusOutcomes),
						code: failed.envelope.code,
						message: failed.envelope.message ?? null,
						response: null,
						http_status: failed.httpStatus,
						listing: {
							status: item.status,
							from: isoOf(slice.from),
							to: isoOf(slice.to),
							page: read.page,
						},
					},
				},
			];
		}
		if (enough()) break;
	}
	return results;
}
