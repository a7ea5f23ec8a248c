'use strict';
/**
 * Payment schedules of the /subscribe family (subscribe.js routes to these), after i'mport's V1 spec
 * (portone-io/developers.portone.io src/schema/v1.openapi.json: POST/GET /subscribe/payments/schedule,
 * GET /subscribe/payments/schedule/{merchant_uid}, GET /subscribe/payments/schedule/customers/{customer_uid}
 * and its twin /subscribe/customers/{customer_uid}/schedules, POST /subscribe/payments/unschedule;
 * ScheduleAnnotation in, ScheduleResultAnnotation out).
 *
 * schedule_status is one of the spec's scheduled / executed / revoked; an executed one carries
 * payment_status paid / failed / cancelled (a "failed schedule" is executed + failed). When the
 * simulator's clock passes schedule_at, a scheduled one is executed on the next request: paid while
 * its billing key exists, failed once it was deleted (the spec only warns to check schedules before
 * deleting a key). Executed schedules get an imp_uid but no /payments entry (so the seeded
 * /payments lists stay as the existing tests count them).
 *
 * The simulator's choices where the spec is silent ("guess" below): list answers are pages {total,
 * previous, next, list} (the spec's schema says an array, its text "paged", i'mport's Node client reads a
 * page); the window is at most 90 days ("최대 3개월" taken strictly); the customer look-up pages by 20 and
 * takes no limit (none documented); a page past the end is a 400 as on /payments; unschedule revokes only
 * scheduled ones, and when none is left answers HTTP 200 code 1 "취소할 예약결제 기록이 존재하지
 * 않습니다." (what i'mport's Python and Go clients' tests expect); POST refusals are HTTP 200 code 1.
 */
const { ok, fail, present, isIntegerText, bodyList } = require('./answers');
const {
	createScheduleListings,
	copy,
	DAY_S,
	WINDOW_MAX_S,
	WINDOW_PAGE,
	CUSTOMER_PAGE_SIZE,
} = require('./scheduleListings');

const BUYER_FIELDS = ['name', 'email', 'tel', 'addr', 'postcode'];

const MESSAGES = {
	// i'mport's own client tests (iamport/iamport-rest-client-python tests/test_pay_schedule.py, test_pay_unschedule.py)
	unknownBuyer: '등록되지 않은 구매자입니다.',
	nothingToRevoke: '취소할 예약결제 기록이 존재하지 않습니다.',
	// guesses
	notFound: '결제예약 정보가 존재하지 않습니다.',
	duplicate: '이미 결제예약에 사용된 merchant_uid입니다.',
	pastSchedule: 'schedule_at은 현재 시각 이후여야 합니다.',
	windowTooLong: '조회기간은 최대 90일까지 가능합니다.',
	pagePastEnd: '요청하신 page가 데이터 범위를 넘어섰습니다.',
};

const keyOf = (tier, id) => `${tier ?? ''}\u0000${id}`;

