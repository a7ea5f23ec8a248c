'use strict';
/**
 * Part of the /payments family (test/simulator/payments.js): POST /payments/cancel, the refund,
 * by imp_uid or merchant_uid, with its checksum, balance, virtual-account and PG checks, and the
 * record of every refund applied (the fault suites' "never twice" counter).
 */
const { ok, fail, present } = require('./answers');
const { MESSAGES } = require('./paymentMessages');

/** The refund over the store's maps; the helpers come from paymentRecords.js and paymentLookups.js. */
function createPaymentRefunds(
	{ clock, records, applied, refunds },
	{ view, cancelEntry, syncReceiptRow, sorted, ofMerchant },
) {
	/** Form bodies carry `extra[requester]=...`; JSON bodies an object. */
	function extraOf(body) {
		if (body.extra && typeof body.extra === 'object') return body.extra;
		const extra = {};
		for (const [key, value] of Object.entries(body)) {
			const match = /^extra\[(.+)\]$/.exec(key);
			if (match) extra[match[1]] = value;
		}
		return Object.keys(extra).length ? extra : null;
	}

	/** The payment a merchant_uid cancel acts on: the latest with money left, else the latest (guess). */
	function cancellableByMerchant(merchantUid, tier) {
		const mine = sorted(ofMerchant(merchantUid, { tier, includeSandbox: true }), '-started');
		return (
			mine.find((r) => r.payment.paid_at && r.payment.amount > r.payment.cancel_amount) ?? mine[0]
		);
	}

	/** POST /payments/cancel. Refusals answer HTTP 200 with a non-zero code (the V1 refund guide). */
	function cancel(body, { tier = null, source = 'direct' } = {}) {
		const refuse = (message) => fail(200, 1, message);
		if (!present(body.imp_uid) && !present(body.merchant_uid)) {
			return refuse('imp_uid 또는 merchant_uid 파라메터가 누락되었습니다.');
		}
		// guesses: the wording of these parameter refusals
		const numbers = {};
		for (const name of ['amount', 'checksum', 'tax_free', 'vat_amount']) {
			if (!present(body[name])) continue;
			const value = ['number', 'string'].includes(typeof body[name]) ? Number(body[name]) : NaN;
			if (!Number.isFinite(value) || value < 0)
				return refuse(`${name} 파라메터 값이 올바르지 않습니다.`);
			numbers[name] = value;
		}
		// KRW has no fractions; a fractional amount is refused rather than rounded (guess).
		if (numbers.amount !== undefined && !Number.isInteger(numbers.amount))
			return refuse('amount 파라메터 값이 올바르지 않습니다.');

		let record;
		if (present(body.imp_uid)) {
			// When both are sent imp_uid wins (the spec).
			record = records.get(String(body.imp_uid));
			if (record && record.tier !== tier) record = undefined;
		} else {
			record = cancellableByMerchant(String(body.merchant_uid), tier);
		}
		if (!record) return refuse(MESSAGES.cancelNotFound);
		const payment = record.payment;
		if (!payment.paid_at) return refuse(MESSAGES.notCancellable);
		const left = payment.amount - payment.cancel_amount;
		if (left <= 0) return refuse(MESSAGES.alreadyCancelled);
		// checksum = what is left before this refund; a mismatch cancels nothing (the spec). The
		// answer (HTTP 200, code 1) and its message are the simulator's guess.
		if (numbers.checksum !== undefined && numbers.checksum !== left) {
			return refuse(
				`${MESSAGES.checksumMismatch} (checksum: ${numbers.checksum}, 취소가능 잔액: ${left})`,
			);
		}
		// amount missing or 0 means the whole balance (the spec).
		const refund = numbers.amount ? numbers.amount : left;
		if (refund > left)
			return refuse(`${MESSAGES.exceedsBalance} (요청: ${refund}, 취소가능 잔액: ${left})`);
		if ((numbers.tax_free ?? 0) > refund)
			return refuse('tax_free 파라메터가 취소요청 금액보다 큽니다.');
		if (
			payment.pay_method === 'vbank' &&
			!['refund_holder', 'refund_bank', 'refund_account'].every((f) => present(body[f]))
		) {
			return refuse(MESSAGES.vbankRefundFields);
		}
		if (record.pgRefusal) return fail(200, -1, `${MESSAGES.pgRefused} [PG] ${record.pgRefusal}`);

		const now = clock.now();
		const reason = present(body.reason) ? String(body.reason) : '';
		const entry = cancelEntry(payment.imp_uid, refund, reason, now);
		payment.cancel_amount += refund;
		// A partly refunded payment is 'cancelled' too (undocumented; i'mport's own WooCommerce plugin reads it so).
		payment.status = 'cancelled';
		payment.cancelled_at = now;
		payment.cancel_reason = reason;
		payment.cancel_history.push(entry);
		payment.cancel_receipt_urls.push(entry.receipt_url);
		record.updated_at = now;
		applied.set(payment.imp_uid, (applied.get(payment.imp_uid) ?? 0) + 1);
		refunds.push({
			imp_uid: payment.imp_uid,
			amount: refund,
			left: left - refund,
			checksum: numbers.checksum ?? null,
			reason,
			cancellation_id: entry.cancellation_id,
			tax_free: numbers.tax_free ?? null,
			vat_amount: numbers.vat_amount ?? null,
			refund_holder: body.refund_holder ?? null,
			refund_bank: body.refund_bank ?? null,
			refund_account: body.refund_account ?? null,
			refund_tel: body.refund_tel ?? null,
			enable_webhook: body.enable_webhook === true || body.enable_webhook === 'true',
			extra: extraOf(body),
			at: now,
			source,
		});
		syncReceiptRow(record);
		return ok(view(record));
	}

	return { cancel };
}

module.exports = { createPaymentRefunds };
