import type { IExecuteFunctions } from 'n8n-workflow';

import { KeyedQueue } from '../../../engine/keyedQueue';
import { RefundBudget, readRunLimits } from '../../../engine/runLimits';
import { simplifyResults } from '../../../engine/simplify';
import type { ItemResult } from '../../../engine/types';
import type { PortOneTransport } from '../../transport/client';
import type { RefundRow } from './cancel/input';
import { refund } from './cancel/refund';
import { simplifyPayment } from './shared';

/**
 * Payment → Cancel (refund) on PortOne V2: POST /payments/{paymentId}/cancel after a fresh
 * look-up, with currentCancellableAmount, the row's reference in the reason and a stable
 * Idempotency-Key. One job per file in cancel/: description, banks, input, rules, refund, result.
 */
export { description } from './cancel/description';
export { prepare } from './cancel/input';

interface RefundRun {
	queue: KeyedQueue;
	budget: RefundBudget;
}

export function beforeRuns(
	this: IExecuteFunctions,
	prepared: ReadonlyArray<RefundRow | undefined>,
): RefundRun {
	return { queue: new KeyedQueue(), budget: new RefundBudget(readRunLimits(this), prepared) };
}

export async function run(
	this: IExecuteFunctions,
	row: RefundRow,
	itemIndex: number,
	transport: PortOneTransport,
	{ queue, budget }: RefundRun,
): Promise<ItemResult> {
	try {
		// Refunds of one payment in one run go one after the other, each seeing the balance left.
		const result = await queue.run(
			row.paymentId,
			async () => await refund(row, itemIndex, transport, budget),
		);
		return row.simplify ? simplifyResults(result, 'payment', simplifyPayment) : result;
	} finally {
		budget.pass(itemIndex);
	}
}
