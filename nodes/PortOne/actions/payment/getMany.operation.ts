import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readOptionalText, refuseItem } from '../../../engine/read/input';
import { readSimplify, simplifyResults } from '../../../engine/simplify';
import type { ItemResult } from '../../../engine/types';
import type { PortOneTransport } from '../../transport/client';
import type { ListingItem } from '../listing.input';
import { readListing, readValues, runListing, windowFilter } from '../listing.input';
import { METHOD_OPTIONS, STATUS_OPTIONS, TEXT_FIELDS } from './getMany/description';
import { lookupOutcomes, simplifyPayment } from './shared';

/**
 * Payment → Get Many: GET /payments (getPayments), page-based with the filter, once per input
 * item (each may carry its own window), one output item per payment listed.
 */
export { description } from './getMany/description';

interface PaymentListing extends ListingItem {
	filter: IDataObject;
	simplify: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PaymentListing {
	const item = readListing(this, itemIndex, {
		timeFields: ['STATUS_CHANGED_AT', 'CREATED_AT'],
		statuses: STATUS_OPTIONS.map((o) => o.value),
	});
	const methods = readValues(
		this,
		item.filters.methods,
		'Methods',
		itemIndex,
		METHOD_OPTIONS.map((o) => o.value),
	);
	const filter: IDataObject = {
		timestampType: item.timeField,
		sortBy: item.timeField === 'CREATED_AT' ? 'REQUESTED_AT' : 'STATUS_CHANGED_AT',
		sortOrder: item.newestFirst ? 'DESC' : 'ASC',
	};
	if (item.statuses.length) filter.status = item.statuses;
	if (methods.length) filter.methods = methods;
	if (!item.includeTest) filter.isTest = false;
	const text = readOptionalText(
		this,
		item.filters.textValue,
		'Text Search Value',
		itemIndex,
	).trim();
	if (text !== '') {
		const field = item.filters.textField ?? 'ALL';
		if (typeof field !== 'string' || !TEXT_FIELDS.includes(field)) {
			throw refuseItem(
				this,
				itemIndex,
				`Text Search Field must be one of ${TEXT_FIELDS.join(', ')}`,
			);
		}
		filter.textSearch = [{ field, value: text }];
	}
	return { ...item, filter, simplify: readSimplify(this, itemIndex) };
}

export async function run(
	this: IExecuteFunctions,
	item: PaymentListing,
	itemIndex: number,
	transport: PortOneTransport,
): Promise<ItemResult[]> {
	const results = await runListing(this, transport, itemIndex, item, {
		path: '/payments',
		body: (window) => ({ filter: { ...item.filter, ...windowFilter(window) } }),
		paymentIdOf: (payment) => payment.id,
		table: lookupOutcomes,
	});
	return item.simplify ? simplifyResults(results, 'response', simplifyPayment) : results;
}
