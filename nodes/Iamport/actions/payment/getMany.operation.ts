import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readUnixSeconds } from '../../helpers/dateTime';
import { impUidField } from '../../helpers/idFields';
import { readChoice, readId } from '../../helpers/input';
import type { Target } from '../../helpers/operation';
import type { ItemResult, OutcomeTable } from '../../helpers/outcome';
import { outcomeOf } from '../../helpers/outcome';
import { followPages } from '../../helpers/paging';
import {
	PAYMENT_SORTS,
	includeSandboxField,
	paymentSortField,
	readIncludeSandbox,
} from '../../helpers/paymentLookupFields';
import type { QueryParam } from '../../helpers/query';
import { queryString } from '../../helpers/query';
import type { IamportTransport } from '../../transport/client';
import type { IamportAnswer } from '../../transport/errors';
import { IamportRequestError } from '../../transport/errors';

const showFor = { resource: ['payment'], operation: ['getMany'] };
const forIds = { ...showFor, selectBy: ['impUid'] };
const forWindow = { ...showFor, selectBy: ['statusWindow'] };

/** GET /payments?imp_uid[]=…: at most 100 ids per request (SPEC). */
export const IDS_PER_REQUEST = 100;
/** Keeps each request line well under common URL limits (8 KB) whatever the ids look like. */
const MAX_QUERY_CHARS = 6000;
const DAY_S = 24 * 60 * 60;
/** /payments/status searches at most 90 days at once (SPEC); longer windows go in slices of this. */
export const SLICE_S = 90 * DAY_S;
/** A longer window is surely a mistake (e.g. an empty From read as 1970): refused, not sent as 40+ slices. */
const MAX_WINDOW_DAYS = 3650;
/** The spec's largest page; the server may still send fewer, and `next` is followed whatever it sends. */
const STATUS_PAGE_SIZE = 1000;
const STATUSES = ['all', 'ready', 'paid', 'cancelled', 'failed'];

export const description: INodeProperties[] = [
	{
		displayName: 'Select By',
		name: 'selectBy',
		type: 'options',
		noDataExpression: true,
		default: 'impUid',
		options: [
			{
				name: 'Imp UID of Each Item',
				value: 'impUid',
				description:
					'One payment per input item, looked up 100 at a time (GET /payments?imp_uid[]=…); each input item gets one output item',
			},
			{
				name: 'Status and Time Window',
				value: 'statusWindow',
				description:
					'Every payment in a status within a time window (GET /payments/status/…), one output item per payment, once per input item',
			},
		],
		displayOptions: { show: showFor },
	},
	impUidField(
		forIds,
		"The i'mport payment ID (imp_uid) of this item, usually mapped from a field of the incoming item",
	),
	{
		displayName: 'Payment Status',
		name: 'listStatus',
		type: 'options',
		default: 'paid',
		description:
			'Payments whose status is this now. The window applies to the time of that status: paid payments by when they were paid, cancelled by when they were (last) refunded, failed by when they failed, ready by when they started.',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Cancelled', value: 'cancelled', description: 'Fully or partly refunded' },
			{ name: 'Failed', value: 'failed' },
			{ name: 'Paid', value: 'paid' },
			{
				name: 'Ready',
				value: 'ready',
				description: 'Not paid yet, e.g. a virtual account waiting for the deposit',
			},
		],
		displayOptions: { show: forWindow },
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		description:
			"Start of the window (inclusive), in the workflow's time zone. Empty: 90 days before To. Windows longer than 90 days are read in 90-day slices.",
		displayOptions: { show: forWindow },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		description: "End of the window (inclusive), in the workflow's time zone. Empty: now.",
		displayOptions: { show: forWindow },
	},
	paymentSortField(
		'listSort',
		forWindow,
		'Order of the payments within each 90-day slice; slices come newest first for "Newest First" orders, oldest first otherwise',
	),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: forWindow },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...forWindow, returnAll: [false] } },
	},
	includeSandboxField(
		showFor,
		"Whether to include payments made on a test channel (include_sandbox=true). Off, i'mport leaves them out, and a test payment's imp_uid comes out as not_found.",
	),
];

/** GET /payments (getPaymentListByImpUid): 200 all found, 207 some missing, 404 none found (SPEC). */
export const idsOutcomes: OutcomeTable = {
	success: 'found',
	byStatus: { 400: 'invalid_request', 404: 'not_found' },
};
/** GET /payments/status/{payment_status} (getPaymentsByStatus): 400 for a bad status or a page past the end (SPEC). */
export const statusOutcomes: OutcomeTable = {
	success: 'found',
	byStatus: { 400: 'invalid_request' },
};

