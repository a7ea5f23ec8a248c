import type { IDataObject } from 'n8n-workflow';

import { actGuarded } from '../../../../engine/guardedAction';
import type { ItemResult } from '../../../../engine/types';
import type { IamportAnswer } from '../../../transport/answer';
import type { IamportTransport } from '../../../transport/client';
import type { Found } from './find';
import { paymentLookup } from './find';
import type { RefundItem } from './input';
import type { Basis } from './result';
import { refusalOutcome, resultFor } from './result';
import type { Payment } from './rules';
import { entryWithReference, newEntries, newEntryOfRefund, remainingOf, wasPaid } from './rules';

const UNSURE_HINT =
	'The refund may or may not have gone through: look the payment up (Payment Get, or Dry Run) before refunding again. With a Refund Reference, running the item again is safe.';

/** not_paid for an issued virtual account that waits for its deposit: what to use instead. */
const UNPAID_VBANK_MESSAGE =
	'This virtual account was issued but not paid into yet: there is nothing to refund. To close it so that no deposit can arrive, use Virtual Account → Cancel Issuance.';

/** The outcome decided from the look-up alone, before anything is sent (or undefined: refund it). */
function decideBefore(
	item: RefundItem,
	found: Extract<Found, { payment: Payment }>,
): ItemResult | undefined {
	const { payment: before, answer } = found;
	if (item.reference !== undefined) {
		const done = entryWithReference(found.related, item.reference);
		if (done) {
			const basis = { payment: done.payment, answer, entry: done.entry, asked: item.amount };
			return resultFor(item, 'already_refunded', true, basis);
		}
	}
	const left = remainingOf(before);
	const basis: Basis = {
		payment: before,
		answer,
		asked: item.mode === 'full' ? left : item.amount,
	};
	if (!wasPaid(before)) {
		const result = resultFor(item, 'not_paid', false, basis);
		if (before.pay_method === 'vbank' && before.status === 'ready')
			result.json.message = UNPAID_VBANK_MESSAGE;
		return result;
	}
	if (left <= 0) return resultFor(item, 'already_refunded', true, basis);
	if ((basis.asked as number) > left) return resultFor(item, 'exceeds_balance', false, basis);
	const { refund_holder, refund_bank, refund_account } = item.fields;
	if (before.pay_method === 'vbank' && !(refund_holder && refund_bank && refund_account)) {
		return resultFor(item, 'refund_account_required', false, basis);
	}
	if (item.dryRun) return resultFor(item, 'would_refund', true, basis);
	return undefined;
}

/**
 * POST /payments/cancel for the payment found, with `checksum` = what is left, on the guarded
 * flow: a lost answer is looked up before the refund is ever sent again, and a refusal is looked
 * at again (the balance tells why, whatever the Korean message says).
 */
export async function refundFound(
	item: RefundItem,
	found: Extract<Found, { payment: Payment }>,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	const decided = decideBefore(item, found);
	if (decided) return decided;
	const before = found.payment;
	const left = remainingOf(before);
	const asked = item.mode === 'full' ? left : (item.amount as number);
	const impUid = String(before.imp_uid);
	const body: IDataObject = { imp_uid: impUid, checksum: left, ...item.fields };
	// Full sends no amount (i'mport then cancels what is left); the checksum still guards it.
	if (item.mode === 'partial') body.amount = asked;
	if (item.reason !== '') body.reason = item.reason;
	const sentRefund = { amount: asked, reason: item.reason, reference: item.reference };
	const paymentOf = (answer: IamportAnswer) => answer.envelope.response as Payment;
	const isThisRefund = (answer: IamportAnswer) =>
		newEntryOfRefund(paymentOf(answer), before, sentRefund) !== undefined;
	const refunded = (answer: IamportAnswer): ItemResult => {
		const after = paymentOf(answer);
		const entry = newEntryOfRefund(after, before, sentRefund) ?? newEntries(after, before)[0];
		const outcome = remainingOf(after) > 0 ? 'partially_refunded' : 'refunded';
		return resultFor(item, outcome, true, {
			payment: after,
			answer,
			entry,
			refunded: asked,
			asked,
		});
	};

	return await actGuarded(transport, itemIndex, {
		action: { method: 'POST', path: '/payments/cancel', body, idempotent: false },
		lookup: paymentLookup(item, impUid),
		isDone: isThisRefund,
		unsureHint: UNSURE_HINT,
		lookAgainAfterRefusal: true,
		acted: refunded,
		refused: (answer, check, lostAnswers) => {
			if (!check)
				return resultFor(item, refusalOutcome(answer), false, { payment: before, answer, asked });
			const now = paymentOf(check);
			const basis: Basis = { payment: now, answer, asked };
			// An attempt whose answer was lost went through after all, and the retry was refused for it.
			if (lostAnswers > 0 && isThisRefund(check)) return refunded(check);
			const done =
				item.reference === undefined ? undefined : entryWithReference([now], item.reference);
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
