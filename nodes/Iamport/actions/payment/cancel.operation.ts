import type { IExecuteFunctions } from 'n8n-workflow';

import { KeyedQueue } from '../../../engine/keyedQueue';
import type { ItemResult } from '../../../engine/types';
import type { IamportTransport } from '../../transport/client';
import { findPayment } from './cancel/find';
import type { RefundItem } from './cancel/input';
import { refundFound } from './cancel/refund';

/**
 * Payment → Cancel (refund): POST /payments/cancel, always after a fresh look-up of the payment,
 * with `checksum` = what is left, so that no refund is applied twice. One job per file in cancel/:
 * description (fields), input (one row, checked), rules (pure), find (which payment), refund (the
 * guarded flow), result (the output item).
 */
export { description } from './cancel/description';
export { prepare } from './cancel/input';

/** Refunds of one payment in one run go one after the other, so each sees the balance the one before left. */
export function beforeRuns(this: IExecuteFunctions): KeyedQueue {
	return new KeyedQueue();
}

export async function run(
	this: IExecuteFunctions,
	item: RefundItem,
	itemIndex: number,
	transport: IamportTransport,
	queue: KeyedQueue,
): Promise<ItemResult> {
	return await queue.run(`${item.target.idField}:${item.target.id}`, async () => {
		const found = await findPayment(this, item, itemIndex, transport);
		if ('failed' in found) return found.failed;
		return await refundFound(item, found, itemIndex, transport);
	});
}
