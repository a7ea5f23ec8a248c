import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readOptionalText, refuseItem } from '../../../engine/read/input';
import type { ItemResult } from '../../../engine/types';
import type { PortOneTransport } from '../../transport/client';
import type { ListingItem } from '../listing.input';
import { readListing, readValues, runListing, windowFilter } from '../listing.input';
import { receiptLookupOutcomes } from './shared';

/**
 * Cash Receipt → Get Many: GET /cash-receipts (getCashReceipts), page-based with its filter; the
 * filter's FAILED is what a receipt shows as ISSUE_FAILED (the spec's CashReceiptStatus).
 */
export { description } from './getMany/description';

interface ReceiptListing extends ListingItem {
	filter: IDataObject;
	sort: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): ReceiptListing {
	const item = readListing(this, itemIndex, {
		timeFields: ['ISSUED_AT', 'CANCELLED_AT', 'STATUS_UPDATED_AT'],
		statuses: ['CANCELLED', 'FAILED', 'ISSUED'],
	});
	const filter: IDataObject = { timeRangeField: item.timeField };
	if (item.statuses.length) filter.statuses = item.statuses;
	if (!item.includeTest) filter.isTest = false;
	const types = readValues(this, item.filters.types, 'Types', itemIndex, ['CORPORATE', 'PERSONAL']);
	if (types.length) filter.types = types;
	if (item.filters.isManual !== undefined) {
		if (typeof item.filters.isManual !== 'boolean')
			throw refuseItem(this, itemIndex, 'Manual Only must be true or false');
		filter.isManual = item.filters.isManual;
	}
	const paymentId = readOptionalText(this, item.filters.paymentId, 'Payment ID', itemIndex).trim();
	if (paymentId !== '') filter.paymentId = paymentId;
	return {
		...item,
		filter,
		sort: { by: item.timeField, order: item.newestFirst ? 'DESC' : 'ASC' },
	};
}

export async function run(
	this: IExecuteFunctions,
	item: ReceiptListing,
	itemIndex: number,
	transport: PortOneTransport,
): Promise<ItemResult[]> {
	return await runListing(this, transport, itemIndex, item, {
		path: '/cash-receipts',
		body: (window) => ({ sort: item.sort, filter: { ...item.filter, ...windowFilter(window) } }),
		paymentIdOf: (receipt) => receipt.paymentId,
		table: receiptLookupOutcomes,
	});
}
