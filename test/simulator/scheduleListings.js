'use strict';
/**
 * The schedule look-ups of the /subscribe family (schedules.js hands them its records): by window
 * (GET /subscribe/payments/schedule) and by customer (GET .../schedule/customers/{customer_uid}),
 * each a page {total, previous, next, list}; the choices where the spec is silent are in schedules.js.
 */
const { ok, fail, present, readInt } = require('./answers');

const DAY_S = 24 * 60 * 60;
const WINDOW_MAX_S = 90 * DAY_S;
const WINDOW_PAGE = { default: 20, max: 1000 };
const CUSTOMER_PAGE_SIZE = 20;
const SCHEDULE_STATUSES = ['scheduled', 'executed', 'revoked'];

const copy = (value) => JSON.parse(JSON.stringify(value));

/**
 * @param {object} options
 * @param {(tier: string|null) => Array<{result: object, tier: string|null}>} options.mine  the records of a tier
 * @param {object} options.messages  schedules.js's MESSAGES (windowTooLong, pagePastEnd)
 */
function createScheduleListings({ mine, messages: MESSAGES }) {
	/** Reads from/to (schedule_at in [from, to)), the status filter; answers { error } or the filters. */
	function readWindow(query, fromName, toName, statusName) {
		const from = readInt(query, fromName, { required: true, min: 0 });
		if (from.error) return from;
		const to = readInt(query, toName, { required: true, min: 0 });
		if (to.error) return to;
		if (from.value > to.value)
			return {
				error: fail(400, 1, `${fromName} 파라메터는 ${toName} 파라메터보다 클 수 없습니다.`),
			};
		if (to.value - from.value > WINDOW_MAX_S)
			return { error: fail(400, 1, MESSAGES.windowTooLong) };
		const status = query.get(statusName);
		if (present(status) && !SCHEDULE_STATUSES.includes(status))
			return { error: fail(400, 1, `${statusName} 파라메터 값이 올바르지 않습니다.`) };
		return { from: from.value, to: to.value, status: present(status) ? status : null };
	}

	function inWindow(list, { from, to, status }) {
		return list.filter(
			(r) =>
				r.result.schedule_at >= from &&
				r.result.schedule_at < to &&
				(!status || r.result.schedule_status === status),
		);
	}

	/** By schedule_at (newest first unless `oldestFirst`), ties by merchant_uid. */
	function sortBy(list, oldestFirst) {
		const at = (r) => (oldestFirst ? r.result.schedule_at : -r.result.schedule_at);
		return [...list].sort(
			(a, b) => at(a) - at(b) || (a.result.merchant_uid < b.result.merchant_uid ? -1 : 1),
		);
	}

	function page(list, pageNo, size) {
		const pages = Math.max(1, Math.ceil(list.length / size));
		if (pageNo > pages) return fail(400, 1, MESSAGES.pagePastEnd);
		const start = (pageNo - 1) * size;
		return ok({
			total: list.length,
			previous: pageNo > 1 ? pageNo - 1 : 0,
			next: pageNo < pages ? pageNo + 1 : 0,
			list: list.slice(start, start + size).map((r) => copy(r.result)),
		});
	}

	/** GET /subscribe/payments/schedule: schedule_from/_to, schedule_status, page, limit (1..1000), sorting. */
	function byWindow(query, tier) {
		const window = readWindow(query, 'schedule_from', 'schedule_to', 'schedule_status');
		if (window.error) return window.error;
		const pageNo = readInt(query, 'page', { fallback: 1, min: 1 });
		if (pageNo.error) return pageNo.error;
		const limit = readInt(query, 'limit', {
			fallback: WINDOW_PAGE.default,
			min: 1,
			max: WINDOW_PAGE.max,
		});
		if (limit.error) return limit.error;
		const sorting = query.get('sorting') ?? '';
		// 'scheduled' = oldest first; the default is newest first (the spec); '-scheduled' accepted for it (guess)
		if (!['', 'scheduled', '-scheduled'].includes(sorting))
			return fail(400, 1, 'sorting 파라메터 값이 올바르지 않습니다.');
		return page(
			sortBy(inWindow(mine(tier), window), sorting === 'scheduled'),
			pageNo.value,
			limit.value,
		);
	}

	/** GET .../schedule/customers/{customer_uid}: from/to, schedule-status, page; newest first (the spec). */
	function byCustomer(customerUid, query, tier) {
		const window = readWindow(query, 'from', 'to', 'schedule-status');
		if (window.error) return window.error;
		const pageNo = readInt(query, 'page', { fallback: 1, min: 1 });
		if (pageNo.error) return pageNo.error;
		const ofCustomer = mine(tier).filter((r) => r.result.customer_uid === customerUid);
		return page(sortBy(inWindow(ofCustomer, window), false), pageNo.value, CUSTOMER_PAGE_SIZE);
	}

	return { byWindow, byCustomer };
}

module.exports = {
	createScheduleListings,
	copy,
	DAY_S,
	WINDOW_MAX_S,
	WINDOW_PAGE,
	CUSTOMER_PAGE_SIZE,
};
