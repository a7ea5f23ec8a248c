'use strict';
/**
 * The simulator's payments: one record per (storeId, paymentId), and the `Payment` object the API
 * answers for it (portone-io/developers.portone.io `src/schema/v2.openapi.json`, components.schemas
 * Payment: oneOf on `status`, PaymentAmount, PaymentCancellation, SelectedChannel, PaymentMethod*).
 *
 * A record keeps its base status (READY, PAY_PENDING, VIRTUAL_ACCOUNT_ISSUED, PAID, FAILED) and its
 * cancellations; PARTIAL_CANCELLED / CANCELLED and `amount.cancelled*` follow from the SUCCEEDED
 * cancellations, so money can only move through `applyCancellation`, which also counts it.
 *
 * Test API (`simulator.payments`): add(fields), addMany(n, fields), remove(id, storeId?) (forget a
 * payment: a benchmark seeds the same ids again for every run), get(id, storeId?) (the Payment
 * as the API answers it), record(id, storeId?) (the live record), appliedCancellations(id),
 * moneyMoved (every applied cancellation), setCancelMode(id, mode), completeCancellation(...)
 * (see cancel.js), ids().
 */

const { paymentView, cancellationView, methodOf } = require('./paymentView');

const DEFAULT_CUSTOMER = {
	id: 'customer-0001',
	name: '홍길동',
	email: 'buyer@example.test',
	phoneNumber: '01012345678',
};
/** The simulator's default cap on cancellation attempts per payment (MAX_CANCEL_COUNT_REACHED
 * has no documented value; inferred). */
const DEFAULT_MAX_CANCEL_COUNT = 20;

