import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkReference } from '../../../../engine/refundReference';
import {
	NOTHING_SENT,
	readBoolean,
	readOptionalText,
	refuseItem,
} from '../../../../engine/read/input';
import { itemParameter } from '../../../../engine/read/itemParameter';
import { readSimplify } from '../../../../engine/simplify';
import { readWon, wonProblem } from '../../../../engine/read/won';
import type { Target } from '../../../../engine/types';
import { paymentTarget, readPaymentId } from '../../common.descriptions';
import { BANKS } from './banks';
import type { RefundIntent } from './rules';

/** One row of a V2 refund sheet, read and checked before anything is sent. */
export interface RefundRow extends RefundIntent {
	target: Target;
	userReason: string;
	/** CancelPaymentBody fields besides amount, reason and the balance check */
	fields: IDataObject;
	dryRun: boolean;
	/** report the payment in short (Simplify) */
	simplify: boolean;
}

function readMode(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { mode: 'full' | 'partial'; amount?: number } {
	const mode = itemParameter(ctx, 'refundMode', itemIndex, '');
	if (mode !== 'full' && mode !== 'partial') {
		throw refuseItem(
			ctx,
			itemIndex,
			`Refund Mode must be "full" or "partial" (got ${JSON.stringify(mode)})`,
			`${NOTHING_SENT}: an unclear mode is never taken as a full refund (PortOne refunds everything when no amount is sent)`,
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

function readFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	amount: number | undefined,
): IDataObject {
	const given = itemParameter(ctx, 'refundFields', itemIndex, {}) as IDataObject;
	const fields: IDataObject = {};
	for (const name of ['taxFreeAmount', 'vatAmount']) {
		if (given[name] === undefined || given[name] === '' || given[name] === null) continue;
		const won = readWon(given[name], 0);
		if (won === undefined) throw refuseItem(ctx, itemIndex, wonProblem(name, given[name], 0));
		if (amount !== undefined && won > amount) {
			throw refuseItem(
				ctx,
				itemIndex,
				`${name} (${won}) is more than the amount to refund (${amount})`,
			);
		}
		fields[name] = won;
	}
	const choice = (name: string, allowed: string[]) => {
		if (given[name] === undefined) return;
		if (typeof given[name] !== 'string' || !allowed.includes(given[name] as string)) {
			throw refuseItem(
				ctx,
				itemIndex,
				`${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(given[name])})`,
			);
		}
		fields[name] = given[name];
	};
	choice('requester', ['ADMIN', 'CUSTOMER']);
	choice('promotionDiscountRetainOption', ['RETAIN', 'RELEASE']);
	if (given.skipWebhook !== undefined) {
		if (typeof given.skipWebhook !== 'boolean')
			throw refuseItem(ctx, itemIndex, 'skipWebhook must be true or false');
		fields.skipWebhook = given.skipWebhook;
	}
	const text = (name: string) => readOptionalText(ctx, given[name], name, itemIndex).trim();
	const [number, holderName, holderPhoneNumber] = [
		'refundAccountNumber',
		'refundHolderName',
		'refundHolderPhoneNumber',
	].map(text);
	if (number !== '' || holderName !== '') {
		if (number === '' || holderName === '') {
			throw refuseItem(
				ctx,
				itemIndex,
				'A refund account needs both Refund Account Number and Refund Account Holder',
			);
		}
		const bank = given.refundBank ?? 'KOOKMIN';
		if (typeof bank !== 'string' || !BANKS.includes(bank)) {
			throw refuseItem(
				ctx,
				itemIndex,
				`Refund Account Bank ${JSON.stringify(bank)} is not one of PortOne's banks`,
			);
		}
		fields.refundAccount = {
			bank,
			number,
			holderName,
			...(holderPhoneNumber ? { holderPhoneNumber } : {}),
		};
	}
	return fields;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): RefundRow {
	const paymentId = readPaymentId(this, itemIndex);
	const { mode, amount } = readMode(this, itemIndex);
	const given = readOptionalText(
		this,
		itemParameter(this, 'refundReference', itemIndex, ''),
		'Refund Reference',
		itemIndex,
	).trim();
	const reference = given === '' ? undefined : given;
	const problem = reference === undefined ? undefined : checkReference(reference);
	if (problem)
		throw refuseItem(
			this,
			itemIndex,
			`Refund Reference ${problem} (got ${JSON.stringify(reference)})`,
		);
	const userReason = readOptionalText(
		this,
		itemParameter(this, 'reason', itemIndex, ''),
		'Reason',
		itemIndex,
	).trim();
	return {
		target: paymentTarget(paymentId),
		paymentId,
		mode,
		amount,
		reference,
		userReason,
		fields: readFields(this, itemIndex, amount),
		dryRun: readBoolean(this, 'dryRun', 'Dry Run', itemIndex, false),
		simplify: readSimplify(this, itemIndex),
	};
}
