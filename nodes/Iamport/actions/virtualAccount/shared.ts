import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resultOf } from '../../../engine/outcome';
import { queryString } from '../../../engine/query';
import { readBoolean, readId, segment } from '../../../engine/read/input';
import type { EngineRequest, ItemResult, ShowFor, Target } from '../../../engine/types';
import type { IamportAnswer } from '../../transport/answer';
import { impUidField } from '../common.descriptions';
import { lookupOutcomes, paymentPath } from '../payment/shared';

/**
 * What the virtual-account operations share. A virtual account (가상계좌) is a payment of the
 * /payments family with pay_method 'vbank': status 'ready' while it waits for the deposit, 'paid'
 * once paid into, and 'cancelled' once closed (or refunded); its vbank_* fields name the account
 * (portone-io/developers.portone.io `src/schema/v1.openapi.json`: PaymentAnnotation, /vbanks).
 */

export type Payment = IDataObject;

/** Where a payment's virtual account stands, read from the payment (never from `status` alone). */
export type AccountState =
	| 'not_virtual_account'
	| 'awaiting_deposit'
	| 'paid'
	| 'refunded'
	| 'closed'
	| 'failed'
	| 'unknown';

export function accountState(payment: Payment): AccountState {
	if (payment.pay_method !== 'vbank') return 'not_virtual_account';
	// Paid into at some point: a refund (even a full one) leaves paid_at and cancel_amount set.
	const paidInto =
		payment.status === 'paid' ||
		Number(payment.paid_at ?? 0) > 0 ||
		Number(payment.cancel_amount ?? 0) > 0;
	if (paidInto) return payment.status === 'cancelled' ? 'refunded' : 'paid';
	if (payment.status === 'ready') return 'awaiting_deposit';
	if (payment.status === 'cancelled') return 'closed';
	if (payment.status === 'failed') return 'failed';
	return 'unknown';
}

const isoOrNull = (unixSeconds: unknown) => {
	const seconds = Number(unixSeconds ?? 0);
	return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : null;
};
const unixOrNull = (unixSeconds: unknown) => {
	const seconds = Number(unixSeconds ?? 0);
	return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
};

/** The account as a small object beside the payment: bank, number, holder, due date, paid or not. */
export function virtualAccountOf(payment: Payment): IDataObject {
	const dueAt = unixOrNull(payment.vbank_date);
	return {
		bank_code: payment.vbank_code ?? null,
		bank_name: payment.vbank_name ?? null,
		number: payment.vbank_num ?? null,
		holder: payment.vbank_holder ?? null,
		due_at: isoOrNull(dueAt),
		due_at_unix: dueAt,
		due_passed: dueAt === null ? null : dueAt * 1000 < Date.now(),
		issued_at: isoOrNull(payment.vbank_issued_at),
		issued_at_unix: unixOrNull(payment.vbank_issued_at),
		paid: Number(payment.paid_at ?? 0) > 0,
		paid_at: isoOrNull(payment.paid_at),
		amount: payment.amount ?? null,
		status: payment.status ?? null,
		state: accountState(payment),
	};
}

/** The payment an answer carries, or undefined. */
export function paymentOf(answer: IamportAnswer): Payment | undefined {
	const response = answer.envelope.response as unknown;
	return typeof response === 'object' && response !== null && !Array.isArray(response)
		? (response as Payment)
		: undefined;
}

/** An output item with the account summary added when its response is a virtual-account payment. */
export function withAccount(result: ItemResult): ItemResult {
	const payment = result.json.response as Payment | null | undefined;
	const isAccount =
		typeof payment === 'object' && payment !== null && payment.pay_method === 'vbank';
	result.json.virtual_account = isAccount ? virtualAccountOf(payment) : null;
	return result;
}

/**
 * GET /payments/{imp_uid}, test-channel payments included: an operation on one named imp_uid
 * should see it whatever channel it came from (i'mport hides sandbox payments by default since
 * 2026-01-26); the output's `response.sandbox` says which it is.
 */
export const accountLookup = (target: Target): EngineRequest => ({
	method: 'GET',
	path: `${paymentPath(target.id)}${queryString([['include_sandbox', 'true']])}`,
	idempotent: true,
});

/** The item's target: its imp_uid, and the /vbanks path that acts on it (one encoded segment). */
export function readAccountTarget(ctx: IExecuteFunctions, itemIndex: number): Target {
	const id = readId(ctx, 'impUid', 'imp_uid', itemIndex);
	return { idField: 'imp_uid', id, path: `/vbanks/${segment(id)}` };
}

export function accountImpUidField(showFor: ShowFor, what: string): INodeProperties {
	return impUidField(
		showFor,
		`The i'mport payment ID (imp_uid) of the virtual account ${what}, usually mapped from a field of the incoming item`,
	);
}

export function dryRunField(showFor: ShowFor, description: string): INodeProperties {
	return {
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description,
		displayOptions: { show: showFor },
	};
}

export const readDryRun = (ctx: IExecuteFunctions, itemIndex: number) =>
	readBoolean(ctx, 'dryRun', 'Dry Run', itemIndex, false);

const PAID_HINT =
	'To give the money back, use Payment → Cancel (refund) with the refund account (holder, bank code, account number).';

/** How the refusals name what an operation does: "close" / "closed", "change" / "changed". */
export interface Acting {
	verb: string;
	done: string;
	/** the outcome word of an account closed before (Cancel Issuance has a Success of its own for it) */
	closedWord: string;
}

/**
 * The Failure a payment's state gives when an operation cannot act on its virtual account (with a
 * message saying why and what to use instead), or undefined when the account still waits for its
 * deposit.
 */
export function refusalByState(
	target: Target,
	answer: IamportAnswer,
	acting: Acting,
): ItemResult | undefined {
	const payment = paymentOf(answer);
	if (!payment) return undefined;
	const refuse = (outcome: string, message: string) => {
		const result = withAccount(resultOf(target, answer, lookupOutcomes, outcome));
		result.success = false;
		result.json.message = message;
		return result;
	};
	const paidAt = isoOrNull(payment.paid_at);
	const when = paidAt ? ` (${paidAt})` : '';
	switch (accountState(payment)) {
		case 'awaiting_deposit':
			return undefined;
		case 'not_virtual_account':
			return refuse(
				'not_virtual_account',
				`This payment is not a virtual account (pay_method ${JSON.stringify(payment.pay_method ?? null)}): there is no account to ${acting.verb}. To refund it, use Payment → Cancel (refund).`,
			);
		case 'paid':
			return refuse(
				'already_paid',
				`This virtual account was paid into${when}, so it can no longer be ${acting.done}. ${PAID_HINT}`,
			);
		case 'refunded':
			return refuse(
				'already_paid',
				`This virtual account was paid into${when} and has been refunded (${String(payment.cancel_amount ?? 0)} won): there is no account to ${acting.verb}. Payment → Get shows its refunds.`,
			);
		case 'closed':
			return refuse(
				acting.closedWord,
				`This virtual account is closed already: there is no account to ${acting.verb}.`,
			);
		default:
			return refuse(
				'not_ready',
				`This virtual account is not waiting for a deposit (status ${JSON.stringify(payment.status ?? null)}): there is no account to ${acting.verb}.`,
			);
	}
}
