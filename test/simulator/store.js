'use strict';
/**
 * The simulator's seeded data: payments (by imp_uid) with their cash receipts, and receipts
 * issued outside i'mport payments (by merchant_uid). Shapes follow the spec's
 * ReceiptAnnotation / ExternalReceiptAnnotation.
 */

/** PGs that answer like a PG refusing the request (HTTP 500) or that i'mport does not support (501). */
const { createChanges } = require('./changes');

const FAILING_PG = 'pg_fail';
const UNSUPPORTED_PG = 'paypal';

function createStore(clock) {
	/** imp_uid -> { imp_uid, merchant_uid, status, pg, amount, tier, receipt|null } */
	const payments = new Map();
	/** merchant_uid -> { pg, tier, receipt } */
	const external = new Map();
	/** id -> how many times a receipt was actually cancelled (must never exceed 1 per issue) */
	const cancellations = new Map();
	let serial = 0;

	function receiptFor(idField, id, amount, fields = {}) {
		serial += 1;
		const taxFree = Number(fields.tax_free ?? 0);
		const vat =
			fields.vat_amount !== undefined
				? Math.round(Number(fields.vat_amount))
				: Math.floor((amount - taxFree) / 11);
		return {
			[idField]: id,
			receipt_tid: `RT${String(serial).padStart(10, '0')}`,
			apply_num: String(100000000 + serial),
			type: fields.type ?? 'person',
			amount,
			vat,
			receipt_url: `https://receipts.example.test/${encodeURIComponent(id)}`,
			applied_at: clock.now(),
			cancelled_at: 0,
		};
	}

	function addPayment(
		impUid,
		{ status = 'paid', pg = 'kcp', amount = 11000, receipt = 'issued', tier = null } = {},
	) {
		const payment = {
			imp_uid: impUid,
			merchant_uid: `order_${impUid}`,
			status,
			pg,
			amount,
			tier,
			receipt: null,
		};
		if (receipt === 'issued' || receipt === 'cancelled') {
			payment.receipt = receiptFor('imp_uid', impUid, amount);
			if (receipt === 'cancelled') payment.receipt.cancelled_at = clock.now();
		}
		payments.set(impUid, payment);
		return payment;
	}

	function addExternal(
		merchantUid,
		{ pg = 'kcp', amount = 22000, receipt = 'issued', tier = null } = {},
	) {
		const entry = { merchant_uid: merchantUid, pg, tier, receipt: null };
		if (receipt === 'issued' || receipt === 'cancelled') {
			entry.receipt = receiptFor('merchant_uid', merchantUid, amount);
			if (receipt === 'cancelled') entry.receipt.cancelled_at = clock.now();
		}
		external.set(merchantUid, entry);
		return entry;
	}

	/** Adds `count` payments with issued receipts, ids `${prefix}${n}` zero-padded; returns the ids. */
	function addIssuedPayments(count, prefix = 'imp_bulk_', options = {}) {
		const ids = [];
		for (let n = 0; n < count; n++) {
			const id = `${prefix}${String(n).padStart(6, '0')}`;
			addPayment(id, options);
			ids.push(id);
		}
		return ids;
	}

	function countCancellation(id) {
		cancellations.set(id, (cancellations.get(id) ?? 0) + 1);
	}

	// The named seed used by tests, the demo and the README.
	addPayment('imp_100000000001');
	addPayment('imp_100000000002');
	addPayment('imp_100000000003', { receipt: 'cancelled' });
	addPayment('imp_200000000001', { receipt: 'none' });
	addPayment('imp_200000000002', { receipt: 'none', status: 'ready' });
	addPayment('imp_500000000001', { pg: FAILING_PG });
	addPayment('imp_501000000001', { pg: UNSUPPORTED_PG });
	addPayment('imp_500000000002', { pg: FAILING_PG, receipt: 'none' });
	addPayment('imp_501000000002', { pg: UNSUPPORTED_PG, receipt: 'none' });
	addPayment('imp_tier_T01_0001', { tier: 'T01' });
	addExternal('order_ext_0001');
	addExternal('order_ext_0002', { receipt: 'cancelled' });
	addExternal('order_ext_pgfail', { pg: FAILING_PG });
	addExternal('order_ext_paypal', { pg: UNSUPPORTED_PG });

	return {
		payments,
		external,
		cancellations,
		/** applied state changes of the /vbanks and /subscribe families (changes.js) */
		changes: createChanges(clock),
		addPayment,
		addExternal,
		addIssuedPayments,
		receiptFor,
		countCancellation,
	};
}

module.exports = { createStore, FAILING_PG, UNSUPPORTED_PG };
