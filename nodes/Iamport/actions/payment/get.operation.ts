import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OutcomeTable } from '../../../engine/outcome';
import { resultOf } from '../../../engine/outcome';
import type { QueryParam } from '../../../engine/query';
import { queryString } from '../../../engine/query';
import { readChoice, readId, segment } from '../../../engine/read/input';
import { readSimplify, simplifyField, simplifyResults } from '../../../engine/simplify';
import type { ItemResult, Target } from '../../../engine/types';
import type { IamportTransport } from '../../transport/client';
import { impUidField, merchantUidField } from '../common.descriptions';
import {
	includeSandboxField,
	lookupOutcomes,
	PAYMENT_SORTS,
	paymentPath,
	paymentSortField,
	readAttempts,
	readIncludeSandbox,
	sandboxParams,
	simplifyPayment,
} from './shared';

const showFor = { resource: ['payment'], operation: ['get'] };
const byMerchantUid = ['merchantUid', 'merchantUidAll'];

/** The spec's payment statuses, for the optional path segment of find / findAll. */
const STATUSES = ['ready', 'paid', 'cancelled', 'failed'];
/** findAll's page size: the spec's maximum, so a merchant_uid's attempts rarely take a second page. */
const ATTEMPTS_PAGE_SIZE = 1000;

export const description: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookUpBy',
		type: 'options',
		noDataExpression: true,
		default: 'impUid',
		options: [
			{
				name: 'Imp UID',
				value: 'impUid',
				description: "I'mport's payment ID: GET /payments/{imp_uid}",
			},
			{
				name: 'Merchant UID',
				value: 'merchantUid',
				description:
					'Your order ID: the first payment under it in the Sort order (GET /payments/find/{merchant_uid})',
			},
			{
				name: 'Merchant UID, All Attempts',
				value: 'merchantUidAll',
				description:
					'Your order ID: every payment attempt made under it, all pages (GET /payments/findAll/{merchant_uid})',
			},
		],
		displayOptions: { show: showFor },
	},
	impUidField(
		{ ...showFor, lookUpBy: ['impUid'] },
		"The i'mport payment ID (imp_uid) to look up, usually mapped from a field of the incoming item",
	),
	merchantUidField(
		{ ...showFor, lookUpBy: byMerchantUid },
		'Your order ID (merchant_uid) whose payment(s) to look up',
	),
	{
		displayName: 'Payment Status',
		name: 'findStatus',
		type: 'options',
		default: '',
		description: "Only payments in this status (i'mport: the latest such payment)",
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Cancelled', value: 'cancelled', description: 'Fully or partly refunded' },
			{ name: 'Failed', value: 'failed' },
			{ name: 'Paid', value: 'paid' },
			{
				name: 'Ready',
				value: 'ready',
				description: 'Not paid yet, e.g. a virtual account waiting for the deposit',
			},
		],
		displayOptions: { show: { ...showFor, lookUpBy: byMerchantUid } },
	},
	paymentSortField(
		'findSort',
		{ ...showFor, lookUpBy: byMerchantUid },
		'Which payment comes first when several share the merchant_uid',
	),
	includeSandboxField(
		showFor,
		"Whether to find payments made on a test channel too (include_sandbox=true). Off, i'mport hides them and such a payment comes out as not_found.",
	),
	simplifyField(showFor),
];

/** The look-up's outcomes: see lookupOutcomes. */
export const outcomes: OutcomeTable = lookupOutcomes;

type LookUpBy = 'impUid' | 'merchantUid' | 'merchantUidAll';

interface GetItem {
	target: Target;
	lookUpBy: LookUpBy;
	/** query parameters of every request of this item */
	params: QueryParam[];
	simplify: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): GetItem {
	const lookUpBy = readChoice(
		this,
		'lookUpBy',
		'Look Up By',
		itemIndex,
		['impUid', ...byMerchantUid],
		'impUid',
	) as LookUpBy;
	const sandbox = sandboxParams(readIncludeSandbox(this, itemIndex));
	const simplify = readSimplify(this, itemIndex);
	if (lookUpBy === 'impUid') {
		const id = readId(this, 'impUid', 'imp_uid', itemIndex);
		return {
			lookUpBy,
			target: { idField: 'imp_uid', id, path: paymentPath(id) },
			params: sandbox,
			simplify,
		};
	}
	const id = readId(this, 'merchantUid', 'merchant_uid', itemIndex);
	const status = readChoice(this, 'findStatus', 'Payment Status', itemIndex, ['', ...STATUSES], '');
	const sort = readChoice(this, 'findSort', 'Sort', itemIndex, PAYMENT_SORTS, '-started');
	const route = lookUpBy === 'merchantUid' ? 'find' : 'findAll';
	// The status is an optional last path segment (the spec's /payments/find/{merchant_uid}/{payment_status}).
	const path = `/payments/${route}/${segment(id)}${status ? `/${status}` : ''}`;
	return {
		lookUpBy,
		target: { idField: 'merchant_uid', id, path },
		params: [...sandbox, ['sorting', sort]],
		simplify,
	};
}

/** Every attempt under one merchant_uid, all pages: one output item whose response is { total, list }. */
async function findAll(
	this: IExecuteFunctions,
	item: GetItem,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	const { target } = item;
	const { read, attempts: list } = await readAttempts(this, transport, itemIndex, {
		path: target.path,
		params: item.params,
		pageSize: ATTEMPTS_PAGE_SIZE,
	});
	if (!read.done) return resultOf(target, read.failed, outcomes);
	// An empty list with code 0 is not documented (i'mport answers 404); it still means nothing was found.
	const result = resultOf(target, read.last, outcomes, list.length === 0 ? 'not_found' : undefined);
	result.success = list.length > 0;
	result.json.response = {
		total: read.total,
		list: item.simplify ? list.map(simplifyPayment) : list,
	};
	return result;
}

export async function run(
	this: IExecuteFunctions,
	item: GetItem,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	if (item.lookUpBy === 'merchantUidAll')
		return await findAll.call(this, item, itemIndex, transport);
	const answer = await transport.send(
		{ method: 'GET', path: `${item.target.path}${queryString(item.params)}`, idempotent: true },
		itemIndex,
	);
	const result = resultOf(item.target, answer, outcomes);
	return item.simplify ? simplifyResults(result, 'response', simplifyPayment) : result;
}