function createSchedules({ clock, changes, customers }) {
	/** tier + merchant_uid -> { result: ScheduleResultAnnotation, tier } */
	const records = new Map();
	let serial = 0;

	/** Adds one schedule (test API and seeds): ScheduleAnnotation fields plus customer_uid, tier, status. */
	function add({
		customer_uid,
		tier = null,
		schedule_status = 'scheduled',
		payment_status = null,
		...fields
	}) {
		const customer = customers.get(customer_uid, tier);
		const result = {
			customer_uid,
			merchant_uid: fields.merchant_uid,
			imp_uid: null,
			pg_provider: customer?.pg_provider ?? null,
			pg_id: customer?.pg_id ?? null,
			customer_id: customer?.customer_id ?? null,
			schedule_at: Number(fields.schedule_at),
			executed_at: 0,
			revoked_at: 0,
			amount: Number(fields.amount),
			currency: fields.currency ?? 'KRW',
			name: fields.name ?? null,
			custom_data: fields.custom_data ?? null,
			schedule_status: 'scheduled',
			payment_status: null,
			fail_reason: null,
		};
		// buyer_* left out are taken from the billing key's customer_* (the spec, POST schedule)
		for (const f of BUYER_FIELDS)
			result[`buyer_${f}`] = fields[`buyer_${f}`] ?? customer?.[`customer_${f}`] ?? null;
		const record = { result, tier };
		records.set(keyOf(tier, result.merchant_uid), record);
		if (schedule_status === 'executed')
			execute(record, payment_status ?? 'paid', fields.fail_reason);
		if (schedule_status === 'revoked')
			Object.assign(result, {
				schedule_status: 'revoked',
				revoked_at: fields.revoked_at ?? result.schedule_at - DAY_S,
			});
		return copy(result);
	}

	function execute(record, paymentStatus, failReason) {
		serial += 1;
		Object.assign(record.result, {
			schedule_status: 'executed',
			executed_at: record.result.schedule_at,
			imp_uid: `imp_sch_${String(serial).padStart(8, '0')}`,
			payment_status: paymentStatus,
			fail_reason: paymentStatus === 'failed' ? (failReason ?? '[PG] 카드 한도초과') : null,
		});
	}

	/** Runs every schedule whose time has come (i'mport runs them; here the next request does). */
	function executeDue() {
		const now = clock.now();
		for (const record of records.values()) {
			const r = record.result;
			if (r.schedule_status !== 'scheduled' || r.schedule_at > now) continue;
			const keyLeft = customers.get(r.customer_uid, record.tier);
			execute(record, keyLeft ? 'paid' : 'failed', keyLeft ? null : MESSAGES.unknownBuyer);
			changes.record('schedule.executed', r.merchant_uid);
		}
	}

	const mine = (tier) => [...records.values()].filter((r) => r.tier === tier);
	const refuse = (message) => fail(200, 1, message);

	/** ScheduleAnnotation items of a JSON body, or of a form body's schedules[0][merchant_uid]=... */
	function schedulesOf(body) {
		if (Array.isArray(body.schedules)) return body.schedules;
		const items = [];
		for (const [key, value] of Object.entries(body)) {
			const match = /^schedules\[(\d+)\]\[(\w+)\]$/.exec(key);
			if (match) (items[Number(match[1])] ??= {})[match[2]] = value;
		}
		return items.filter(Boolean);
	}

	function invalidItem(item, seen, tier) {
		if (!item || typeof item !== 'object') return 'schedules 파라메터 값이 올바르지 않습니다.';
		for (const name of ['merchant_uid', 'schedule_at', 'amount', 'name']) {
			if (!present(item[name])) return `필수 파라메터(schedules.${name})가 누락되었습니다.`;
		}
		if (!isIntegerText(item.schedule_at)) return 'schedule_at 파라메터 값이 올바르지 않습니다.';
		if (Number(item.schedule_at) <= clock.now())
			return `${MESSAGES.pastSchedule} (${item.merchant_uid})`;
		if (!(Number(item.amount) > 0)) return 'amount 파라메터 값이 올바르지 않습니다.';
		const mid = String(item.merchant_uid);
		if (seen.has(mid) || records.has(keyOf(tier, mid))) return `${MESSAGES.duplicate} (${mid})`;
		seen.add(mid);
		return null;
	}

	/** POST /subscribe/payments/schedule: all or nothing (guess), so a refused call schedules nothing. */
	function schedule(body, tier) {
		if (!present(body.customer_uid)) return refuse('customer_uid 파라메터가 누락되었습니다.');
		const customerUid = String(body.customer_uid);
		const items = schedulesOf(body);
		if (items.length === 0) return refuse('schedules 파라메터가 누락되었습니다.');
		const seen = new Set();
		for (const item of items) {
			const problem = invalidItem(item, seen, tier);
			if (problem) return refuse(problem);
		}
		if (!customers.get(customerUid, tier)) {
			// No billing key yet: one is issued from the card fields first (the spec), else the buyer is unknown.
			if (!present(body.card_number) || !present(body.expiry)) return refuse(MESSAGES.unknownBuyer);
			const [status, answer] = customers.save(
				customerUid,
				{ channel_key: 'channel-key-kcp', ...body },
				tier,
			);
			if (answer.code !== 0) return [status, answer];
		}
		const created = items.map((item) => add({ ...item, customer_uid: customerUid, tier }));
		for (const s of created) changes.record('schedule.created', s.merchant_uid);
		return ok(created);
	}

	/** POST /subscribe/payments/unschedule: the customer's scheduled ones, or only the named ones. */
	function unschedule(body, entry, tier) {
		const customerUid = present(body.customer_uid) ? String(body.customer_uid) : null;
		const merchantUids = [...new Set(bodyList(body, entry, 'merchant_uid'))];
		if (!customerUid && merchantUids.length === 0)
			return refuse('customer_uid 또는 merchant_uid 파라메터가 필요합니다.');
		const candidates =
			merchantUids.length > 0
				? merchantUids.map((mid) => records.get(keyOf(tier, mid))).filter(Boolean)
				: mine(tier).sort((a, b) => a.result.schedule_at - b.result.schedule_at);
		// Executed and already revoked ones are left alone; asking only for those revokes nothing (guess).
		const revocable = candidates.filter(
			(r) =>
				r.result.schedule_status === 'scheduled' &&
				(!customerUid || r.result.customer_uid === customerUid),
		);
		if (revocable.length === 0) return refuse(MESSAGES.nothingToRevoke);
		const now = clock.now();
		for (const record of revocable) {
			Object.assign(record.result, { schedule_status: 'revoked', revoked_at: now });
			changes.record('schedule.revoked', record.result.merchant_uid);
		}
		return ok(revocable.map((r) => copy(r.result)));
	}

	function getOne(merchantUid, tier) {
		const record = records.get(keyOf(tier, merchantUid));
		return record ? ok(copy(record.result)) : fail(404, 1, MESSAGES.notFound);
	}

	const { byWindow, byCustomer } = createScheduleListings({ mine, messages: MESSAGES });

	return {
		add,
		executeDue,
		schedule,
		unschedule,
		getOne,
		byWindow,
		byCustomer,
		/** a copy of one schedule, or undefined */
		get: (merchantUid, tier = null) =>
			records.has(keyOf(tier, merchantUid))
				? copy(records.get(keyOf(tier, merchantUid)).result)
				: undefined,
		list: (tier = null) => mine(tier).map((r) => copy(r.result)),
	};
}

module.exports = { createSchedules, MESSAGES, WINDOW_MAX_S, WINDOW_PAGE, CUSTOMER_PAGE_SIZE };
