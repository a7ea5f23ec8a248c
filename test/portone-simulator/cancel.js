'use strict';
/**
 * POST /payments/{paymentId}/cancel (cancelPayment), after portone-io/developers.portone.io
 * `src/schema/v2.openapi.json` (CancelPaymentBody, CancelPaymentResponse, CancelPaymentError) and
 * its cancel guide `src/routes/(root)/opi/ko/integration/cancel/v2/readme.mdx`.
 *
 * Checks run in this order (the order is the simulator's choice): body (400) -> payment (404) ->
 * status (409 PAYMENT_ALREADY_CANCELLED / PAYMENT_NOT_PAID) -> refund account of a virtual-account
 * payment (400) -> attempt cap (409 MAX_CANCEL_COUNT_REACHED) -> promotion option (400) ->
 * currentCancellableAmount (409) -> amount, parts, tax-free, taxable (409) -> promotion
 * adjustment (400) -> the PG (502, or 200 with REQUESTED / FAILED / SUCCEEDED).
 *
 * Inferred (the spec is silent): the cancellable balance is total - cancelled - what REQUESTED
 * cancellations reserve, so a retry after an asynchronous cancel fails the balance check instead
 * of refunding twice; a full cancel (no amount) takes the remaining tax-free part, while an
 * explicit amount without taxFreeAmount is all taxable ("값을 입력하지 않으면 전액 과세 취소");
 * vatAmount defaults to the remaining VAT when the taxable rest is cancelled, else taxable/11
 * rounded down; every attempt that reaches the PG counts towards the cap, whatever its outcome;
 * the promotion model is "discount D for orders of at least M" (see promotionRefund).
 * skipWebhook suppresses every webhook of that cancellation (the spec words it for success).
 */
const v = require('./validate');
const { error } = require('./errors');
const { BANK, CANCEL_REQUESTER, PROMOTION_DISCOUNT_RETAIN_OPTION } = require('./enums');
const { PG_REFUSAL } = require('./accounts');

function readBody(body) {
	const input = v.object(body, 'request body');
	const out = {
		reason: v.string(input.reason, 'reason', { required: true, nonEmpty: true }),
		amount: v.integer(input.amount, 'amount', { min: 1 }),
		taxFreeAmount: v.integer(input.taxFreeAmount, 'taxFreeAmount', { min: 0 }),
		vatAmount: v.integer(input.vatAmount, 'vatAmount', { min: 0 }),
		currentCancellableAmount: v.integer(
			input.currentCancellableAmount,
			'currentCancellableAmount',
			{ min: 0 },
		),
		requester: v.oneOf(input.requester, 'requester', CANCEL_REQUESTER),
		retainOption: v.oneOf(
			input.promotionDiscountRetainOption,
			'promotionDiscountRetainOption',
			PROMOTION_DISCOUNT_RETAIN_OPTION,
		),
		refundEmail: v.string(input.refundEmail, 'refundEmail'),
		skipWebhook: v.boolean(input.skipWebhook, 'skipWebhook') ?? false,
	};
	if (!v.absent(input.refundAccount)) {
		const account = v.object(input.refundAccount, 'refundAccount');
		out.refundAccount = {
			bank: v.oneOf(account.bank, 'refundAccount.bank', BANK, { required: true }),
			number: v.string(account.number, 'refundAccount.number', { required: true, nonEmpty: true }),
			holderName: v.string(account.holderName, 'refundAccount.holderName', {
				required: true,
				nonEmpty: true,
			}),
			holderPhoneNumber: v.string(account.holderPhoneNumber, 'refundAccount.holderPhoneNumber'),
		};
	}
	return out;
}

/**
 * What the customer gets back for cancelling `amount` (order terms) of a promotion payment with
 * discount D for orders of at least M. RETAIN keeps the discount rate (amount less its share of
 * D); RELEASE (the default) takes D back once the rest of the order falls below M, which can make
 * the refund negative. The last cancel refunds whatever of the paid amount is left.
 */
function promotionRefund(record, amount, option, remainingAfter) {
	const { discount, minimumOrder } = record.promotion;
	const refundedSoFar = record.cancellations
		.filter((c) => c.status !== 'FAILED')
		.reduce((s, c) => s + (c.refunded ?? c.totalAmount), 0);
	if (remainingAfter === 0) return { refunded: record.total - discount - refundedSoFar };
	if (option === 'RETAIN')
		return { refunded: amount - Math.round((amount * discount) / record.total) };
	if (!record.promotionReleased && remainingAfter < minimumOrder)
		return { refunded: amount - discount, releases: true };
	return { refunded: amount };
}

function webhookFor(sim, record, entry) {
	if (entry.skipWebhook) return;
	const status = sim.payments.statusOf(record);
	const type =
		entry.status === 'REQUESTED'
			? 'Transaction.CancelPending'
			: status === 'CANCELLED'
				? 'Transaction.Cancelled'
				: 'Transaction.PartialCancelled';
	sim.webhooks.emitTransaction(record, type, { cancellationId: entry.id });
}

