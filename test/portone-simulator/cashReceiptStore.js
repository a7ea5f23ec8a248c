'use strict';
/**
 * The simulator's cash receipts (현금영수증), one per (storeId, paymentId), and the `CashReceipt`
 * object the API answers (portone-io/developers.portone.io `src/schema/v2.openapi.json`:
 * CashReceipt oneOf on status ISSUED | CANCELLED | ISSUE_FAILED).
 *
 * Test API (`simulator.cashReceipts`): addForPayment(paymentId, fields) (a receipt issued with a
 * PortOne payment), addManual(fields) (one issued through POST /cash-receipts, e.g. for a payment
 * made outside PortOne), get(paymentId, storeId?) (the CashReceipt as answered), record(...),
 * cancellationsOf(paymentId, storeId?) (how many times a receipt was actually cancelled through
 * the API: must never exceed the number of issues).
 */

function createCashReceiptStore({ clock, accounts, payments }) {
	/** `${storeId} ${paymentId}` -> receipt record */
	const records = new Map();
	/** `${storeId} ${paymentId}` -> actual cancellations through the API */
	const cancelled = new Map();
	let serial = 0;
	const keyOf = (storeId, paymentId) => `${storeId} ${paymentId}`;
	const defaultStore = () => accounts.list[0].storeIds[0];

	function find(paymentId, storeId) {
		if (storeId) return records.get(keyOf(storeId, paymentId));
		const found = [...records.values()].filter((r) => r.paymentId === paymentId);
		if (found.length > 1)
			throw new Error(`cash receipt ${paymentId} exists in several stores: name the store`);
		return found[0];
	}

	/** Stores a receipt; replaces a CANCELLED or ISSUE_FAILED one (a re-issue). */
	function put(fields) {
		serial += 1;
		const at = fields.issuedAt ?? clock.nowMs();
		const status = fields.status ?? 'ISSUED';
		const record = {
			status,
			merchantId: accounts.merchantOf(fields.storeId),
			storeId: fields.storeId,
			paymentId: fields.paymentId,
			channel: fields.channel,
			amount: fields.amount,
			taxFreeAmount: fields.taxFreeAmount ?? 0,
			vatAmount: fields.vatAmount ?? Math.floor((fields.amount - (fields.taxFreeAmount ?? 0)) / 11),
			currency: fields.currency ?? 'KRW',
			orderName: fields.orderName ?? '주문상품',
			isManual: fields.isManual ?? false,
			type: fields.type ?? 'PERSONAL',
			version: fields.version ?? 'V2',
			pgReceiptId: `PGR${String(serial).padStart(10, '0')}`,
			issueNumber: String(100000000 + serial),
			url: `https://cash-receipt.example.test/${serial}`,
			issuedAt: status === 'ISSUE_FAILED' ? undefined : at,
			cancelledAt: status === 'CANCELLED' ? (fields.cancelledAt ?? at) : undefined,
			statusUpdatedAt: status === 'CANCELLED' ? (fields.cancelledAt ?? at) : at,
		};
		records.set(keyOf(record.storeId, record.paymentId), record);
		return record;
	}

	function addForPayment(paymentId, fields = {}) {
		const payment = payments.find(paymentId, fields.storeId);
		if (!payment) throw new Error(`no payment ${paymentId}`);
		const left = payment.total - payments.balance(payment).cancelled;
		return put({
			storeId: payment.storeId,
			paymentId,
			channel: payment.channel,
			amount: left,
			taxFreeAmount: payment.taxFree,
			orderName: payment.orderName,
			currency: payment.currency,
			version: payment.version,
			issuedAt: payment.paidAt,
			...fields,
		});
	}

	function addManual(fields) {
		const storeId = fields.storeId ?? defaultStore();
		const channel =
			accounts.channelByKey(storeId, fields.channelKey ?? 'channel-key-live-kcp') ??
			accounts.channels.find((c) => c.storeId === storeId);
		return put({ ...fields, storeId, channel, isManual: true });
	}

	const iso = (ms) => (ms === undefined ? undefined : new Date(ms).toISOString());
	const channelView = (c) =>
		c && {
			type: c.type,
			id: c.id,
			key: c.key,
			name: c.name,
			pgProvider: c.pgProvider,
			pgMerchantId: c.pgMerchantId,
		};

	function view(r) {
		const common = {
			status: r.status,
			merchantId: r.merchantId,
			storeId: r.storeId,
			paymentId: r.paymentId,
			channel: channelView(r.channel),
		};
		if (r.status === 'ISSUE_FAILED') {
			return JSON.parse(
				JSON.stringify({
					...common,
					orderName: r.orderName,
					isManual: r.isManual,
					statusUpdatedAt: iso(r.statusUpdatedAt),
				}),
			);
		}
		return JSON.parse(
			JSON.stringify({
				...common,
				amount: r.amount,
				taxFreeAmount: r.taxFreeAmount,
				vatAmount: r.vatAmount,
				currency: r.currency,
				orderName: r.orderName,
				isManual: r.isManual,
				type: r.type,
				pgReceiptId: r.pgReceiptId,
				issueNumber: r.issueNumber,
				url: r.url,
				issuedAt: iso(r.issuedAt),
				cancelledAt: iso(r.cancelledAt),
				statusUpdatedAt: iso(r.statusUpdatedAt),
			}),
		);
	}

	function cancel(record) {
		record.status = 'CANCELLED';
		record.cancelledAt = clock.nowMs();
		record.statusUpdatedAt = record.cancelledAt;
		const key = keyOf(record.storeId, record.paymentId);
		cancelled.set(key, (cancelled.get(key) ?? 0) + 1);
	}

	payments.linkReceipts((storeId, paymentId) => records.get(keyOf(storeId, paymentId)));

	return {
		records,
		put,
		addForPayment,
		addManual,
		find,
		record: find,
		view,
		cancel,
		get: (paymentId, storeId) => {
			const r = find(paymentId, storeId);
			return r && view(r);
		},
		cancellationsOf: (paymentId, storeId) => {
			const r = find(paymentId, storeId);
			return r ? (cancelled.get(keyOf(r.storeId, r.paymentId)) ?? 0) : 0;
		},
	};
}

module.exports = { createCashReceiptStore };
