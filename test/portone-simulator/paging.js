'use strict';
/**
 * Page-based list answers shared by GET /payments and GET /cash-receipts
 * (portone-io/developers.portone.io `src/schema/v2.openapi.json`: PageInput, PageInfo,
 * GetPaymentsBody.page, GetCashReceiptsBody.page, the filters' from/until).
 */
const v = require('./validate');

const DAY_MS = 86400_000;
/** GetPaymentsBody.page: "(number + 1) * size가 60,000을 초과할 수 없습니다." (payments only; the
 * cash-receipt list documents no bound, so none is applied there). */
const PAYMENTS_PAGE_BOUND = 60_000;

/** PageInput with the documented defaults (number 0, size 10); negative or zero sizes are refused (inferred). */
function readPage(page, { bound } = {}) {
	if (v.absent(page)) return { number: 0, size: 10 };
	v.object(page, 'page');
	const number = v.integer(page.number, 'page.number', { min: 0 }) ?? 0;
	const size = v.integer(page.size, 'page.size', { min: 1 }) ?? 10;
	if (bound && (number + 1) * size > bound)
		v.fail(`(page.number + 1) * page.size must not exceed ${bound}`);
	return { number, size };
}

/**
 * from/until as the filters document them: until defaults to now, from to 90 days before until.
 * A window that ends before it starts is refused (inferred); no maximum length is documented.
 */
function readWindow(filter, nowMs, name = 'filter') {
	const until = v.dateTime(filter.until, `${name}.until`) ?? nowMs;
	const from = v.dateTime(filter.from, `${name}.from`) ?? until - 90 * DAY_MS;
	if (from > until) v.fail(`${name}.from must not be after ${name}.until`);
	return { from, until };
}

/** Sorts by `timeOf` (undefined last), ties by id so pages never overlap. */
function sortBy(list, timeOf, order, idOf) {
	const sign = order === 'ASC' ? 1 : -1;
	return [...list].sort((a, b) => {
		const ta = timeOf(a);
		const tb = timeOf(b);
		if (ta !== tb) {
			if (ta === undefined) return 1;
			if (tb === undefined) return -1;
			return sign * (ta - tb);
		}
		return idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0;
	});
}

/**
 * One page of `list`. PageInfo.totalCount is titled "실제 반환된 객체 수" (the number returned);
 * whether PortOne puts the page's count or all matches there is not documented, so
 * the simulator follows the title by default (`totalCount: 'returned'`) and can be started with
 * `totalCount: 'matches'` to check a client works either way.
 */
function pageOf(list, page, mode = 'returned') {
	const items = list.slice(page.number * page.size, (page.number + 1) * page.size);
	const totalCount = mode === 'matches' ? list.length : items.length;
	return { items, page: { number: page.number, size: page.size, totalCount } };
}

module.exports = { readPage, readWindow, sortBy, pageOf, PAYMENTS_PAGE_BOUND, DAY_MS };
