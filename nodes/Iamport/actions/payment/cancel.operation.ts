import type { IExecuteFunctions } from 'n8n-workflow';

import { KeyedQueue } from '../../../engine/keyedQueue';
import { RefundBudget, readRunLimits } from '../../../engine/runLimits';
import { simplifyResults } from '../../../engine/simplify';
import type { ItemResult } from '../../../engine/types';
import type { IamportTransport } from '../../transport/client';
import { findPayment } from './cancel/find';
import type { RefundItem } from './cancel/input';
import { refundFound } from './cancel/refund';
import { simplifyPayment } from './shared';

/**
 * Payment → Cancel (refund): POST /payments/cancel, always after a fresh look-up of the payment,
 * with `checksum` = what is left and the row's reference in the reason, so that no refund is
 * applied twice, also when the same sheet runs again. One job per file in cancel/: description
 * (fields), input (one row, checked), rules (pure), find (which payment), refund (the guarded
 * flow), result (the output item).
 */
export { description } from './cancel/description';
export { prepare } from './cancel/input';

interface RefundRun {
	/** refunds of one payment in one run go one after the other, each seeing the balance the one before left */
	queue: KeyedQueue;
	/** the run's limits on how many refunds, and how much, it may send */
	budget: RefundBudget;
}

export function beforeRuns(
	this: IExecuteFunctions,
	prepared: ReadonlyArray<RefundItem | undefined>,
): RefundRun {
	return { queue: new KeyedQueue(), budget: new RefundBudget(readRunLimits(this), prepared) };
}

export async function run(
	this: IExecuteFunctions,
	item: RefundItem,
	itemIndex: number,
	transport: IamportTransport,
	{ queue, budget }: RefundRun,
): Promise<ItemResult> {
	try {
		const result = await queue.run(`${item.target.idField}:${item.target.id}`, async () => {
			const found = await findPayment(this, item, itemIndex, transport);
			if ('failed' in found) return found.failed;
			return await refundFound(item, found, itemIndex, transport, budget);
		});
		return item.simplify ? simplifyResults(result, 'payment', simplifyPayment) : result;
	} finally {
		// A row that ended without taking from the budget (decided, failed) lets the next rows go.
		budget.pass(itemIndex);
	}
}
