import type { IExecuteFunctions } from 'n8n-workflow';

import { simplifyResults } from '../../../engine/simplify';
import type { ItemResult } from '../../../engine/types';
import { simplifyPayment } from './shared';
import type { IamportTransport } from '../../transport/client';
import { IdBatches } from './getMany/idBatches';
import type { GetManyItem } from './getMany/items';
import { listWindow } from './getMany/window';

export { description } from './getMany/description';
export { prepare } from './getMany/items';

/** The batches of imp_uids, 100 per request, built from every item before the first request. */
export function beforeRuns(
	this: IExecuteFunctions,
	prepared: ReadonlyArray<GetManyItem | undefined>,
): IdBatches {
	return new IdBatches(prepared);
}

export async function run(
	this: IExecuteFunctions,
	item: GetManyItem,
	itemIndex: number,
	transport: IamportTransport,
	batches: IdBatches,
): Promise<ItemResult | ItemResult[]> {
	const results =
		item.mode === 'ids'
			? await batches.resultFor(this, item, itemIndex, transport)
			: await listWindow(this, item, itemIndex, transport);
	return item.simplify ? simplifyResults(results, 'response', simplifyPayment) : results;
}
