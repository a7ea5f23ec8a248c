import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OutcomeTable } from '../../../engine/outcome';
import type { QueryParam } from '../../../engine/query';
import { readBoolean, segment } from '../../../engine/read/input';
import type { ShowFor } from '../../../engine/types';
import type { IamportTransport } from '../../transport/client';
import type { PagedListing, PagedOutcome } from '../../transport/paging';
import { followPages } from '../../transport/paging';

/**
 * What every payment operation (and the trigger) shares: the payment's path, the sandbox switch,
 * the sort field, the look-up's outcome table and the walk over every attempt under a merchant_uid
 * (portone-io/developers.portone.io `src/schema/v1.openapi.json`, the /payments family).
 */

/** GET /payments/{imp_uid} (getPaymentByImpUid), /payments/find/… (getPaymentByMerchantUid): 404 when unknown. */
export const lookupOutcomes: OutcomeTable = {
	success: 'found',
	byStatus: { 400: 'invalid_request', 404: 'not_found' },
};

/** One payment's path: its imp_uid as one encoded segment. */
export const paymentPath = (impUid: string) => `/payments/${segment(impUid)}`;

/** i'mport hides test-channel payments unless include_sandbox=true (since 2026-01-26). */
export const sandboxParams = (includeSandbox: boolean): QueryParam[] =>
	includeSandbox ? [['include_sandbox', 'true']] : [];

/** The spec's `sorting` values of the payment look-ups and listings (find, findAll, status). */
export const PAYMENT_SORTS = ['-started', 'started', '-paid', 'paid', '-updated', 'updated'];

/** The Sort field of a payment look-up or listing, with the spec's default (-started). */
export function paymentSortField(
	name: string,
	showFor: ShowFor,
	description: string,
): INodeProperties {
	return {
		displayName: 'Sort',
		name,
		type: 'options',
		default: '-started',
		description,
		options: [
			{ name: 'Paid, Newest First', value: '-paid' },
			{ name: 'Paid, Oldest First', value: 'paid' },
			{ name: 'Started, Newest First', value: '-started' },
			{ name: 'Started, Oldest First', value: 'started' },
			{ name: 'Updated, Newest First', value: '-updated' },
			{ name: 'Updated, Oldest First', value: 'updated' },
		],
		displayOptions: { show: showFor },
	};
}

/** Include Sandbox Payments: i'mport hides test-channel payments unless include_sandbox=true (since 2026-01-26). */
export function includeSandboxField(showFor: ShowFor, description: string): INodeProperties {
	return {
		displayName: 'Include Sandbox Payments',
		name: 'includeSandbox',
		type: 'boolean',
		default: false,
		description,
		displayOptions: { show: showFor },
	};
}

/** Reads Include Sandbox Payments: true or false only (an expression can send anything). */
export function readIncludeSandbox(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return readBoolean(ctx, 'includeSandbox', 'Include Sandbox Payments', itemIndex, false);
}

/**
 * Every payment attempt under one merchant_uid (GET /payments/findAll/{merchant_uid}), all pages,
 * each imp_uid once: a payment added while the pages are read can push another onto the next page.
 */
export async function readAttempts(
	ctx: IExecuteFunctions,
	transport: IamportTransport,
	itemIndex: number,
	listing: Omit<PagedListing, 'take'>,
): Promise<{ read: PagedOutcome; attempts: IDataObject[] }> {
	const attempts: IDataObject[] = [];
	const seen = new Set<string>();
	const read = await followPages(ctx, transport, itemIndex, {
		...listing,
		take: (payment) => {
			const key = String(payment.imp_uid);
			if (seen.has(key)) return;
			seen.add(key);
			attempts.push(payment);
		},
	});
	return { read, attempts };
}

const isoOf = (unixSeconds: unknown) =>
	Number(unixSeconds) > 0 ? new Date(Number(unixSeconds) * 1000).toISOString() : null;

/** A payment in short (Simplify): what an operator decides on; the whole PaymentAnnotation otherwise. */
export function simplifyPayment(payment: IDataObject): IDataObject {
	const amount = Number(payment.amount ?? 0);
	const refunded = Number(payment.cancel_amount ?? 0);
	return {
		imp_uid: payment.imp_uid ?? null,
		merchant_uid: payment.merchant_uid ?? null,
		status: payment.status ?? null,
		amount,
		refunded_amount: refunded,
		remaining_amount: amount - refunded,
		pay_method: payment.pay_method ?? null,
		paid_at: isoOf(payment.paid_at),
		name: payment.name ?? null,
		receipt_url: payment.receipt_url ?? null,
	};
}