function cancelPayment({ sim, storeId, params, body }) {
	const input = readBody(body);
	const { payments } = sim;
	const record = payments.find(params.paymentId, storeId);
	if (!record) return error('PAYMENT_NOT_FOUND', '결제 건이 존재하지 않습니다.');
	const status = payments.statusOf(record);
	if (status === 'CANCELLED')
		return error('PAYMENT_ALREADY_CANCELLED', '결제가 이미 취소되었습니다.');
	if (status !== 'PAID' && status !== 'PARTIAL_CANCELLED')
		return error('PAYMENT_NOT_PAID', '결제가 완료되지 않았습니다.');
	if (record.method?.type === 'PaymentMethodVirtualAccount' && !input.refundAccount) {
		return error('INVALID_REQUEST', '가상계좌 결제의 취소에는 refundAccount가 필요합니다.');
	}
	if (record.cancellations.length >= record.maxCancelCount)
		return error('MAX_CANCEL_COUNT_REACHED', '취소 시도 횟수가 초과되었습니다.');
	const option = input.retainOption ?? 'RELEASE';
	if (record.promotion && record.retainOption && option !== record.retainOption) {
		return error(
			'PROMOTION_DISCOUNT_RETAIN_OPTION_SHOULD_NOT_BE_CHANGED',
			`이전 부분 취소의 프로모션 할인율 유지 옵션(${record.retainOption})과 다릅니다.`,
		);
	}
	const b = payments.balance(record);
	if (
		input.currentCancellableAmount !== undefined &&
		input.currentCancellableAmount !== b.cancellable
	) {
		return error(
			'CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN',
			`취소 가능 잔액이 일치하지 않습니다 (현재 ${b.cancellable}).`,
		);
	}
	const amount = input.amount ?? b.cancellable;
	if (amount > b.cancellable || amount === 0) {
		return error(
			'CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT',
			`취소 금액이 취소 가능 금액(${b.cancellable})을 초과합니다.`,
		);
	}
	const taxFree = input.taxFreeAmount ?? (input.amount === undefined ? b.taxFree : 0);
	if (taxFree + (input.vatAmount ?? 0) > amount)
		return error(
			'SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT',
			'면세 금액 등 하위 항목들의 합이 취소 금액을 초과합니다.',
		);
	if (taxFree > b.taxFree)
		return error(
			'CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT',
			`취소 면세 금액이 취소 가능한 면세 금액(${b.taxFree})을 초과합니다.`,
		);
	const taxable = amount - taxFree;
	const taxableLeft = b.cancellable - b.taxFree;
	if (taxable > taxableLeft)
		return error(
			'CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT',
			`취소 과세 금액이 취소 가능한 과세 금액(${taxableLeft})을 초과합니다.`,
		);
	const vat = input.vatAmount ?? (taxable === taxableLeft ? b.vat : Math.floor(taxable / 11));
	const promo = record.promotion
		? promotionRefund(record, amount, option, b.cancellable - amount)
		: { refunded: amount };
	if (promo.refunded < 0)
		return error(
			'NEGATIVE_PROMOTION_ADJUSTED_CANCEL_AMOUNT',
			`프로모션에 의해 조정된 취소 금액이 음수(${promo.refunded})입니다.`,
		);

	const mode = record.cancelMode ?? record.channel?.cancel ?? 'succeed';
	if (mode === 'refuse') return error('PG_PROVIDER', 'PG사에서 오류를 전달했습니다.', PG_REFUSAL);
	const entry = payments.newCancellation(record, {
		status: 'REQUESTED',
		totalAmount: amount,
		taxFreeAmount: taxFree,
		vatAmount: vat,
		reason: input.reason,
		requestedAt: sim.clock.nowMs(),
		refunded: promo.refunded,
		requester: input.requester,
		refundAccount: input.refundAccount,
		skipWebhook: input.skipWebhook,
	});
	if (record.promotion) {
		record.retainOption = record.retainOption ?? option;
		if (promo.releases) record.promotionReleased = true;
	}
	if (mode === 'failAfterAccept') {
		entry.status = 'FAILED';
	} else if (mode === 'request') {
		webhookFor(sim, record, entry);
	} else {
		payments.applyCancellation(record, entry);
		webhookFor(sim, record, entry);
	}
	record.updatedAt = sim.clock.nowMs();
	return [200, { cancellation: payments.cancellationView(entry) }];
}

/**
 * Test hook for asynchronous PGs: settles a REQUESTED cancellation (the payment's latest one
 * unless `cancellationId` is given) as SUCCEEDED, moving the money and sending
 * Transaction.Cancelled / PartialCancelled then, or as FAILED. Returns the cancellation.
 */
function completeCancellation(
	sim,
	paymentId,
	{ outcome = 'SUCCEEDED', cancellationId, storeId } = {},
) {
	const record = sim.payments.find(paymentId, storeId);
	if (!record) throw new Error(`no payment ${paymentId}`);
	const pending = record.cancellations.filter(
		(c) => c.status === 'REQUESTED' && (!cancellationId || c.id === cancellationId),
	);
	const entry = pending[pending.length - 1];
	if (!entry)
		throw new Error(
			`payment ${paymentId} has no REQUESTED cancellation${cancellationId ? ` ${cancellationId}` : ''}`,
		);
	if (outcome === 'SUCCEEDED') {
		sim.payments.applyCancellation(record, entry);
		webhookFor(sim, record, entry);
	} else if (outcome === 'FAILED') {
		entry.status = 'FAILED';
		record.updatedAt = sim.clock.nowMs();
	} else {
		throw new Error(`outcome must be SUCCEEDED or FAILED, not ${outcome}`);
	}
	return sim.payments.cancellationView(entry);
}

module.exports = { cancelPayment, completeCancellation };