function createPaymentStore({ clock, accounts }) {
	/** `${storeId} ${paymentId}` -> record */
	const records = new Map();
	/** every applied cancellation (money that moved), in order */
	const moneyMoved = [];
	let serial = 0;
	/** set by the cash-receipt store: (storeId, paymentId) -> receipt record or undefined */
	let receiptOf = () => undefined;

	const keyOf = (storeId, id) => `${storeId} ${id}`;

	function find(id, storeId) {
		if (storeId) return records.get(keyOf(storeId, id));
		const found = [...records.values()].filter((r) => r.id === id);
		if (found.length > 1) throw new Error(`payment ${id} exists in several stores: name the store`);
		return found[0];
	}

	const succeeded = (r) => r.cancellations.filter((c) => c.status === 'SUCCEEDED');
	const requested = (r) => r.cancellations.filter((c) => c.status === 'REQUESTED');
	const sum = (list, field) => list.reduce((total, c) => total + c[field], 0);

	/** Amounts the next cancellation may take: what is left, less what REQUESTED ones reserve. */
	function balance(r) {
		const done = succeeded(r);
		const held = requested(r);
		const cancelled = sum(done, 'totalAmount');
		const cancelledTaxFree = sum(done, 'taxFreeAmount');
		const cancelledVat = sum(done, 'vatAmount');
		return {
			cancelled,
			cancelledTaxFree,
			cancellable: r.total - cancelled - sum(held, 'totalAmount'),
			taxFree: r.taxFree - cancelledTaxFree - sum(held, 'taxFreeAmount'),
			vat: r.vat - cancelledVat - sum(held, 'vatAmount'),
		};
	}

	function statusOf(r) {
		if (r.baseStatus !== 'PAID') return r.baseStatus;
		const { cancelled } = balance(r);
		if (cancelled === 0) return 'PAID';
		return cancelled >= r.total ? 'CANCELLED' : 'PARTIAL_CANCELLED';
	}

	const view = (r) =>
		paymentView(r, {
			status: statusOf(r),
			balance: balance(r),
			receipt: receiptOf(r.storeId, r.id),
		});

	/** Builds a record; `fields` as in the module comment of paymentSeeds.js. */
	function add(fields = {}) {
		if (typeof fields.id !== 'string' || fields.id === '')
			throw new Error('payments.add needs an id');
		const storeId = fields.storeId ?? accounts.list[0].storeIds[0];
		if (records.has(keyOf(storeId, fields.id)))
			throw new Error(`payment ${fields.id} exists already in ${storeId}`);
		serial += 1;
		const now = clock.nowMs();
		const baseStatus = fields.status ?? 'PAID';
		const channelKey =
			fields.channelKey ?? (fields.isTest ? 'channel-key-test-kcp' : 'channel-key-live-kcp');
		const channel =
			accounts.channelByKey(storeId, channelKey) ??
			accounts.channels.find((c) => c.storeId === storeId);
		const requestedAt = fields.requestedAt ?? now - 3600_000;
		const paidAt = baseStatus === 'PAID' ? (fields.paidAt ?? requestedAt + 60_000) : undefined;
		const total = fields.total ?? 10000;
		const taxFree = fields.taxFree ?? 0;
		const record = {
			id: fields.id,
			storeId,
			merchantId: accounts.merchantOf(storeId),
			version: fields.version ?? 'V2',
			transactionId:
				fields.transactionId ?? `tx-${String(serial).padStart(8, '0')}-0000-4000-8000-000000000000`,
			pgTxId: `PGTX${String(serial).padStart(10, '0')}`,
			baseStatus,
			channel: baseStatus === 'READY' && !fields.channelKey ? undefined : channel,
			method:
				baseStatus === 'READY' ? undefined : methodOf(fields.method ?? 'card', serial, requestedAt),
			orderName: fields.orderName ?? '주문상품',
			currency: fields.currency ?? 'KRW',
			customer: fields.customer ?? DEFAULT_CUSTOMER,
			customData: fields.customData,
			total,
			taxFree,
			vat: fields.vat ?? Math.floor((total - taxFree) / 11),
			discount: fields.promotion?.discount ?? 0,
			promotion: fields.promotion ?? null,
			requestedAt,
			paidAt,
			failedAt: baseStatus === 'FAILED' ? (fields.failedAt ?? requestedAt + 60_000) : undefined,
			failure:
				baseStatus === 'FAILED'
					? { reason: '카드 한도 초과', pgCode: 'LIMIT', pgMessage: '한도초과' }
					: undefined,
			statusChangedAt: fields.statusChangedAt ?? paidAt ?? requestedAt + 60_000,
			updatedAt: undefined,
			cancellations: [],
			cancelMode: fields.cancelMode,
			maxCancelCount: fields.maxCancelCount ?? DEFAULT_MAX_CANCEL_COUNT,
		};
		record.updatedAt = record.statusChangedAt;
		records.set(keyOf(storeId, record.id), record);
		for (const c of fields.cancellations ?? []) {
			const at = c.cancelledAt ?? record.statusChangedAt;
			const entry = newCancellation(record, {
				status: 'SUCCEEDED',
				taxFreeAmount: 0,
				vatAmount: 0,
				reason: '고객 요청',
				...c,
				requestedAt: at,
			});
			if (entry.status === 'SUCCEEDED') entry.cancelledAt = at;
			record.statusChangedAt = Math.max(record.statusChangedAt, at);
			record.updatedAt = record.statusChangedAt;
		}
		return view(record);
	}

	/** Appends a cancellation entry (status REQUESTED, SUCCEEDED or FAILED) and returns it. */
	function newCancellation(record, fields) {
		serial += 1;
		const entry = {
			id: `cancellation-${String(serial).padStart(8, '0')}`,
			pgCancellationId: `PGC${String(serial).padStart(10, '0')}`,
			trigger: 'API',
			receiptUrl: `https://receipt.example.test/cancel/${serial}`,
			...fields,
		};
		record.cancellations.push(entry);
		return entry;
	}

	/** Marks a cancellation SUCCEEDED and moves its money: the only place money moves. */
	function applyCancellation(record, entry, at = clock.nowMs()) {
		if (entry.status === 'SUCCEEDED')
			throw new Error(`cancellation ${entry.id} was applied already`);
		entry.status = 'SUCCEEDED';
		entry.cancelledAt = at;
		record.statusChangedAt = at;
		record.updatedAt = at;
		moneyMoved.push({
			paymentId: record.id,
			storeId: record.storeId,
			cancellationId: entry.id,
			amount: entry.totalAmount,
			refunded: entry.refunded ?? entry.totalAmount,
			reason: entry.reason,
		});
	}

	return {
		records,
		moneyMoved,
		add,
		addMany(count, { prefix = 'pay-bulk-', each, ...fields } = {}) {
			const ids = [];
			for (let n = 0; n < count; n++) {
				const id = `${prefix}${String(n).padStart(6, '0')}`;
				add({ ...fields, ...(each ? each(n) : {}), id });
				ids.push(id);
			}
			return ids;
		},
		remove(id, storeId) {
			const r = find(id, storeId);
			if (r) records.delete(keyOf(r.storeId, r.id));
		},
		find,
		view,
		balance,
		statusOf,
		newCancellation,
		applyCancellation,
		cancellationView,
		get: (id, storeId) => {
			const r = find(id, storeId);
			return r && view(r);
		},
		record: find,
		ids: () => [...records.values()].map((r) => r.id),
		/** How many cancellations of a payment actually moved money (the "never twice" counter). */
		appliedCancellations: (id, storeId) =>
			moneyMoved.filter((m) => m.paymentId === id && (!storeId || m.storeId === storeId)).length,
		setCancelMode(id, mode, storeId) {
			find(id, storeId).cancelMode = mode;
		},
		linkReceipts(fn) {
			receiptOf = fn;
		},
	};
}

module.exports = { createPaymentStore, DEFAULT_MAX_CANCEL_COUNT };
