import type { IExecuteFunctions } from 'n8n-workflow';

import { outcomeOf } from '../../../../engine/outcome';
import { queryString } from '../../../../engine/query';
import { NOTHING_SENT, refuseItem } from '../../../../engine/read/input';
import type { EngineRequest, ItemResult } from '../../../../engine/types';
import type { IamportAnswer } from '../../../transport/answer';
import type { IamportTransport } from '../../../transport/client';
import { lookupOutcomes, paymentPath, readAttempts, sandboxParams } from '../shared';
import type { RefundItem } from './input';
import { resultFor } from './result';
import type { Payment } from './rules';
import { choosePayment } from './rules';

/** A findAll page size, and how many pages one merchant_uid may take before the item is refused. */
const ATTEMPTS_PAGE = 100;
const ATTEMPTS_MAX_PAGES = 10;

/** GET /payments/{imp_uid}, with the item's sandbox choice: the refund's look-up before and after. */
export const paymentLookup = (item: RefundItem, impUid: string): EngineRequest => ({
	method: 'GET',
	path: `${paymentPath(impUid)}${queryString(sandboxParams(item.includeSandbox))}`,
	idempotent: true,
});

export type Found =
	/** the payment to refund, and every payment a reference may have been used on */
	{ answer: IamportAnswer; payment: Payment; related: Payment[] } | { failed: ItemResult };

/** The payment an item names: by imp_uid, or the one attempt under its merchant_uid with money left. */
export async function findPayment(
	ctx: IExecuteFunctions,
	item: RefundItem,
	itemIndex: number,
	transport: IamportTransport,
): Promise<Found> {
	const failed = (answer: IamportAnswer, outcome = outcomeOf(answer, lookupOutcomes)) => ({
		failed: resultFor(item, outcome, false, { answer }),
	});
	if (item.target.idField === 'imp_uid') {
		const answer = await transport.send(paymentLookup(item, item.target.id), itemIndex);
		if (!answer.ok) return failed(answer);
		const payment = answer.envelope.response as Payment;
		return { answer, payment, related: [payment] };
	}
	const { read, attempts } = await readAttempts(ctx, transport, itemIndex, {
		path: item.target.path,
		params: sandboxParams(item.includeSandbox),
		pageSize: ATTEMPTS_PAGE,
		maxPages: {
			pages: ATTEMPTS_MAX_PAGES,
			error: () =>
				refuseItem(
					ctx,
					itemIndex,
					`More than ${ATTEMPTS_PAGE * ATTEMPTS_MAX_PAGES} payments under merchant_uid ${JSON.stringify(item.target.id)}`,
					`${NOTHING_SENT}. Refund it by its imp_uid.`,
				),
		},
	});
	if (!read.done) return failed(read.failed);
	if (attempts.length === 0) return failed(read.last, 'not_found');
	const chosen = choosePayment(attempts);
	if ('ambiguous' in chosen) {
		const result = resultFor(item, 'ambiguous', false, { answer: read.last });
		const ids = chosen.ambiguous.map((p) => p.imp_uid).join(', ');
		result.json.message = `${chosen.ambiguous.length} payments under this merchant_uid still have money to refund (${ids}): refund by imp_uid`;
		return { failed: result };
	}
	return { answer: read.last, payment: chosen.payment, related: attempts };
}
