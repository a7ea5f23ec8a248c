import type { IDataObject } from 'n8n-workflow';

import { actGuarded } from '../../../../engine/guardedAction';
import { reasonWithReference } from '../../../../engine/refundReference';
import type { RefundBudget } from '../../../../engine/runLimits';
import type { ItemResult } from '../../../../engine/types';
import type { IamportAnswer } from '../../../transport/answer';
import type { IamportTransport } from '../../../transport/client';
import type { Found } from './find';
import { paymentLookup } from './find';
import type { RefundItem } from './input';
import type { Basis } from './result';
import { refusalOutcome, resultFor } from './result';
import type { Payment } from './rules';
import {
	entryWithReference,
	newEntries,
	newEntryOfRefund,
	referenceFor,
	remainingOf,
	wasPaid,
} from './rules';

const UNSURE_HINT =
	'The refund may or may not have gone through: look the payment up (Payment Get, or Dry Run) before refunding again. Running the same row again is safe: its reference is in the refund reason.';

type FoundPayment = Extract<Found, { payment: Payment }>;

/** not_paid for an issued virtual account that waits for its deposit: what to use instead. */
const UNPAID_VBANK_MESSAGE =
	'This virtual account was issued but not paid into yet: there is nothing to refund. To close it so that no deposit can arrive, use Virtual Account → Cancel Issuance.';

/** The outcome decided from the look-up alone, before anything is sent (or undefined: refund it). */
function decideBefore(item: RefundItem, found: FoundPayment, reference: string | undefined) {
	const { payment: before, answer } = found;
	const done = entryWithReference(found.related, (payment) => referenceFor(item, payment));
	if (done) {
		const basis = { payment: done.payment, answer, entry: done.entry, asked: item.amount };
		return resultFor(item, 'already_refunded', true, {
			...basis,
			reference: referenceFor(item, done.payment),
		});
	}
	const left = remainingOf(before);
	const asked = item.mode === 'full' ? left : (item.amount as number);
	const basis: Basis = { payment: before, answer, asked, reference };
	if (!wasPaid(before)) {
		const result = resultFor(item, 'not_paid', false, basis);
		if (before.pay_method === 'vbank' && before.status === 'ready')
			result.json.message = UNPAID_VBANK_MESSAGE;
		return result;
	}
	if (left <= 0) return resultFor(item, 'already_refunded', true, basis);
	if (asked > left) return resultFor(item, 'exceeds_balance', false, basis);
	const { refund_holder, refund_bank, refund_account } = item.fields;
	if (before.pay_method === 'vbank' && !(refund_holder && refund_bank && refund_account)) {
		return resultFor(item, 'refund_account_required', false, basis);
	}
	return undefined;
}

/**
 * POST /payments/cancel for the payment found, with `checksum` = what is left and the row's
 * reference in the reason, on the guarded flow: a lost answer is looked up before the refund is
 * ever sent again, and a refusal is looked at again (the balance tells why, whatever the Korean
 * message says). Rows past the run's limits are not sent.
 */
export async function refundFound(
	item: RefundItem,
	found: FoundPayment,
	itemIndex: number,
	transport: IamportTransport,
	budget: RefundBudget,
): Promise<ItemResult> {
	const before = found.payment;
	const reference = referenceFor(item, before);
	const decided = decideBefore(item, found, reference);
	if (decided) return decided;
	const left = remainingOf(before);
	const asked = item.mode === 'full' ? left : (item.amount as number);
	const limit = await budget.take(itemIndex, asked);
	if (limit) {
		const basis = {
			payment: before,
			answer: found.answer,
			asked,
			reference,
			notSent: limit.reached,
		};
		return resultFor(item, 'not_sent', false, basis);
	}
	if (item.dryRun) {
		return resultFor(item, 'would_refund', true, {
			payment: before,
			answer: found.answer,
			asked,
			reference,
		});
	}
	const reason = reasonWithReference(reference, item.userReason);
	const impUid = String(before.imp_uid);
	const body: IDataObject = { imp_uid: impUid, checksum: left, ...item.fields };
	// Full sends no amount (i'mport then cancels what is left); the checksum still guards it.
	if (item.mode === 'partial') body.amount = asked;
	if (reason !== '') body.reason = reason;
	const sentRefund = { amount: asked, reason, reference };
	const paymentOf = (answer: IamportAnswer) => answer.envelope.response as Payment;
	const isThisRefund = (answer: IamportAnswer) =>
		newEntryOfRefund(paymentOf(answer), before, sentRefund) !== undefined;
	const refunded = (answer: IamportAnswer): ItemResult => {
		const after = paymentOf(answer);
		const entry = newEntryOfRefund(after, before, sentRefund) ?? newEntries(after, before)[0];
		const outcome = remainingOf(after) > 0 ? 'partially_refunded' : 'refunded';
		const basis = { payment: after, answer, entry, refunded: asked, asked, reference };
		return resultFor(item, outcome, true, basis);
	};

	return await actGuarded(transport, itemIndex, {
		action: { method: 'POST', path: '/payments/cancel', body, idempotent: false },
		lookup: paymentLookup(item, impUid),
		isDone: isThisRefund,
		unsureHint: UNSURE_HINT,
		lookAgainAfterRefusal: true,
		acted: refunded,
		refused: (answer, check, lostAnswers) => {
			if (!check) {
				return resultFor(item, refusalOutcome(answer), false, {
					payment: before,
					answer,
					asked,
					reference,
				});
			}
			const now = paymentOf(check);
			const basis: Basis = { payment: now, answer, asked, reference };
			// An attempt whose answer was lost went through after all, and the retry was refused for it.
			if (lostAnswers > 0 && isThisRefund(check)) return refunded(check);
			const done = reference === undefined ? undefined : entryWithReference([now], reference);
			if (done) return resultFor(item, 'already_refunded', true, { ...basis, entry: done.entry });
			if (remainingOf(now) !== left) {
				// Someone refunded in between: for Full, nothing left is what was asked.
				if (item.mode === 'full' && remainingOf(now) <= 0) {
					return resultFor(item, 'already_refunded', true, basis);
				}
				return resultFor(item, 'balance_changed', false, basis);
			}
			return resultFor(item, refusalOutcome(answer), false, basis);
		},
	});
}
