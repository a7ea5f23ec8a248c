'use strict';
/**
 * Part of the /payments family (test/simulator/payments.js): a payment as i'mport answers it
 * (PaymentAnnotation, from the fields given and sensible defaults), its cancel_history entries,
 * adding and removing payments, and keeping a payment's cash-receipt row in step with it.
 */
const { present } = require('./answers');
const { FAILING_PG } = require('./store');

const DAY_S = 24 * 60 * 60;

/** The store's records over the family's maps (`records`, `byMerchant`, `applied`); `receipts`: /receipts. */
function createPaymentRecords({ clock, receipts, records, byMerchant, applied }) {
	let serial = 0;

	const pad = (n, width = 10) => String(n).padStart(width, '0');

	function cancelEntry(impUid, amount, reason, at) {
		serial += 1;
		return {
			pg_tid: `PGC${pad(serial)}`,
			amount,
			cancelled_at: at,
			reason,
			receipt_url: `https://pg.example.test/cancel-receipts/${encodeURIComponent(impUid)}/${serial}`,
			cancellation_id: `CXL${pad(serial)}`,
		};
	}

	function methodFields(payMethod, impUid, startedAt) {
		switch (payMethod) {
			case 'card':
				return {
					card_code: '361',
					card_name: 'BC카드',
					card_number: '910020******1234',
					card_quota: 0,
					card_type: 0,
				};
			case 'trans':
				return { bank_code: '004', bank_name: 'KB국민은행' };
			case 'vbank':
				return {
					vbank_code: '088',
					vbank_name: '신한은행',
					vbank_num: `5620${impUid.replace(/\D/g, '').slice(-8).padStart(8, '0')}`,
					vbank_holder: '(주)예시상점',
					vbank_date: startedAt + 3 * DAY_S,
					vbank_issued_at: startedAt,
				};
			default:
				return {};
		}
	}

	/** Builds a PaymentAnnotation from the given fields and sensible defaults. */
	function build(fields) {
		const now = clock.now();
		const impUid = fields.imp_uid;
		const status = fields.status ?? 'paid';
		const amount = fields.amount ?? 10000;
		const payMethod = fields.pay_method ?? 'card';
		const happenedAt = fields.paid_at || fields.failed_at || now;
		const startedAt = fields.started_at ?? happenedAt - 60;
		const paidAt = status === 'paid' || status === 'cancelled' ? (fields.paid_at ?? now) : 0;
		const failedAt = status === 'failed' ? (fields.failed_at ?? now) : 0;
		let history = (fields.cancel_history ?? []).map((e) => ({ ...e }));
		let cancelAmount = fields.cancel_amount ?? history.reduce((sum, e) => sum + e.amount, 0);
		if (status === 'cancelled' && cancelAmount === 0) cancelAmount = amount;
		const cancelledAt = cancelAmount > 0 ? (fields.cancelled_at ?? now) : 0;
		if (cancelAmount > 0 && history.length === 0) {
			history = [
				cancelEntry(impUid, cancelAmount, fields.cancel_reason ?? '고객 요청', cancelledAt),
			];
		}
		return {
			imp_uid: impUid,
			merchant_uid: fields.merchant_uid ?? `order_${impUid.replace(/^imp_/, '')}`,
			pay_method: payMethod,
			channel: 'pc',
			pg_provider: fields.pg_provider ?? 'kcp',
			emb_pg_provider: null,
			pg_tid: `PGT${impUid}`,
			pg_id: 'IMP_MID_01',
			sandbox: fields.sandbox ?? false,
			escrow: false,
			apply_num: payMethod === 'card' ? String(30000000 + records.size) : null,
			...methodFields(payMethod, impUid, startedAt),
			name: fields.name ?? '주문상품',
			amount,
			cancel_amount: cancelAmount,
			currency: 'KRW',
			buyer_name: '홍길동',
			buyer_email: 'buyer@example.test',
			buyer_tel: '010-0000-0000',
			buyer_addr: null,
			buyer_postcode: null,
			custom_data: null,
			user_agent: 'sorry_not_supported_anymore',
			status: cancelAmount > 0 ? 'cancelled' : status,
			started_at: startedAt,
			paid_at: paidAt,
			failed_at: failedAt,
			cancelled_at: cancelledAt,
			fail_reason: status === 'failed' ? (fields.fail_reason ?? '[PG] 카드 한도초과') : null,
			cancel_reason: cancelAmount > 0 ? history[history.length - 1].reason : null,
			receipt_url: `https://pg.example.test/receipts/${encodeURIComponent(impUid)}`,
			cancel_history: history,
			cancel_receipt_urls: history.map((e) => e.receipt_url),
			cash_receipt_issued: fields.receipt === 'issued',
			customer_uid: null,
			customer_uid_usage: null,
		};
	}

	/** Keeps the cash-receipt row of the same imp_uid in step: it issues for what is left
	 * (the spec: POST /receipts/{imp_uid} on a partly cancelled payment issues for the balance). */
	function syncReceiptRow(record) {
		const row = receipts && receipts.payments.get(record.payment.imp_uid);
		if (!row) return;
		const left = record.payment.amount - record.payment.cancel_amount;
		row.amount = left;
		row.status = left > 0 && record.payment.paid_at ? 'paid' : record.payment.status;
	}

	function add(fields = {}) {
		if (!present(fields.imp_uid)) throw new Error('payments.add needs an imp_uid');
		if (records.has(fields.imp_uid)) throw new Error(`payment ${fields.imp_uid} exists already`);
		const payment = build(fields);
		if (
			!(
				payment.amount >= 0 &&
				payment.cancel_amount >= 0 &&
				payment.cancel_amount <= payment.amount
			)
		) {
			throw new Error(
				`payment ${fields.imp_uid}: amounts must satisfy 0 <= cancel_amount <= amount`,
			);
		}
		const record = {
			payment,
			tier: fields.tier ?? null,
			pgRefusal:
				fields.pgRefusal ?? (payment.pg_provider === FAILING_PG ? '[PG:9999] 취소 거절' : null),
			updated_at: Math.max(
				payment.started_at,
				payment.paid_at,
				payment.failed_at,
				payment.cancelled_at,
			),
		};
		records.set(payment.imp_uid, record);
		if (!byMerchant.has(payment.merchant_uid)) byMerchant.set(payment.merchant_uid, []);
		byMerchant.get(payment.merchant_uid).push(payment.imp_uid);
		if (receipts && (fields.receipt === 'issued' || fields.receipt === 'cancelled')) {
			const row = receipts.addPayment(payment.imp_uid, {
				pg: payment.pg_provider,
				amount: payment.amount - payment.cancel_amount,
				receipt: fields.receipt,
				tier: record.tier,
			});
			row.merchant_uid = payment.merchant_uid;
			row.receipt.applied_at = payment.paid_at || payment.started_at;
			syncReceiptRow(record);
		}
		return view(record);
	}

	function addMany(count, { prefix = 'imp_pay_bulk_', each, ...fields } = {}) {
		const ids = [];
		for (let n = 0; n < count; n++) {
			const impUid = `${prefix}${pad(n, 6)}`;
			add({ ...fields, ...(each ? each(n) : {}), imp_uid: impUid });
			ids.push(impUid);
		}
		return ids;
	}

	function remove(impUid) {
		const record = records.get(impUid);
		if (!record) return;
		records.delete(impUid);
		const siblings = byMerchant.get(record.payment.merchant_uid) ?? [];
		const left = siblings.filter((id) => id !== impUid);
		if (left.length) byMerchant.set(record.payment.merchant_uid, left);
		else byMerchant.delete(record.payment.merchant_uid);
		applied.delete(impUid);
	}

	const view = (record) => JSON.parse(JSON.stringify(record.payment));

	return { cancelEntry, syncReceiptRow, add, addMany, remove, view };
}

module.exports = { createPaymentRecords };
