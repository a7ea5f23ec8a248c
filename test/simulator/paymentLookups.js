'use strict';
/**
 * Part of the /payments family (test/simulator/payments.js): the look-ups, GET /payments/{imp_uid},
 * GET /payments (many ids), /payments/find and /findAll/{merchant_uid}, /payments/status/{status},
 * with their sorting, paging, time window and what each Tier and include_sandbox may see.
 */
const { ok, fail, isIntegerText } = require('./answers');
const { MESSAGES } = require('./paymentMessages');

const DAY_S = 24 * 60 * 60;
const WINDOW_MAX_S = 90 * DAY_S;
/** The spec says at most 1000 per page for /payments/status; the simulator pages smaller on
 * purpose so a client that assumes a page size, instead of following `next`, is caught. */
const STATUS_PAGE = { default: 20, max: 100 };
const FIND_ALL_PAGE = { default: 20, max: 1000 };
const MULTI_MAX_IDS = 100;
const STATUSES = ['ready', 'paid', 'cancelled', 'failed'];
const SORT_FIELDS = { started: 'started_at', paid: 'paid_at', updated: 'updated_at' };
/** The time /payments/status filters on, by the payment's final status (the spec, `from`/`to`). */
const STATUS_TIME = {
	ready: 'started_at',
	paid: 'paid_at',
	cancelled: 'cancelled_at',
	failed: 'failed_at',
};

