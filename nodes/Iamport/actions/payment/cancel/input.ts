import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	NOTHING_SENT,
	readBoolean,
	readId,
	readOptionalText,
	refuseItem,
	segment,
} from '../../../../engine/read/input';
import { itemParameter } from '../../../../engine/read/itemParameter';
import { readSimplify } from '../../../../engine/simplify';
import { readWon, wonProblem } from '../../../../engine/read/won';
import type { Target } from '../../../../engine/types';
import { paymentPath, readIncludeSandbox } from '../shared';
import { checkReference } from './rules';

export type RefundMode = 'full' | 'partial';

/** One row of a refund sheet, read and checked before anything is sent. */
export interface RefundItem {
	target: Target;
	mode: RefundMode;
	/** Partial: whole won to refund */
	amount: number | undefined;
	reference: string | undefined;
	/** the user's reason, without any reference token (see referenceFor) */
	userReason: string;
	/** optional cancel fields, checked */
	fields: IDataObject;
	dryRun: boolean;
	/** report the payment in short (Simplify) */
	simplify: boolean;
	includeSandbox: boolean;
}

function readTarget(ctx: IExecuteFunctions, itemIndex: number): Target {
	const by = itemParameter(ctx, 'refundBy', itemIndex, 'impUid');
	if (by === 'impUid') {
		const id = readId(ctx, 'impUid', 'imp_uid', itemIndex);
		return { idField: 'imp_uid', id, path: paymentPath(id) };
	}
	if (by === 'merchantUid') {
		const id = readId(ctx, 'merchantUid', 'merchant_uid', itemIndex);
		return { idField: 'merchant_uid', id, path: `/payments/findAll/${segment(id)}` };
	}
	throw refuseItem(
		ctx,
		itemIndex,
		`Find Payment By must be "impUid" or "merchantUid" (got ${JSON.stringify(by)})`,
	);
}

/** Full or Partial: an explicit choice; anything else (an empty expression included) is refused. */
function readMode(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { mode: RefundMode; amount?: number } {
	const mode = itemParameter(ctx, 'refundMode', itemIndex, '');
	if (mode !== 'full' && mode !== 'partial') {
		throw refuseItem(
			ctx,
			itemIndex,
			`Refund Mode must be "full" or "partial" (got ${JSON.stringify(mode)})`,
			`${NOTHING_SENT}: an unclear mode is never taken as a full refund`,
		);
	}
	if (mode === 'full') return { mode };
	const raw = itemParameter(ctx, 'amount', itemIndex, '');
	const amount = readWon(raw, 1);
	if (amount === undefined) {
		throw refuseItem(
			ctx,
			itemIndex,
			`Amount must be a whole number of won above 0 for a partial refund (got ${JSON.stringify(raw ?? null)})`,
			`${NOTHING_SENT}. A partial refund never turns into a full one: choose Refund Mode "Full" to refund everything left.`,
		);
	}
	return { mode, amount };
}

/** The Refund Reference (checked) and the user's reason. */
function readReason(ctx: IExecuteFunctions, itemIndex: number) {
	const given = itemParameter(ctx, 'refundReference', itemIndex, '');
	const text = readOptionalText(ctx, given, 'Refund Reference', itemIndex).trim();
	const reference = text === '' ? undefined : text;
	const problem = reference === undefined ? undefined : checkReference(reference);
	if (problem) {
		throw refuseItem(
			ctx,
			itemIndex,
			`Refund Reference ${problem} (got ${JSON.stringify(reference)})`,
		);
	}
	const userReason = readOptionalText(
		ctx,
		itemParameter(ctx, 'reason', itemIndex, ''),
		'Reason',
		itemIndex,
	).trim();
	return { reference, userReason };
}

/** The Additional Fields, checked: parts of the amount in whole won, texts, booleans, the requester. */
function readFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	amount: number | undefined,
): IDataObject {
	const options = itemParameter(ctx, 'refundFields', itemIndex, {}) as IDataObject;
	const fields: IDataObject = {};
	for (const name of ['tax_free', 'vat_amount']) {
		const value = options[name];
		if (value === undefined || value === '' || value === null) continue;
		const won = readWon(value, 0);
		if (won === undefined) throw refuseItem(ctx, itemIndex, wonProblem(name, value, 0));
		if (amount !== undefined && won > amount) {
			throw refuseItem(
				ctx,
				itemIndex,
				`${name} (${won}) is more than the amount to refund (${amount})`,
			);
		}
		fields[name] = won;
	}
	for (const name of ['refund_holder', 'refund_bank', 'refund_account', 'refund_tel']) {
		const text = readOptionalText(ctx, options[name], name, itemIndex).trim();
		if (text !== '') fields[name] = text;
	}
	for (const name of ['enable_webhook', 'retain_promotion']) {
		if (options[name] === undefined) continue;
		if (typeof options[name] !== 'boolean') {
			throw refuseItem(
				ctx,
				itemIndex,
				`${name} must be true or false (got ${JSON.stringify(options[name])})`,
			);
		}
		fields[name] = options[name];
	}
	if (options.requester !== undefined) {
		if (options.requester !== 'customer' && options.requester !== 'admin') {
			const got = JSON.stringify(options.requester);
			throw refuseItem(ctx, itemIndex, `Requester must be "customer" or "admin" (got ${got})`);
		}
		fields.extra = { requester: options.requester };
	}
	return fields;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): RefundItem {
	const target = readTarget(this, itemIndex);
	const { mode, amount } = readMode(this, itemIndex);
	const { reference, userReason } = readReason(this, itemIndex);
	const fields = readFields(this, itemIndex, amount);
	const includeSandbox = readIncludeSandbox(this, itemIndex);
	const dryRun = readBoolean(this, 'dryRun', 'Dry Run', itemIndex, false);
	const simplify = readSimplify(this, itemIndex);
	return { target, mode, amount, reference, userReason, fields, dryRun, includeSandbox, simplify };
}
