'use strict';
/**
 * The /subscribe family: billing keys (here) and payment schedules (schedules.js), after i'mport's V1
 * spec (portone-io/developers.portone.io src/schema/v1.openapi.json: GET/POST/DELETE
 * /subscribe/customers/{customer_uid}, GET /subscribe/customers; CustomerAnnotation).
 *
 * Answers (spec statuses; codes and wording are the simulator's unless said):
 *   GET    /subscribe/customers/{uid}    200 code 0 CustomerAnnotation; 404 code 1 unknown uid, with the
 *                                        wording i'mport's Python client tests expect
 *   POST   /subscribe/customers/{uid}    200 code 0 (issued, or updated: `inserted` kept); refusals HTTP 200
 *                                        code 1 (only 200 and 401 are documented): no channel_key /
 *                                        card_number / expiry, a bad card number, a PG refusing the card
 *   DELETE /subscribe/customers/{uid}    200 code 0 the deleted key; 404 code 1 unknown uid. Its schedules are
 *                                        left as they are (the spec only warns to check them first); those
 *                                        still scheduled fail when their time comes.
 *   GET    /subscribe/customers?customer_uid[]=  200 all found, 207 some (code 0, the found ones: guess),
 *                                        404 none; 400 when no customer_uid[] is sent (guess)
 * Schedule calls: see schedules.js. Calls of the spec not simulated here answer 404 "요청하신 API를 찾을 수
 * 없습니다." (onetime, again, customers/{uid}/payments, PUT schedule, reschedule, retry).
 *
 * Seeds: subscribeSeeds.js.
 *
 * The test API, `simulator.subscribe`: addCustomer(fields), getCustomer(uid, tier?), addSchedule(fields),
 * getSchedule(merchant_uid, tier?), schedules(tier?), executeDue(); changes are counted in
 * `simulator.changes` (billingKey.saved / .deleted, schedule.created / .revoked / .executed).
 */
const { FAILING_PG } = require('./store');
const { ok, fail, present, valuesOf, notFoundApi, badMethod } = require('./answers');
const { createSchedules } = require('./schedules');
const { seedSubscribe } = require('./subscribeSeeds');

const CUSTOMER_UID_MAX = 80;
const CHANNELS = {
	'channel-key-kcp': 'kcp',
	'channel-key-nice': 'nice',
	'channel-key-pgfail': FAILING_PG,
};
/** card issuers by the card number's first digit (KFTC card codes) */
const CARDS = { 4: ['366', '신한카드'], 5: ['381', 'KB국민카드'], 9: ['361', 'BC카드'] };
const OTHER_CARD = ['365', '삼성카드'];
const CUSTOMER_FIELDS = [
	'customer_id',
	'customer_name',
	'customer_tel',
	'customer_email',
	'customer_addr',
	'customer_postcode',
];

const MESSAGES = {
	// iamport/iamport-rest-client-python tests/test_customer_get.py and test_billing_key.py
	notFound: (uid) => `요청하신 customer_uid(${uid})로 등록된 정보를 찾을 수 없습니다.`,
	cardRefused: '카드정보 인증 및 빌키 발급에 실패하였습니다.',
	// guesses
	noneFound: '요청하신 customer_uid로 등록된 정보를 찾을 수 없습니다.',
	badChannel: '유효하지 않은 channel_key입니다.',
	badCardNumber: '카드번호(card_number) 형식이 올바르지 않습니다.',
	badExpiry: '카드 유효기간(expiry)은 YYYY-MM 형식이어야 합니다.',
};

const keyOf = (tier, id) => `${tier ?? ''}\u0000${id}`;
const copy = (value) => JSON.parse(JSON.stringify(value));

