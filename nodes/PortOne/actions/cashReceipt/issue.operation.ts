import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OutcomeTable } from '../../../engine/outcome';
import { readChoice, readOptionalText, readText, refuseItem } from '../../../engine/read/input';
import { itemParameter } from '../../../engine/read/itemParameter';
import { readWon, readWonParameter, wonProblem } from '../../../engine/read/won';
import { sendOnce } from '../../../engine/singleCall';
import type { ItemResult, Target } from '../../../engine/types';
import type { PortOneTransport } from '../../transport/client';
import { idempotencyHeader } from '../../transport/idempotency';
import { readPaymentId } from '../common.descriptions';
import { derivedKey } from '../keys';

/** Cash Receipt → Issue: POST /cash-receipts (issueCashReceipt), for a payment or a sale made outside PortOne. */
export { description } from './issue/description';

/** issueCashReceipt's errors (portone-io/developers.portone.io `src/schema/v2.openapi.json`). */
export const outcomes: OutcomeTable = {
	success: 'issued',
	byStatus: {
		400: 'invalid_request',
		403: 'forbidden',
		404: 'channel_not_found',
		409: 'already_issued',
		502: 'pg_rejected',
	},
	byType: {
		CASH_RECEIPT_ALREADY_ISSUED: 'already_issued',
		CHANNEL_NOT_FOUND: 'channel_not_found',
		PG_PROVIDER: 'pg_rejected',
		INVALID_REQUEST: 'invalid_request',
		FORBIDDEN: 'forbidden',
	},
};

interface IssueItem {
	target: Target;
	body: IDataObject;
	idempotencyKey: string;
}

const OPTIONAL_TEXT = ['businessRegistrationNumber', 'email', 'name', 'phoneNumber'];
const OPTIONAL_CHOICES: Record<string, string[]> = {
	identityNumberType: ['BUSINESS', 'CARD', 'PHONE'],
	paymentMethod: ['TRANSFER', 'VIRTUAL_ACCOUNT'],
	productType: ['PHYSICAL', 'DIGITAL'],
};

export function prepare(this: IExecuteFunctions, itemIndex: number): IssueItem {
	const paymentId = readPaymentId(this, itemIndex);
	const type = readChoice(
		this,
		'receiptType',
		'Receipt Type',
		itemIndex,
		['PERSONAL', 'CORPORATE'],
		'PERSONAL',
	);
	const total = readWonParameter(this, 'amount', 'Amount', itemIndex, 1);
	const given = itemParameter(this, 'issueFields', itemIndex, {}) as IDataObject;
	const amount: IDataObject = { total };
	for (const name of ['taxFree', 'vat']) {
		if (given[name] === undefined || given[name] === '' || given[name] === null) continue;
		const won = readWon(given[name], 0);
		if (won === undefined) throw refuseItem(this, itemIndex, wonProblem(name, given[name], 0));
		if (won > total)
			throw refuseItem(this, itemIndex, `${name} (${won}) is more than the Amount (${total})`);
		amount[name] = won;
	}
	const customer: IDataObject = {
		identityNumber: readText(this, 'identityNumber', 'Identity Number', itemIndex),
	};
	const body: IDataObject = {
		paymentId,
		channelKey: readText(this, 'channelKey', 'Channel Key', itemIndex),
		type,
		orderName: readText(this, 'orderName', 'Order Name', itemIndex),
		currency: 'KRW',
		amount,
		customer,
	};
	for (const name of OPTIONAL_TEXT) {
		const text = readOptionalText(this, given[name], name, itemIndex).trim();
		if (text === '') continue;
		if (name === 'businessRegistrationNumber') body[name] = text;
		else customer[name] = text;
	}
	for (const [name, allowed] of Object.entries(OPTIONAL_CHOICES)) {
		if (given[name] === undefined) continue;
		if (typeof given[name] !== 'string' || !allowed.includes(given[name] as string)) {
			throw refuseItem(this, itemIndex, `${name} must be one of ${allowed.join(', ')}`);
		}
		if (name === 'identityNumberType') customer[name] = given[name];
		else body[name] = given[name];
	}
	return {
		target: { idField: 'paymentId', id: paymentId, path: '/cash-receipts' },
		body,
		idempotencyKey: derivedKey(['portone-cash-receipt-issue', paymentId, type, total]),
	};
}

/** Sent once, with an Idempotency-Key of the row's intent: a lost answer is sent again with the same key. */
export async function run(
	this: IExecuteFunctions,
	{ target, body, idempotencyKey }: IssueItem,
	itemIndex: number,
	transport: PortOneTransport,
): Promise<ItemResult> {
	const result = await sendOnce(
		transport,
		itemIndex,
		target,
		{
			method: 'POST',
			path: target.path,
			body,
			idempotent: true,
			headers: idempotencyHeader(idempotencyKey),
		},
		outcomes,
		'The receipt may have been issued anyway: look it up (Get) before issuing it again; the same row run again within 3 hours gets the same answer.',
	);
	// The payment has its receipt already (a re-run of the row): what the user wanted, on Success.
	if (result.json.outcome === 'already_issued') result.success = true;
	return result;
}
