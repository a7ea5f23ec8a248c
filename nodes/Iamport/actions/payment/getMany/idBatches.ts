import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { RequestError } from '../../../../engine/failure';
import { outcomeOf } from '../../../../engine/outcome';
import type { QueryParam } from '../../../../engine/query';
import { queryString } from '../../../../engine/query';
import type { ItemResult } from '../../../../engine/types';
import type { IamportAnswer } from '../../../transport/answer';
import type { IamportTransport } from '../../../transport/client';
import type { GetManyItem, IdItem } from './items';
import { sandboxParams } from '../shared';
import { IDS_PER_REQUEST, idsOutcomes, MAX_QUERY_CHARS } from './items';

/** One GET /payments?imp_uid[]=… for up to 100 distinct ids, sent once for all the items that name them. */
interface Batch {
	ids: string[];
	queryChars: number;
	includeSandbox: boolean;
	sent?: Promise<IamportAnswer | RequestError>;
	/** the payments of a list answer, by imp_uid */
	found?: Map<string, IDataObject>;
}

/**
 * The batches of a run, built from every item's id before the first request: each distinct id once,
 * in the order the items name them, at most 100 per batch. A batch is sent when the first of its
 * items runs (the items run in input order, so the batches go out in order too).
 */
export class IdBatches {
	private readonly batchOfItem = new Map<number, Batch>();

	/** the batch request each item saw fail only because i'mport was not answering */
	private readonly failedFor = new Map<number, Promise<IamportAnswer | RequestError>>();

	readonly batches: Batch[] = [];

	constructor(prepared: ReadonlyArray<GetManyItem | undefined>) {
		const open = new Map<boolean, { batch?: Batch; byId: Map<string, Batch> }>();
		prepared.forEach((item, itemIndex) => {
			if (item?.mode !== 'ids') return;
			const group = open.get(item.includeSandbox) ?? { byId: new Map<string, Batch>() };
			open.set(item.includeSandbox, group);
			const id = item.target.id;
			let batch = group.byId.get(id);
			if (!batch) {
				const chars = encodeURIComponent('imp_uid[]').length + encodeURIComponent(id).length + 2;
				if (
					!group.batch ||
					group.batch.ids.length >= IDS_PER_REQUEST ||
					group.batch.queryChars + chars > MAX_QUERY_CHARS
				) {
					group.batch = { ids: [], queryChars: 0, includeSandbox: item.includeSandbox };
					this.batches.push(group.batch);
				}
				batch = group.batch;
				batch.ids.push(id);
				batch.queryChars += chars;
				group.byId.set(id, batch);
			}
			this.batchOfItem.set(itemIndex, batch);
		});
	}

	async resultFor(
		ctx: IExecuteFunctions,
		item: IdItem,
		itemIndex: number,
		transport: IamportTransport,
	): Promise<ItemResult> {
		const batch = this.batchOfItem.get(itemIndex) as Batch;
		// The batch's request is shared by its items; an item the run put back after that request
		// failed (i'mport was not answering) sends it again, and the items after it share the new one.
		if (!batch.sent || batch.sent === this.failedFor.get(itemIndex)) {
			batch.sent = transport.trySend(
				{ method: 'GET', path: `/payments${queryString(batchQuery(batch))}`, idempotent: true },
				itemIndex,
			);
		}
		const sending = batch.sent;
		const sent = await sending;
		if (sent instanceof RequestError) {
			if (transport.mayRunAgain(sent, itemIndex)) this.failedFor.set(itemIndex, sending);
			const together =
				batch.ids.length > 1
					? `This id was looked up in one request with ${batch.ids.length - 1} other(s), which failed the same way.`
					: '';
			throw sent.forItem(itemIndex, together);
		}

		const response = sent.envelope.response as unknown;
		let outcome: string;
		let payment: IDataObject | undefined;
		if (Array.isArray(response)) {
			// 200 or 207: the payments i'mport found; an id it left out was not found (or is hidden: sandbox).
			batch.found ??= new Map(
				(response as unknown[])
					.filter((p): p is IDataObject => typeof p === 'object' && p !== null)
					.map((p) => [String(p.imp_uid), p]),
			);
			payment = batch.found.get(item.target.id);
			outcome = payment ? idsOutcomes.success : 'not_found';
		} else {
			outcome = sent.httpStatus === 404 ? 'not_found' : outcomeOf(sent, idsOutcomes);
			if (outcome === idsOutcomes.success) outcome = 'not_found'; // code 0 without a list: nothing found for it
		}
		return {
			success: payment !== undefined,
			json: {
				imp_uid: item.target.id,
				outcome,
				code: sent.envelope.code,
				message: sent.envelope.message ?? null,
				response: payment ?? null,
				http_status: sent.httpStatus,
			},
		};
	}
}

function batchQuery(batch: Batch): QueryParam[] {
	const params: QueryParam[] = batch.ids.map((id) => ['imp_uid[]', id]);
	return [...params, ...sandboxParams(batch.includeSandbox)];
}
