import type { IDataObject } from 'n8n-workflow';

import { actGuarded } from '../../../../engine/guardedAction';
import { outcomeOf } from '../../../../engine/outcome';
import { reasonWithReference } from '../../../../engine/refundReference';
import type { RefundBudget } from '../../../../engine/runLimits';
import type { EngineRequest, ItemResult } from '../../../../engine/types';
import type { PortOneAnswer } from '../../../transport/answer';
import type { PortOneTransport } from '../../../transport/client';
import { idempotencyHeader } from '../../../transport/idempotency';
import type { Cancellation, Payment } from '../shared';
import { lookupOutcomes } from '../shared';
import type { RefundRow } from './input';
import type { Basis } from './result';
import { refusalOutcome, resultFor } from './result';
import {
	cancellationWithReference,
	idempotencyKeyOf,
	isVirtualAccount,
	leftOf,
	referenceOf,
	wasPaid,
} from './rules';

const UNSURE_HINT =
	'The refund may or may not have gone through: look the payment up (Payment Get, or Dry Run) before refunding again. Running the same row again is safe: its reference is in the refund reason and its Idempotency-Key is the same.';

const lookupOf = (row: RefundRow): EngineRequest => ({
	method: 'GET',
	path: row.target.path,
	idempotent: true,
});

/** A cancellation's outcome: SUCCEEDED is a refund (all or part), REQUESTED under way, FAILED a failure. */
function outcomeOfCancellation(cancellation: Cancellation, leftAfter: number) {
	if (cancellation.status === 'REQUESTED') return 'refund_requested';
	if (cancellation.status === 'FAILED') return 'refund_failed';
	return leftAfter > 0 ? 'partially_refunded' : 'refunded';
}

/** The outcome decided from the look-up alone, before anything is sent (or undefined: refund it). */
function decideBefore(
	row: RefundRow,
	before: Payment,
	answer: PortOneAnswer,
): ItemResult | undefined {
	const done = cancellationWithReference(before, referenceOf(row));
	const left = leftOf(before);
	const basis: Basis = { payment: before, answer, asked: row.mode === 'full' ? left : row.amount };
	if (done) {
		const outcome = done.status === 'REQUESTED' ? 'refund_requested' : 'already_refunded';
		return resultFor(row, outcome, {
			...basis,
			cancellation: done,
			asked: Number(done.totalAmount),
		});
	}
	if (!wasPaid(before)) return resultFor(row, 'not_paid', basis);
	if (left <= 0) return resultFor(row, 'already_refunded', basis);
	if ((basis.asked as number) > left) return resultFor(row, 'exceeds_balance', basis);
	if (isVirtualAccount(before) && row.fields.refundAccount === undefined) {
		return resultFor(row, 'refund_account_required', basis);
	}
	return undefined;
}

/**
 * Look the payment up, decide what can be decided without sending, then POST
 * /payments/{paymentId}/cancel with currentCancellableAmount = what is left, the reference in the
 * reason and an Idempotency-Key of the row and that balance (the same on every retry). The
 * transport resends a lost answer with the same key (and waits on 409
 * IDEMPOTENCY_OUTSTANDING_REQUEST); past its retries the payment is looked up before anything
 * else; a refusal is looked at again (the balance tells why).
 */
export async function refund(
	row: RefundRow,
	itemIndex: number,
	transport: PortOneTransport,
	budget: RefundBudget,
): Promise<ItemResult> {
	const found = await transport.send(lookupOf(row), itemIndex);
	if (!found.ok) return resultFor(row, outcomeOf(found, lookupOutcomes), { answer: found });
	const before = found.body;
	const decided = decideBefore(row, before, found);
	if (decided) return decided;
	const left = leftOf(before);
	const asked = row.mode === 'full' ? left : (row.amount as number);
	const limit = await budget.take(itemIndex, asked);
	if (limit)
		return resultFor(row, 'not_sent', {
			payment: before,
			answer: found,
			asked,
			notSent: limit.reached,
		});
	if (row.dryRun) return resultFor(row, 'would_refund', { payment: before, answer: found, asked });

	const reference = referenceOf(row);
	const sent = { idempotencyKey: idempotencyKeyOf(row, left), currentCancellableAmount: left };
	const body: IDataObject = {
		...row.fields,
		reason: reasonWithReference(reference, row.userReason),
		currentCancellableAmount: left,
	};
	// Partial sends the amount; Full sends none, which PortOne reads as "everything left".
	if (row.mode === 'partial') body.amount = asked;
	const ours = (payment: Payment) => cancellationWithReference(payment, reference);
	const acted = (answer: PortOneAnswer): ItemResult => {
		// The cancel's own answer carries the cancellation; a look-up after a lost answer, the payment.
		const cancellation =
			(answer.body.cancellation as Cancellation | undefined) ?? ours(answer.body);
		if (!cancellation)
			return resultFor(row, refusalOutcome(answer), { payment: before, answer, asked, sent });
		const took = cancellation.status === 'FAILED' ? 0 : Number(cancellation.totalAmount ?? asked);
		const outcome = outcomeOfCancellation(cancellation, left - took);
		const refunded = cancellation.status === 'SUCCEEDED' ? took : 0;
		const payment = answer.body.cancellation ? before : answer.body;
		const leftAfter = answer.body.cancellation ? left - took : leftOf(payment);
		return resultFor(row, outcome, {
			payment,
			answer,
			cancellation,
			asked,
			refunded,
			left: leftAfter,
			sent,
		});
	};

	return await actGuarded(transport, itemIndex, {
		action: {
			method: 'POST',
			path: `${row.target.path}/cancel`,
			body,
			idempotent: true,
			headers: idempotencyHeader(sent.idempotencyKey),
		},
		lookup: lookupOf(row),
		isDone: (check) => ours(check.body) !== undefined,
		unsureHint: UNSURE_HINT,
		lookAgainAfterRefusal: true,
		acted,
		refused: (answer, check) => {
			if (!check)
				return resultFor(row, refusalOutcome(answer), { payment: before, answer, asked, sent });
			const now = check.body;
			const basis: Basis = { payment: now, answer, asked, sent };
			// An attempt went through (its answer lost, or another run of the same row): this refund.
			if (ours(now)) return acted(check);
			if (leftOf(now) !== left) {
				// The balance moved since the look-up: for Full, nothing left is what was asked.
				if (row.mode === 'full' && leftOf(now) <= 0)
					return resultFor(row, 'already_refunded', basis);
				return resultFor(row, 'balance_changed', basis);
			}
			return resultFor(row, refusalOutcome(answer), basis);
		},
	});
}