function createSubscribe({ clock, store }) {
	const changes = store.changes;
	/** tier + customer_uid -> { customer: CustomerAnnotation, tier } */
	const keys = new Map();
	/** every DELETE that removed a key, with the reason and requester sent */
	const deletions = [];

	const customers = {
		get: (uid, tier) => keys.get(keyOf(tier, uid))?.customer,
		save,
	};
	const schedules = createSchedules({ clock, changes, customers });

	/** Builds or updates a CustomerAnnotation from the card fields; validation is left to the caller. */
	function writeKey(uid, fields, tier, pg) {
		const digits = String(fields.card_number).replace(/\D/g, '');
		const [cardCode, cardName] = CARDS[digits[0]] ?? OTHER_CARD;
		const now = clock.now();
		const existing = keys.get(keyOf(tier, uid))?.customer;
		const customer = {
			customer_uid: uid,
			pg_provider: pg,
			pg_id: `${pg}_MID_01`,
			sandbox: false,
			card_name: cardName,
			card_code: cardCode,
			card_number: `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`,
			card_type: 0,
			inserted: fields.inserted ?? existing?.inserted ?? now,
			updated: fields.updated ?? now,
		};
		for (const name of CUSTOMER_FIELDS)
			customer[name] = present(fields[name]) ? String(fields[name]) : (existing?.[name] ?? null);
		keys.set(keyOf(tier, uid), { customer, tier });
		return customer;
	}

	/** POST /subscribe/customers/{uid} (also used by POST schedule for a buyer without a key). */
	function save(uid, body, tier) {
		const refuse = (message) => fail(200, 1, message);
		if (!present(uid) || String(uid).length > CUSTOMER_UID_MAX)
			return refuse('customer_uid 파라메터 값이 올바르지 않습니다.');
		for (const name of ['channel_key', 'card_number', 'expiry']) {
			if (!present(body[name])) return refuse(`필수 파라메터(${name})가 누락되었습니다.`);
		}
		const pg = CHANNELS[body.channel_key];
		if (!pg) return refuse(MESSAGES.badChannel);
		if (!/^\d{4}-?\d{4}-?\d{4}-?\d{3,4}$/.test(String(body.card_number)))
			return refuse(MESSAGES.badCardNumber);
		if (!/^\d{4}-\d{2}$/.test(String(body.expiry))) return refuse(MESSAGES.badExpiry);
		if (pg === FAILING_PG) return refuse(`${MESSAGES.cardRefused} [PG:9999] 카드 인증 거절`);
		const customer = writeKey(String(uid), body, tier, pg);
		changes.record('billingKey.saved', customer.customer_uid);
		return ok(copy(customer));
	}

	function getOne(uid, tier) {
		const record = keys.get(keyOf(tier, uid));
		return record ? ok(copy(record.customer)) : fail(404, 1, MESSAGES.notFound(uid));
	}

	function remove(uid, query, tier) {
		const record = keys.get(keyOf(tier, uid));
		if (!record) return fail(404, 1, MESSAGES.notFound(uid));
		keys.delete(keyOf(tier, uid));
		deletions.push({
			customer_uid: uid,
			reason: query.get('reason'),
			requester: query.get('extra[requester]'),
			at: clock.now(),
		});
		changes.record('billingKey.deleted', uid);
		return ok(copy(record.customer));
	}

	function getMany(query, tier) {
		const uids = [...new Set(valuesOf(query, 'customer_uid'))];
		if (uids.length === 0) return fail(400, 1, 'customer_uid[] 파라메터가 필요합니다.');
		const found = uids
			.map((uid) => keys.get(keyOf(tier, uid)))
			.filter(Boolean)
			.map((r) => copy(r.customer));
		if (found.length === 0) return fail(404, 1, MESSAGES.noneFound);
		return ok(found, found.length === uids.length ? 200 : 207);
	}

	function routeCustomers(method, seg, body, query, tier) {
		if (seg.length === 2) return method === 'GET' ? getMany(query, tier) : badMethod();
		const uid = seg[2];
		if (seg.length === 3) {
			if (method === 'GET') return getOne(uid, tier);
			if (method === 'DELETE') return remove(uid, query, tier);
			if (method === 'POST') return save(uid, body, tier);
			return badMethod();
		}
		if (seg.length === 4 && seg[3] === 'schedules')
			return method === 'GET' ? schedules.byCustomer(uid, query, tier) : badMethod();
		return notFoundApi();
	}

	function routePayments(method, seg, body, query, tier, entry) {
		if (seg[2] === 'unschedule' && seg.length === 3)
			return method === 'POST' ? schedules.unschedule(body, entry, tier) : badMethod();
		if (seg[2] !== 'schedule') return notFoundApi();
		if (seg.length === 3) {
			if (method === 'GET') return schedules.byWindow(query, tier);
			return method === 'POST' ? schedules.schedule(body, tier) : badMethod();
		}
		if (seg.length === 4 && method === 'GET') return schedules.getOne(seg[3], tier);
		if (seg.length === 5 && seg[3] === 'customers' && method === 'GET')
			return schedules.byCustomer(seg[4], query, tier);
		return notFoundApi();
	}

	function route({ method, segments, body, query, tier, entry }) {
		if (body === null || typeof body !== 'object' || Array.isArray(body))
			return fail(400, 1, '요청 본문을 해석할 수 없습니다.');
		// i'mport runs due schedules on its own; here the next request does it first.
		schedules.executeDue();
		if (segments[1] === 'customers') return routeCustomers(method, segments, body, query, tier);
		if (segments[1] === 'payments')
			return routePayments(method, segments, body, query, tier, entry);
		return notFoundApi();
	}

	seedSubscribe({ clock, writeKey, schedules });

	return {
		route,
		deletions,
		/** adds a billing key as if issued: { customer_uid, card_number, pg?, tier?, customer_* } */
		addCustomer: ({ customer_uid, pg = 'kcp', tier = null, ...fields }) =>
			copy(writeKey(customer_uid, fields, tier, pg)),
		getCustomer: (uid, tier = null) =>
			keys.has(keyOf(tier, uid)) ? copy(keys.get(keyOf(tier, uid)).customer) : undefined,
		addSchedule: (fields) => schedules.add(fields),
		getSchedule: (merchantUid, tier = null) => {
			schedules.executeDue();
			return schedules.get(merchantUid, tier);
		},
		schedules: (tier = null) => {
			schedules.executeDue();
			return schedules.list(tier);
		},
		executeDue: () => schedules.executeDue(),
	};
}

module.exports = { prefix: 'subscribe', create: createSubscribe, MESSAGES };
