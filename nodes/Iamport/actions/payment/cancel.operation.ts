import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { actWithLookBack } from '../../helpers/guardedAction';
import { impUidField, merchantUidField } from '../../helpers/idFields';
import { readId, segment } from '../../helpers/input';
import { itemParameter } from '../../helpers/itemParameter';
import type { Target } from '../../helpers/operation';
import { includeSandboxField, readIncludeSandbox } from '../../helpers/paymentLookupFields';
import type { ItemResult, OutcomeTable } from '../../helpers/outcome';
import { isSuccess, outcomeOf } from '../../helpers/outcome';
import type { IamportRequest, IamportTransport } from '../../transport/client';
import type { IamportAnswer } from '../../transport/errors';

const showFor = { resource: ['payment'], operation: ['cancel'] };

/**
 * POST /payments/cancel (cancelPayment), always after a look-up of the payment, with
 * `checksum` = what is left, so that no refund can be applied twice.
 */
export const description: INodeProperties[] = [
	{
		displayName: 'Find Payment By',
		name: 'refundBy',
		type: 'options',
		default: 'impUid',
		options: [
			{ name: 'Imp UID', value: 'impUid', description: "I'mport's payment ID (imp_uid)" },
			{
				name: 'Merchant UID',
				value: 'merchantUid',
				description:
					'Your order ID (merchant_uid). Refused when more than one payment under it still has money to refund.',
			},
		],
		displayOptions: { show: showFor },
	},
	impUidField(
		{ ...showFor, refundBy: ['impUid'] },
		"The i'mport payment ID (imp_uid) to refund, usually mapped from a field of the incoming item",
	),
	merchantUidField(
		{ ...showFor, refundBy: ['merchantUid'] },
		'Your order ID (merchant_uid) whose payment to refund',
	),
	{
		displayName: 'Refund Mode',
		name: 'refundMode',
		type: 'options',
		default: 'partial',
		description:
			'Full refunds what is left of the payment; Partial refunds the Amount below and nothing else. An empty or unknown value is an error, never a full refund.',
		options: [
			{ name: 'Full (Everything Left)', value: 'full' },
			{ name: 'Partial (an Amount)', value: 'partial' },
		],
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description:
			'Whole won to refund, more than 0. Empty, 0, negative, fractional or non-numeric values are refused for the item and nothing is sent for it.',
		displayOptions: { show: { ...showFor, refundMode: ['partial'] } },
	},
	{
		displayName: 'Refund Reference',
		name: 'refundReference',
		type: 'string',
		default: '',
		placeholder: 'REFUND-2026-0042',
		description:
			"Optional: an ID of this refund request (e.g. its row in your sheet). It is written into the cancel's reason as [ref:…]; a payment that already has a refund carrying it is reported as already_refunded and not refunded again, so re-running the same list is harmless. Without it, re-running a partial refund refunds again.",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		description: 'Why the payment is refunded (required by Naver Pay)',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only look each payment up and report what would happen (would_refund with what is left, already_refunded, exceeds_balance, …), refunding nothing',
		displayOptions: { show: showFor },
	},
	includeSandboxField(
		showFor,
		"Whether to find payments made on a test channel too (include_sandbox=true). Off, i'mport hides them and such a payment comes out as not_found, nothing refunded.",
	),
	{
		displayName: 'Additional Fields',
		name: 'refundFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Refund Account Holder',
				name: 'refund_holder',
				type: 'string',
				default: '',
				description:
					'Virtual-account refunds: the name on the account the money goes back to. Required for virtual accounts (and by KCP for next-month mobile refunds, Smartro (new) for bank transfers).',
			},
			{
				displayName: 'Refund Account Holder Phone',
				name: 'refund_tel',
				type: 'string',
				default: '',
				description:
					'Virtual-account refunds: phone number of the account holder. Required by Smartro.',
			},
			{
				displayName: 'Refund Account Number',
				name: 'refund_account',
				type: 'string',
				default: '',
				description: 'Virtual-account refunds: the account number the money goes back to',
			},
			{
				displayName: 'Refund Bank Code',
				name: 'refund_bank',
				type: 'string',
				default: '',
				placeholder: '088',
				description:
					"Virtual-account refunds: the bank's code; codes differ per PG (see PortOne's bank code list)",
			},
			{
				displayName: 'Requester (Naver Pay)',
				name: 'requester',
				type: 'options',
				default: 'admin',
				description: 'Who asked for the refund, sent as extra.requester. Naver Pay requires it.',
				options: [
					{ name: 'Admin', value: 'admin' },
					{ name: 'Customer', value: 'customer' },
				],
			},
			{
				displayName: 'Retain Promotion',
				name: 'retain_promotion',
				type: 'boolean',
				default: false,
				description:
					"Whether to keep a promotion applied to the payment even if what is left breaks the promotion's rules",
			},
			{
				displayName: 'Send Webhook',
				name: 'enable_webhook',
				type: 'boolean',
				default: false,
				description:
					"Whether i'mport sends its cancel notification (webhook) for this refund; it does not by default for refunds made through the API",
			},
			{
				displayName: 'Tax-Free Amount',
				name: 'tax_free',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description:
					'The tax-free part of the refund, in whole won. Required for tax-free payments by KCP, KICC, NICE, Payco and Smartro (new).',
			},
			{
				displayName: 'VAT Amount',
				name: 'vat_amount',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description:
					'The VAT part of the refund, in whole won. Required when the VAT was set at payment (NICE, KG Inicis, Welcome Payments, NICE (new)).',
			},
		],
	},
];