interface IdItem {
	mode: 'ids';
	target: Target;
	includeSandbox: boolean;
}

interface WindowItem {
	mode: 'window';
	status: string;
	from: number;
	to: number;
	sort: string;
	/** undefined: Return All */
	limit: number | undefined;
	includeSandbox: boolean;
}

type GetManyItem = IdItem | WindowItem;

function refuse(ctx: IExecuteFunctions, itemIndex: number, message: string): never {
	throw new NodeOperationError(ctx.getNode(), message, {
		itemIndex,
		description: 'Nothing was sent for this item',
	});
}

const isoOf = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

/**
 * The window [from, to] (UNIX seconds, both inclusive) in slices of at most 90 days that neither
 * overlap nor leave a gap, newest first when `newestFirst`.
 */
export function windowSlices(
	from: number,
	to: number,
	newestFirst: boolean,
): Array<{ from: number; to: number }> {
	const slices: Array<{ from: number; to: number }> = [];
	for (let start = from; start <= to; start += SLICE_S + 1)
		slices.push({ from: start, to: Math.min(start + SLICE_S, to) });
	return newestFirst ? slices.reverse() : slices;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): GetManyItem {
	const selectBy = readChoice(
		this,
		'selectBy',
		'Select By',
		itemIndex,
		['impUid', 'statusWindow'],
		'impUid',
	);
	const includeSandbox = readIncludeSandbox(this, itemIndex);
	if (selectBy === 'impUid') {
		const id = readId(this, 'impUid', 'imp_uid', itemIndex);
		return { mode: 'ids', target: { idField: 'imp_uid', id, path: '/payments' }, includeSandbox };
	}
	const status = readChoice(this, 'listStatus', 'Payment Status', itemIndex, STATUSES, 'paid');
	const sort = readChoice(this, 'listSort', 'Sort', itemIndex, PAYMENT_SORTS, '-started');
	const toGiven = readUnixSeconds(this, 'to', 'To', itemIndex);
	const fromGiven = readUnixSeconds(this, 'from', 'From', itemIndex);
	const to = toGiven ?? Math.floor(Date.now() / 1000);
	const from = fromGiven ?? to - SLICE_S;
	if (from > to) refuse(this, itemIndex, `From (${isoOf(from)}) is after To (${isoOf(to)})`);
	if (to - from > MAX_WINDOW_DAYS * DAY_S) {
		refuse(
			this,
			itemIndex,
			`The window from ${isoOf(from)} to ${isoOf(to)} is longer than ${MAX_WINDOW_DAYS} days`,
		);
	}
	let limit: number | undefined;
	if (this.getNodeParameter('returnAll', itemIndex, false) !== true) {
		const value = this.getNodeParameter('limit', itemIndex, 50) as unknown;
		const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) {
			refuse(
				this,
				itemIndex,
				`Limit must be a whole number, 1 or more (got ${JSON.stringify(value)})`,
			);
		}
		limit = number;
	}
	return { mode: 'window', status, from, to, sort, limit, includeSandbox };
}

/* ------------------------------------------------------------------ by imp_uid, 100 per request */

/** One GET /payments?imp_uid[]=… for up to 100 distinct ids, sent once for all the items that name them. */
interface Batch {
	ids: string[];
	queryChars: number;
	includeSandbox: boolean;
	sent?: Promise<IamportAnswer | IamportRequestError>;
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
	private readonly failedFor = new Map<number, Promise<IamportAnswer | IamportRequestError>>();

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
		if (sent instanceof IamportRequestError) {
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
	if (batch.includeSandbox) params.push(['include_sandbox', 'true']);
	return params;
}

export function beforeRuns(
	this: IExecuteFunctions,
	prepared: ReadonlyArray<GetManyItem | undefined>,
): IdBatches {
	return new IdBatches(prepared);
}

/* ------------------------------------------------------------------ by status and window */

/** Every payment of one status in the item's window, slice by slice and page by page. */
async function listWindow(
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
				...(item.includeSandbox ? ([['include_sandbox', 'true']] as QueryParam[]) : []),
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

export async function run(
	this: IExecuteFunctions,
	item: GetManyItem,
	itemIndex: number,
	transport: IamportTransport,
	batches: IdBatches,
): Promise<ItemResult | ItemResult[]> {
	if (item.mode === 'ids') return await batches.resultFor(this, item, itemIndex, transport);
	return await listWindow(this, item, itemIndex, transport);
}