/** The look-ups over the store's `records` and `byMerchant`; `view` copies a record's payment. */
function createPaymentLookups({ clock, records, byMerchant }, { view }) {
	const sees = (record, { tier, includeSandbox }) =>
		record.tier === tier && (!record.payment.sandbox || includeSandbox);
	const timeOf = (record, field) =>
		field === 'updated_at' ? record.updated_at : record.payment[field];

	/** Sorts by a spec `sorting` value (±started, ±paid, ±updated), ties by imp_uid. */
	function sorted(list, sorting) {
		const descending = sorting.startsWith('-');
		const field = SORT_FIELDS[sorting.replace(/^-/, '')];
		return [...list].sort((a, b) => {
			const diff = timeOf(a, field) - timeOf(b, field);
			if (diff !== 0) return descending ? -diff : diff;
			return a.payment.imp_uid < b.payment.imp_uid ? -1 : 1;
		});
	}

	// Look-up misses answer code -1 as the documented single look-up does (the others: guess).
	const notFound = (message = MESSAGES.notFound) => fail(404, -1, message);
	const badRequest = (message) => fail(400, 1, message);

	function readSorting(query) {
		const sorting = query.get('sorting') ?? '-started';
		if (!SORT_FIELDS[sorting.replace(/^-/, '')])
			return { error: badRequest('sorting 파라메터 값이 올바르지 않습니다.') };
		return { sorting };
	}

	/** Reads an optional integer query parameter; `min` bounds it from below. */
	function readInt(query, name, fallback, min) {
		const raw = query.get(name);
		if (raw === null || raw === '') return { value: fallback };
		if (!isIntegerText(raw) || Number(raw) < min)
			return { error: badRequest(`${name} 파라메터 값이 올바르지 않습니다.`) };
		return { value: Number(raw) };
	}

	/** One page of `list` as PagedPaymentAnnotation; a page past the end is a 400 (the spec). */
	function page(list, query, limits) {
		const pageNo = readInt(query, 'page', 1, 1);
		if (pageNo.error) return pageNo.error;
		const limit = readInt(query, 'limit', limits.default, 1);
		if (limit.error) return limit.error;
		const size = Math.min(limit.value, limits.max);
		const pages = Math.max(1, Math.ceil(list.length / size));
		if (pageNo.value > pages) return badRequest('요청하신 page가 데이터 범위를 넘어섰습니다.');
		const start = (pageNo.value - 1) * size;
		return ok({
			total: list.length,
			previous: pageNo.value > 1 ? pageNo.value - 1 : 0,
			next: pageNo.value < pages ? pageNo.value + 1 : 0,
			list: list.slice(start, start + size).map(view),
		});
	}

	function ofMerchant(merchantUid, who) {
		return (byMerchant.get(merchantUid) ?? [])
			.map((id) => records.get(id))
			.filter((r) => sees(r, who));
	}

	function readStatus(value) {
		if (value === undefined || value === '') return { status: null };
		if (!STATUSES.includes(value))
			return { error: badRequest('payment_status 파라메터 값이 올바르지 않습니다.') };
		return { status: value };
	}

	function getOne(impUid, who) {
		const record = records.get(impUid);
		if (!record || !sees(record, who)) return notFound();
		return ok(view(record));
	}

	function find(merchantUid, statusValue, query, who, all) {
		const status = readStatus(statusValue);
		if (status.error) return status.error;
		const sorting = readSorting(query);
		if (sorting.error) return sorting.error;
		const matching = ofMerchant(merchantUid, who).filter(
			(r) => !status.status || r.payment.status === status.status,
		);
		if (matching.length === 0) return notFound();
		const ordered = sorted(matching, sorting.sorting);
		return all ? page(ordered, query, FIND_ALL_PAGE) : ok(view(ordered[0]));
	}

	/** Values of `name[]`, `name[0]` and plain `name`, in the order sent. */
	function listParam(query, name) {
		const values = [];
		const pattern = new RegExp(`^${name}(\\[\\d*\\])?$`);
		for (const [key, value] of query) if (pattern.test(key)) values.push(value);
		return values;
	}

	function getMany(query, who) {
		const impUids = [...new Set(listParam(query, 'imp_uid'))];
		const merchantUids = [...new Set(listParam(query, 'merchant_uid'))];
		// guesses: no ids and more than 100 ids are both refused with a 400
		if (impUids.length + merchantUids.length === 0)
			return badRequest('imp_uid[] 또는 merchant_uid[] 파라메터가 필요합니다.');
		if (impUids.length + merchantUids.length > MULTI_MAX_IDS) {
			return badRequest(`한 번에 최대 ${MULTI_MAX_IDS}건까지 조회할 수 있습니다.`);
		}
		const found = new Map();
		for (const id of impUids) {
			const record = records.get(id);
			if (record && sees(record, who)) found.set(id, record);
		}
		for (const id of merchantUids) {
			const [latest] = sorted(ofMerchant(id, who), '-started');
			if (latest) found.set(latest.payment.imp_uid, latest);
		}
		const list = [...found.values()].map(view);
		const missing =
			impUids.filter((id) => !found.has(id)).length +
			merchantUids.filter((id) => !list.some((p) => p.merchant_uid === id)).length;
		if (list.length === 0) return notFound('해당되는 결제건을 찾지 못하였습니다.');
		// 207: some ids were not found; code 0 with the found ones is the simulator's guess.
		return [missing === 0 ? 200 : 207, { code: 0, message: null, response: list }];
	}

	function byStatus(statusValue, query, who) {
		if (statusValue !== 'all' && !STATUSES.includes(statusValue)) {
			return badRequest('payment_status 파라메터 값이 올바르지 않습니다.');
		}
		const sorting = readSorting(query);
		if (sorting.error) return sorting.error;
		const to = readInt(query, 'to', clock.now(), 0);
		if (to.error) return to.error;
		const from = readInt(query, 'from', to.value - WINDOW_MAX_S, 0);
		if (from.error) return from.error;
		if (from.value > to.value) return badRequest('from 파라메터는 to 파라메터보다 클 수 없습니다.');
		if (to.value - from.value > WINDOW_MAX_S)
			return badRequest('검색기간은 최대 90일까지 가능합니다.');
		const list = [...records.values()].filter((r) => {
			if (!sees(r, who)) return false;
			if (statusValue !== 'all' && r.payment.status !== statusValue) return false;
			const at = r.payment[STATUS_TIME[r.payment.status]];
			return at >= from.value && at <= to.value;
		});
		return page(sorted(list, sorting.sorting), query, STATUS_PAGE);
	}

	return { sorted, ofMerchant, badRequest, getOne, find, getMany, byStatus };
}

module.exports = {
	createPaymentLookups,
	WINDOW_MAX_S,
	STATUS_PAGE,
	FIND_ALL_PAGE,
	MULTI_MAX_IDS,
};