/** GET /payments/{imp_uid} and /payments/findAll/{merchant_uid}: 404 when unknown (SPEC). */
const lookupOutcomes: OutcomeTable = { success: 'found', byStatus: { 404: 'not_found' } };

/**
 * POST /payments/cancel: the spec documents only 200 and 401; refusals come as HTTP 200 with a
 * non-zero code (reference notes), which `outcomeOf` calls `rejected`. A PG's refusal is code -1.
 */
const cancelOutcomes: OutcomeTable = { success: 'refunded', byStatus: {} };

/** A refusal's outcome: code -1 on HTTP 200 is the PG's (reference notes, medium confidence), any other code i'mport's own. */
function refusalOutcome(answer: IamportAnswer) {
	const onHttp2xx = answer.httpStatus >= 200 && answer.httpStatus < 300;
	return onHttp2xx && answer.envelope.code === -1
		? 'pg_rejected'
		: outcomeOf(answer, cancelOutcomes);
}

/** A findAll page size, and how many pages one merchant_uid may take before the item is refused. */
const ATTEMPTS_PAGE = 100;
const ATTEMPTS_MAX_PAGES = 10;

/** A reference is written into the reason as this token, so it can be found again exactly. */
const referenceToken = (reference: string) => `[ref:${reference}]`;

type RefundMode = 'full' | 'partial';

interface RefundItem {
	target: Target;
	mode: RefundMode;
	/** Partial: whole won to refund */
	amount: number | undefined;
	reference: string | undefined;
	/** the reason as sent: the reference token, then the user's reason */
	reason: string;
	/** optional cancel fields, checked */
	fields: IDataObject;
	dryRun: boolean;
	includeSandbox: boolean;
}

/** Whole won from a number or digits-only text; `min` is 1 for a refund amount, 0 for its parts. */
export function readWon(value: unknown, min: number): number | undefined {
	const amount = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < min) return undefined;
	return amount;
}

function refuseItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description = 'Nothing was sent for this item',
) {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

function readOptionalText(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string')
		throw refuseItem(ctx, itemIndex, `${label} must be text, not ${typeof value}`);
	return value;
}

/** A reference names one refund request: text without brackets or line breaks, at most 100 characters. */
export function checkReference(reference: string): string | undefined {
	if (/[[\]\r\n]/.test(reference)) return 'must not contain [, ] or line breaks';
	if (reference.length > 100) return 'must be at most 100 characters';
	return undefined;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): RefundItem {
	const by = itemParameter(this, 'refundBy', itemIndex, 'impUid') as string;
	let target: Target;
	if (by === 'impUid') {
		const id = readId(this, 'impUid', 'imp_uid', itemIndex);
		target = { idField: 'imp_uid', id, path: `/payments/${segment(id)}` };
	} else if (by === 'merchantUid') {
		const id = readId(this, 'merchantUid', 'merchant_uid', itemIndex);
		target = { idField: 'merchant_uid', id, path: `/payments/findAll/${segment(id)}` };
	} else {
		throw refuseItem(
			this,
			itemIndex,
			`Find Payment By must be "impUid" or "merchantUid" (got ${JSON.stringify(by)})`,
		);
	}

	// An explicit choice: anything but the two words (an empty expression included) is refused.
	const mode = itemParameter(this, 'refundMode', itemIndex, '') as unknown;
	if (mode !== 'full' && mode !== 'partial') {
		throw refuseItem(
			this,
			itemIndex,
			`Refund Mode must be "full" or "partial" (got ${JSON.stringify(mode)})`,
			'Nothing was sent for this item: an unclear mode is never taken as a full refund',
		);
	}
	let amount: number | undefined;
	if (mode === 'partial') {
		const raw = itemParameter(this, 'amount', itemIndex, '') as unknown;
		amount = readWon(raw, 1);
		if (amount === undefined) {
			throw refuseItem(
				this,
				itemIndex,
				`Amount must be a whole number of won above 0 for a partial refund (got ${JSON.stringify(raw ?? null)})`,
				'Nothing was sent for this item. A partial refund never turns into a full one: choose Refund Mode "Full" to refund everything left.',
			);
		}
	}

	const referenceText = readOptionalText(
		this,
		itemParameter(this, 'refundReference', itemIndex, ''),
		'Refund Reference',
		itemIndex,
	).trim();
	const reference = referenceText === '' ? undefined : referenceText;
	if (reference !== undefined) {
		const problem = checkReference(reference);
		if (problem)
			throw refuseItem(
				this,
				itemIndex,
				`Refund Reference ${problem} (got ${JSON.stringify(reference)})`,
			);
	}
	const userReason = readOptionalText(
		this,
		itemParameter(this, 'reason', itemIndex, ''),
		'Reason',
		itemIndex,
	).trim();
	const reason = [reference === undefined ? '' : referenceToken(reference), userReason]
		.filter(Boolean)
		.join(' ');

	const options = itemParameter(this, 'refundFields', itemIndex, {}) as IDataObject;
	const fields: IDataObject = {};
	for (const name of ['tax_free', 'vat_amount']) {
		const value = options[name];
		if (value === undefined || value === '' || value === null) continue;
		const won = readWon(value, 0);
		if (won === undefined)
			throw refuseItem(
				this,
				itemIndex,
				`${name} must be a whole number of won, 0 or more (got ${JSON.stringify(value)})`,
			);
		if (amount !== undefined && won > amount) {
			throw refuseItem(
				this,
				itemIndex,
				`${name} (${won}) is more than the amount to refund (${amount})`,
			);
		}
		fields[name] = won;
	}
	for (const name of ['refund_holder', 'refund_bank', 'refund_account', 'refund_tel']) {
		const text = readOptionalText(this, options[name], name, itemIndex).trim();
		if (text !== '') fields[name] = text;
	}
	for (const name of ['enable_webhook', 'retain_promotion']) {
		if (options[name] === undefined) continue;
		if (typeof options[name] !== 'boolean')
			throw refuseItem(
				this,
				itemIndex,
				`${name} must be true or false (got ${JSON.stringify(options[name])})`,
			);
		fields[name] = options[name];
	}
	if (options.requester !== undefined) {
		if (options.requester !== 'customer' && options.requester !== 'admin') {
			throw refuseItem(
				this,
				itemIndex,
				`Requester must be "customer" or "admin" (got ${JSON.stringify(options.requester)})`,
			);
		}
		fields.extra = { requester: options.requester };
	}
	const includeSandbox = readIncludeSandbox(this, itemIndex);
	const dryRun = itemParameter(this, 'dryRun', itemIndex, false) as unknown;
	if (typeof dryRun !== 'boolean')
		throw refuseItem(
			this,
			itemIndex,
			`Dry Run must be true or false (got ${JSON.stringify(dryRun)})`,
		);
	return { target, mode, amount, reference, reason, fields, dryRun, includeSandbox };
}

/* ------------------------------------------------------------------ reading payments */

type Payment = IDataObject;
type CancelEntry = IDataObject;

/** What is left to refund: amount - cancel_amount (never read from `status`: partly refunded payments say "cancelled"). */
export function remainingOf(payment: Payment): number {
	return Number(payment.amount ?? 0) - Number(payment.cancel_amount ?? 0);
}

const historyOf = (payment: Payment): CancelEntry[] =>
	Array.isArray(payment.cancel_history) ? (payment.cancel_history as CancelEntry[]) : [];

/** Entries are told apart by cancellation_id, or by what they hold when a PG gives none. */
const entryKey = (entry: CancelEntry) =>
	entry.cancellation_id
		? `id:${String(entry.cancellation_id)}`
		: `at:${String(entry.pg_tid)}|${String(entry.cancelled_at)}|${String(entry.amount)}|${String(entry.reason)}`;

/** The refund of a reference, in any of the payments. */
export function entryWithReference(payments: Payment[], reference: string) {
	const token = referenceToken(reference);
	for (const payment of payments) {
		const entry = historyOf(payment).find(
			(e) => typeof e.reason === 'string' && e.reason.includes(token),
		);
		if (entry) return { payment, entry };
	}
	return undefined;
}

/**
 * The cancel_history entry that is this refund: not there before, of the amount asked, and with
 * the reason sent, or (with a reference) a reason that carries the reference.
 */
export function newEntryOfRefund(
	after: Payment,
	before: Payment,
	sent: { amount: number; reason: string; reference?: string },
): CancelEntry | undefined {
	const known = new Set(historyOf(before).map(entryKey));
	const sameReason = (reason: string) =>
		sent.reference !== undefined
			? reason.includes(referenceToken(sent.reference))
			: reason.trim() === sent.reason;
	return historyOf(after).find(
		(entry) =>
			!known.has(entryKey(entry)) &&
			Number(entry.amount) === sent.amount &&
			sameReason(String(entry.reason ?? '')),
	);
}

/** A payment that was never paid (a virtual account not deposited yet, a failed attempt) has nothing to refund. */
const wasPaid = (payment: Payment) =>
	Number(payment.paid_at ?? 0) > 0 || Number(payment.cancel_amount ?? 0) > 0;

/**
 * Of all attempts under one merchant_uid, the one to refund: the only one with money left; else
 * (all refunded) the latest paid one; else the latest. More than one with money left is ambiguous.
 */
export function choosePayment(
	attempts: Payment[],
): { payment: Payment } | { ambiguous: Payment[] } {
	const latestFirst = [...attempts].sort(
		(a, b) => Number(b.started_at ?? 0) - Number(a.started_at ?? 0),
	);
	const refundable = latestFirst.filter((p) => wasPaid(p) && remainingOf(p) > 0);
	if (refundable.length > 1) return { ambiguous: refundable };
	return { payment: refundable[0] ?? latestFirst.find(wasPaid) ?? latestFirst[0] };
}

/* ------------------------------------------------------------------ the run */

interface Seen {
	payment?: Payment;
	/** the answer the outcome rests on: its code, message and HTTP status are reported */
	answer: IamportAnswer;
	refunded?: number;
	entry?: CancelEntry;
	/** what this item asks to refund; for Full, what was left at the look-up */
	asked?: number;
}

function resultFor(item: RefundItem, outcome: string, success: boolean, seen: Seen): ItemResult {
	const { payment, answer } = seen;
	return {
		success,
		json: {
			imp_uid:
				(payment?.imp_uid as string | undefined) ??
				(item.target.idField === 'imp_uid' ? item.target.id : null),
			merchant_uid:
				(payment?.merchant_uid as string | undefined) ??
				(item.target.idField === 'merchant_uid' ? item.target.id : null),
			outcome,
			refund_mode: item.mode,
			refund_amount: seen.asked ?? item.amount ?? null,
			refunded_amount: seen.refunded ?? 0,
			remaining_amount: payment ? remainingOf(payment) : null,
			cancellation_id: (seen.entry?.cancellation_id as string | undefined) ?? null,
			refund_reference: item.reference ?? null,
			code: answer.envelope.code,
			message: answer.envelope.message ?? null,
			payment: payment ?? null,
			http_status: answer.httpStatus,
		},
	};
}

const query = (item: RefundItem, extra: string[] = []) => {
	const parts = [...(item.includeSandbox ? ['include_sandbox=true'] : []), ...extra];
	return parts.length ? `?${parts.join('&')}` : '';
};

const paymentLookup = (item: RefundItem, impUid: string): IamportRequest => ({
	method: 'GET',
	path: `/payments/${segment(impUid)}${query(item)}`,
	idempotent: true,
});

type Found =
	| { answer: IamportAnswer; payment: Payment; related: Payment[] }
	| { failed: ItemResult };

/** The payment to refund, and every payment a reference may have been used on. */
async function findPayment(
	this: IExecuteFunctions,
	item: RefundItem,
	itemIndex: number,
	transport: IamportTransport,
): Promise<Found> {
	if (item.target.idField === 'imp_uid') {
		const answer = await transport.send(paymentLookup(item, item.target.id), itemIndex);
		if (!isSuccess(answer))
			return { failed: resultFor(item, outcomeOf(answer, lookupOutcomes), false, { answer }) };
		const payment = answer.envelope.response as Payment;
		return { answer, payment, related: [payment] };
	}
	const attempts: Payment[] = [];
	let answer: IamportAnswer | undefined;
	for (let page = 1; ; page++) {
		if (page > ATTEMPTS_MAX_PAGES) {
			throw new NodeOperationError(
				this.getNode(),
				`More than ${ATTEMPTS_PAGE * ATTEMPTS_MAX_PAGES} payments under merchant_uid ${JSON.stringify(item.target.id)}`,
				{
					itemIndex,
					description: 'Nothing was sent for this item. Refund it by its imp_uid.',
				},
			);
		}
		answer = await transport.send(
			{
				method: 'GET',
				path: `${item.target.path}${query(item, [`page=${page}`, `limit=${ATTEMPTS_PAGE}`])}`,
				idempotent: true,
			},
			itemIndex,
		);
		if (!isSuccess(answer))
			return { failed: resultFor(item, outcomeOf(answer, lookupOutcomes), false, { answer }) };
		const listed = answer.envelope.response as IDataObject;
		attempts.push(...((Array.isArray(listed?.list) ? listed.list : []) as Payment[]));
		if (!Number(listed?.next)) break;
	}
	if (attempts.length === 0) return { failed: resultFor(item, 'not_found', false, { answer }) };
	const chosen = choosePayment(attempts);
	if ('ambiguous' in chosen) {
		const result = resultFor(item, 'ambiguous', false, { answer });
		result.json.message = `${chosen.ambiguous.length} payments under this merchant_uid still have money to refund (${chosen.ambiguous.map((p) => p.imp_uid).join(', ')}): refund by imp_uid`;
		return { failed: result };
	}
	return { answer, payment: chosen.payment, related: attempts };
}

/** Refunds of one payment in one run go one after the other, so each sees the balance the one before left. */
const paymentQueues = new WeakMap<IamportTransport, Map<string, Promise<unknown>>>();

async function oneAtATime<T>(
	transport: IamportTransport,
	key: string,
	work: () => Promise<T>,
): Promise<T> {
	let queues = paymentQueues.get(transport);
	if (!queues) paymentQueues.set(transport, (queues = new Map()));
	const before = queues.get(key) ?? Promise.resolve();
	const mine = before.then(work, work);
	const settled = mine.catch(() => undefined);
	queues.set(key, settled);
	try {
		return await mine;
	} finally {
		if (queues.get(key) === settled) queues.delete(key);
	}
}

const UNSURE_HINT =
	'The refund may or may not have gone through: look the payment up (Payment Get, or Dry Run) before refunding again. With a Refund Reference, running the item again is safe.';

async function refund(
	this: IExecuteFunctions,
	item: RefundItem,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	const found = await findPayment.call(this, item, itemIndex, transport);
	if ('failed' in found) return found.failed;
	const { payment: before, answer: lookedUp } = found;

	if (item.reference !== undefined) {
		const done = entryWithReference(found.related, item.reference);
		if (done) {
			return resultFor(item, 'already_refunded', true, {
				payment: done.payment,
				answer: lookedUp,
				entry: done.entry,
				asked: item.amount,
			});
		}
	}
	const left = remainingOf(before);
	const asked = item.mode === 'full' ? left : (item.amount as number);
	const seenBefore: Seen = { payment: before, answer: lookedUp, asked };
	if (!wasPaid(before)) return resultFor(item, 'not_paid', false, seenBefore);
	if (left <= 0) return resultFor(item, 'already_refunded', true, seenBefore);
	if (asked > left) return resultFor(item, 'exceeds_balance', false, seenBefore);
	if (
		before.pay_method === 'vbank' &&
		!(item.fields.refund_holder && item.fields.refund_bank && item.fields.refund_account)
	) {
		return resultFor(item, 'refund_account_required', false, seenBefore);
	}
	if (item.dryRun) return resultFor(item, 'would_refund', true, seenBefore);

	const impUid = String(before.imp_uid);
	const body: IDataObject = { imp_uid: impUid, checksum: left, ...item.fields };
	// Full sends no amount (i'mport then cancels what is left); the checksum still guards it.
	if (item.mode === 'partial') body.amount = asked;
	if (item.reason !== '') body.reason = item.reason;
	const lookup = paymentLookup(item, impUid);
	const sentRefund = { amount: asked, reason: item.reason, reference: item.reference };
	const isThisRefund = (answer: IamportAnswer) =>
		isSuccess(answer) &&
		newEntryOfRefund(answer.envelope.response as Payment, before, sentRefund) !== undefined;
	const refunded = (answer: IamportAnswer): ItemResult => {
		const after = answer.envelope.response as Payment;
		const entry =
			newEntryOfRefund(after, before, sentRefund) ??
			historyOf(after).find((e) => !historyOf(before).some((b) => entryKey(b) === entryKey(e)));
		const outcome = remainingOf(after) > 0 ? 'partially_refunded' : 'refunded';
		return resultFor(item, outcome, true, {
			payment: after,
			answer,
			entry,
			refunded: asked,
			asked,
		});
	};

	const sent = await actWithLookBack(transport, itemIndex, {
		action: { method: 'POST', path: '/payments/cancel', body, idempotent: false },
		lookup,
		isDone: isThisRefund,
		unsureHint: UNSURE_HINT,
	});
	if (sent.done) return refunded(sent.answer);
	const answer = sent.answer;
	if (isSuccess(answer)) return refunded(answer);

	// Refused. Look again: the balance tells why, whatever the (Korean) message says.
	const check = await transport.trySend(lookup, itemIndex);
	if (check instanceof Error || !isSuccess(check)) {
		return resultFor(item, refusalOutcome(answer), false, { ...seenBefore, answer });
	}
	const now = check.envelope.response as Payment;
	const seenNow: Seen = { payment: now, answer, asked };
	// An attempt whose answer was lost went through after all, and the retry was refused for it.
	if (sent.lostAnswers > 0 && isThisRefund(check)) return refunded(check);
	if (item.reference !== undefined) {
		const done = entryWithReference([now], item.reference);
		if (done) return resultFor(item, 'already_refunded', true, { ...seenNow, entry: done.entry });
	}
	if (remainingOf(now) !== left) {
		// Someone refunded in between: for Full, nothing left is what was asked.
		if (item.mode === 'full' && remainingOf(now) <= 0)
			return resultFor(item, 'already_refunded', true, seenNow);
		return resultFor(item, 'balance_changed', false, seenNow);
	}
	return resultFor(item, refusalOutcome(answer), false, seenNow);
}

export async function run(
	this: IExecuteFunctions,
	item: RefundItem,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	return await oneAtATime(
		transport,
		`${item.target.idField}:${item.target.id}`,
		async () => await refund.call(this, item, itemIndex, transport),
	);
}
