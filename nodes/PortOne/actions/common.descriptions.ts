import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { hasControlCharacters } from '../../engine/read/controlCharacters';
import { readId, refuseItem, segment } from '../../engine/read/input';
import type { ShowFor, Target } from '../../engine/types';

/** The Payment ID field: the id the merchant gave the payment (not PortOne's transactionId). */
export function paymentIdField(showFor: ShowFor, description: string): INodeProperties {
	return {
		displayName: 'Payment ID',
		name: 'paymentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'order-20261124-0001',
		description,
		displayOptions: { show: showFor },
	};
}

/** Longest paymentId accepted: PortOne documents none; far above any real one, well under URL limits. */
const MAX_ID_LENGTH = 512;

/**
 * Reads a Payment ID: chosen by the merchant, it may hold any character and always goes as one
 * encoded path segment; empty, ".", "..", broken Unicode and control characters are refused.
 */
export function readPaymentId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter = 'paymentId',
): string {
	const id = readId(ctx, parameter, 'Payment ID', itemIndex);
	if (id.length > MAX_ID_LENGTH) {
		throw refuseItem(ctx, itemIndex, `Payment ID is longer than ${MAX_ID_LENGTH} characters`);
	}
	if (hasControlCharacters(id)) {
		throw refuseItem(
			ctx,
			itemIndex,
			'Payment ID contains control characters (a line break, a tab)',
		);
	}
	return id;
}

/** A payment's path: `/payments/{paymentId}`, the id one encoded segment, then `rest`. */
export const paymentPath = (paymentId: string, rest = '') =>
	`/payments/${segment(paymentId)}${rest}`;

export const paymentTarget = (paymentId: string, rest = ''): Target => ({
	idField: 'paymentId',
	id: paymentId,
	path: paymentPath(paymentId, rest),
});
