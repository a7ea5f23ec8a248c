'use strict';
/**
 * The simulator's /subscribe family over plain HTTP (no node): billing keys (get, issue, delete,
 * get many), schedules (post, by merchant_uid, by customer, by window), unschedule, schedules run by
 * the clock, and the change counter.
 */
const axios = require('axios');
const { createSimulator } = require('./simulator/server');
const { MESSAGES: KEY_MESSAGES } = require('./simulator/subscribe');
const { MESSAGES } = require('./simulator/schedules');

const START = 1_790_000_000;
const DAY = 24 * 60 * 60;
const CUSTOMER_KEYS = ['customer_uid', 'pg_provider', 'pg_id', 'card_name', 'inserted', 'updated', 'sandbox'];

let sim;
let http;

beforeEach(async () => {
	sim = createSimulator({ startAt: START });
	const baseURL = await sim.start();
	const { data } = await axios.post(`${baseURL}/users/getToken`, { imp_key: 'test_imp_key', imp_secret: 'test_imp_secret_DO_NOT_LEAK' });
	http = axios.create({
		baseURL,
		headers: { Authorization: `Bearer ${data.response.access_token}` },
		validateStatus: () => true,
		httpAgent: new (require('node:http').Agent)({ keepAlive: false }),
	});
});
afterEach(async () => {
	await sim.stop();
});

/** Moves the simulator's clock and takes a fresh token (the old one expires after 30 minutes). */
async function advance(seconds) {
	sim.clock.advance(seconds);
	const { data } = await axios.post(`${sim.baseUrl}/users/getToken`, { imp_key: 'test_imp_key', imp_secret: 'test_imp_secret_DO_NOT_LEAK' });
	http.defaults.headers.Authorization = `Bearer ${data.response.access_token}`;
}

const enc = encodeURIComponent;
const form = (method, url, text) => http.request({ method, url, data: text, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const card = { channel_key: 'channel-key-kcp', card_number: '4140-0300-9999-0001', expiry: '2030-12', birth: '900101' };
const oneSchedule = (merchant_uid, at = START + 7 * DAY, extra = {}) => ({ merchant_uid, schedule_at: at, amount: 9900, name: '월 정기구독', ...extra });
const schedule = (customer_uid, schedules, extra = {}) => http.post('/subscribe/payments/schedule', { customer_uid, schedules, ...extra });
const unschedule = (body) => http.post('/subscribe/payments/unschedule', body);
const byCustomer = (uid, params) => http.get(`/subscribe/payments/schedule/customers/${enc(uid)}`, { params });
const byWindow = (params) => http.get('/subscribe/payments/schedule', { params });
const statusOf = (mid) => sim.subscribe.getSchedule(mid).schedule_status;
const midsOf = (res) => res.data.response.list.map((s) => s.merchant_uid);

describe('authentication', () => {
	test.each([
		['GET', '/subscribe/customers/cust_card_0001'],
		['DELETE', '/subscribe/customers/cust_card_0001'],
		['GET', '/subscribe/customers?customer_uid[]=cust_card_0001'],
		['GET', '/subscribe/payments/schedule/sch_0001_m3'],
		['POST', '/subscribe/payments/unschedule'],
	])('%s %s needs a valid token and changes nothing without one', async (method, url) => {
		const bare = await axios.request({ method, url: `${sim.baseUrl}${url}`, data: { customer_uid: 'cust_card_0001' }, validateStatus: () => true });
		expect(bare.status).toBe(401);
		expect(bare.data.code).toBe(-1);
		const wrong = await axios.request({ method, url: `${sim.baseUrl}${url}`, headers: { Authorization: 'nope' }, validateStatus: () => true });
		expect(wrong.status).toBe(401);
		expect(sim.changes.list()).toEqual([]);
		expect(sim.subscribe.getCustomer('cust_card_0001')).toBeDefined();
	});
});

describe('billing keys', () => {
	test('GET answers the CustomerAnnotation with a masked card number; unknown is a 404', async () => {
		const { status, data } = await http.get('/subscribe/customers/cust_card_0001');
		expect(status).toBe(200);
		expect(Object.keys(data.response)).toEqual(expect.arrayContaining(CUSTOMER_KEYS));
		expect(data.response).toMatchObject({ customer_uid: 'cust_card_0001', card_name: '신한카드', card_number: '414003******5678', pg_provider: 'kcp', inserted: START - 200 * DAY });
		const missing = await http.get('/subscribe/customers/cust_nope');
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({ code: 1, message: KEY_MESSAGES.notFound('cust_nope'), response: null });
	});

	test('POST issues a key, a second POST updates it and keeps `inserted`', async () => {
		const first = await http.post('/subscribe/customers/cust_new_0001', { ...card, customer_name: '김철수' });
		expect(first.status).toBe(200);
		expect(first.data.response).toMatchObject({ customer_uid: 'cust_new_0001', card_number: '414003******0001', inserted: START, updated: START, customer_name: '김철수' });
		await advance(60);
		const second = await http.post('/subscribe/customers/cust_new_0001', { ...card, card_number: '9410-0000-0000-0002' });
		expect(second.data.response).toMatchObject({ card_name: 'BC카드', inserted: START, updated: START + 60, customer_name: '김철수' });
		expect((await http.get('/subscribe/customers/cust_new_0001')).data.response).toEqual(second.data.response);
		expect(sim.changes.count('billingKey.saved', 'cust_new_0001')).toBe(2);
	});

	test.each([
		['no channel_key', { channel_key: undefined }, '필수 파라메터(channel_key)가 누락되었습니다.'],
		['no expiry', { expiry: undefined }, '필수 파라메터(expiry)가 누락되었습니다.'],
		['a bad card number', { card_number: '1234' }, KEY_MESSAGES.badCardNumber],
		['a PG refusing the card', { channel_key: 'channel-key-pgfail' }, `${KEY_MESSAGES.cardRefused} [PG:9999] 카드 인증 거절`],
	])('POST with %s: HTTP 200, code 1, no key', async (_, fields, message) => {
		const { status, data } = await http.post('/subscribe/customers/cust_new_0002', { ...card, ...fields });
		expect(status).toBe(200);
		expect(data).toEqual({ code: 1, message, response: null });
		expect(sim.subscribe.getCustomer('cust_new_0002')).toBeUndefined();
	});

	test('DELETE removes the key once; its schedules stay and fail when their time comes', async () => {
		const { status, data } = await http.delete('/subscribe/customers/cust_card_0001?reason=%ED%95%B4%EC%A7%80&extra[requester]=admin');
		expect(status).toBe(200);
		expect(data.response.customer_uid).toBe('cust_card_0001');
		expect(sim.subscribe.deletions).toEqual([{ customer_uid: 'cust_card_0001', reason: '해지', requester: 'admin', at: START }]);
		expect((await http.get('/subscribe/customers/cust_card_0001')).status).toBe(404);
		const again = await http.delete('/subscribe/customers/cust_card_0001');
		expect(again.status).toBe(404);
		expect(sim.changes.count('billingKey.deleted', 'cust_card_0001')).toBe(1);
		expect(statusOf('sch_0001_m3')).toBe('scheduled');
		await advance(DAY + 1);
		const run = (await http.get('/subscribe/payments/schedule/sch_0001_m3')).data.response;
		expect(run).toMatchObject({ schedule_status: 'executed', payment_status: 'failed', fail_reason: MESSAGES.unknownBuyer, executed_at: START + DAY });
	});

	test('GET many: 200 all found, 207 some, 404 none, 400 none asked', async () => {
		const all = await http.get('/subscribe/customers?customer_uid[]=cust_card_0001&customer_uid[]=cust_card_0002');
		expect(all.status).toBe(200);
		expect(all.data.response.map((c) => c.customer_uid)).toEqual(['cust_card_0001', 'cust_card_0002']);
		const some = await http.get('/subscribe/customers?customer_uid[]=cust_card_0001&customer_uid[]=cust_nope');
		expect(some.status).toBe(207);
		expect(some.data.code).toBe(0);
		expect(some.data.response.map((c) => c.customer_uid)).toEqual(['cust_card_0001']);
		expect((await http.get('/subscribe/customers?customer_uid[]=cust_nope')).status).toBe(404);
		expect((await http.get('/subscribe/customers')).status).toBe(400);
	});

	test('a key of Tier T01 is seen only with that Tier', async () => {
		expect((await http.get('/subscribe/customers/cust_tier_T01_0001')).status).toBe(404);
		expect((await http.get('/subscribe/customers/cust_tier_T01_0001', { headers: { Tier: 'T01' } })).status).toBe(200);
	});

	test('a customer_uid with odd characters is one encoded segment', async () => {
		const odd = 'cust/odd?#&=1 가';
		expect((await http.post(`/subscribe/customers/${enc(odd)}`, card)).data.response.customer_uid).toBe(odd);
		expect((await http.get(`/subscribe/customers/${enc(odd)}`)).data.response.customer_uid).toBe(odd);
		expect((await http.get(`/subscribe/customers?customer_uid[]=${enc(odd)}`)).data.response[0].customer_uid).toBe(odd);
		expect((await http.delete(`/subscribe/customers/${enc(odd)}`)).status).toBe(200);
		expect(sim.changes.count('billingKey.deleted', odd)).toBe(1);
	});
});

describe('POST /subscribe/payments/schedule and GET /subscribe/payments/schedule/{merchant_uid}', () => {
	test('schedules for a known key: the list of ScheduleResultAnnotation, buyer taken from the key', async () => {
		const { status, data } = await schedule('cust_card_0002', [oneSchedule('sch_new_1'), oneSchedule('sch_new_2', START + 37 * DAY)]);
		expect(status).toBe(200);
		expect(data.response).toHaveLength(2);
		expect(data.response[0]).toMatchObject({ customer_uid: 'cust_card_0002', merchant_uid: 'sch_new_1', imp_uid: null, schedule_status: 'scheduled', payment_status: null, executed_at: 0, revoked_at: 0, currency: 'KRW', buyer_name: '홍길동' });
		const one = await http.get('/subscribe/payments/schedule/sch_new_2');
		expect(one.status).toBe(200);
		expect(one.data.response).toEqual(data.response[1]);
		expect(sim.changes.count('schedule.created')).toBe(2);
	});

	test('a form body with schedules[0][field]', async () => {
		const text = new URLSearchParams({ customer_uid: 'cust_card_0002', 'schedules[0][merchant_uid]': 'sch_form_1', 'schedules[0][schedule_at]': String(START + DAY), 'schedules[0][amount]': '1000', 'schedules[0][name]': '폼' }).toString();
		const { data } = await form('POST', '/subscribe/payments/schedule', text);
		expect(data.response.map((s) => [s.merchant_uid, s.amount])).toEqual([['sch_form_1', 1000]]);
	});

	test('a buyer without a key: refused without card fields, a key issued first with them', async () => {
		const refused = await schedule('cust_unknown', [oneSchedule('sch_u_1')]);
		expect(refused.status).toBe(200);
		expect(refused.data).toEqual({ code: 1, message: MESSAGES.unknownBuyer, response: null });
		const withCard = await schedule('cust_unknown', [oneSchedule('sch_u_1')], { card_number: card.card_number, expiry: card.expiry });
		expect(withCard.data.code).toBe(0);
		expect(sim.subscribe.getCustomer('cust_unknown')).toMatchObject({ card_number: '414003******0001' });
	});

	test.each([
		['a merchant_uid scheduled before', [oneSchedule('sch_0001_m3')], `${MESSAGES.duplicate} (sch_0001_m3)`],
		['the same merchant_uid twice', [oneSchedule('sch_d'), oneSchedule('sch_d')], `${MESSAGES.duplicate} (sch_d)`],
		['a schedule_at in the past', [oneSchedule('sch_ok'), oneSchedule('sch_past', START - 1)], `${MESSAGES.pastSchedule} (sch_past)`],
		['no name', [oneSchedule('sch_noname', START + DAY, { name: '' })], '필수 파라메터(schedules.name)가 누락되었습니다.'],
		['no schedules', [], 'schedules 파라메터가 누락되었습니다.'],
	])('%s: HTTP 200, code 1, nothing scheduled', async (_, items, message) => {
		const before = sim.subscribe.schedules().length;
		const { status, data } = await schedule('cust_card_0001', items);
		expect(status).toBe(200);
		expect(data).toEqual({ code: 1, message, response: null });
		expect(sim.subscribe.schedules()).toHaveLength(before);
	});

	test('an unknown merchant_uid is a 404; an odd one is one encoded segment', async () => {
		const missing = await http.get('/subscribe/payments/schedule/sch_nope');
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({ code: 1, message: MESSAGES.notFound, response: null });
		const odd = 'sch/odd?#&1';
		await schedule('cust_card_0002', [oneSchedule(odd)]);
		expect((await http.get(`/subscribe/payments/schedule/${enc(odd)}`)).data.response.merchant_uid).toBe(odd);
	});
});

describe('GET /subscribe/payments/schedule/customers/{customer_uid}', () => {
	const window = { from: START - 80 * DAY, to: START + 10 * DAY };

	test('a page of the customer\'s schedules in [from, to), newest first; the twin path answers the same', async () => {
		const res = await byCustomer('cust_card_0001', window);
		expect(res.status).toBe(200);
		expect(res.data.response).toMatchObject({ total: 4, previous: 0, next: 0 });
		expect(midsOf(res)).toEqual(['sch_0001_m3', 'sch_0001_m0', 'sch_0001_m2', 'sch_0001_m1']);
		const twin = await http.get('/subscribe/customers/cust_card_0001/schedules', { params: window });
		expect(twin.data).toEqual(res.data);
	});

	test('schedule-status filters; from is inclusive, to exclusive', async () => {
		expect(midsOf(await byCustomer('cust_card_0001', { ...window, 'schedule-status': 'executed' }))).toEqual(['sch_0001_m2', 'sch_0001_m1']);
		expect(midsOf(await byCustomer('cust_card_0001', { ...window, 'schedule-status': 'revoked' }))).toEqual(['sch_0001_m0']);
		const m3 = START + DAY;
		expect(midsOf(await byCustomer('cust_card_0001', { from: m3, to: m3 + 1 }))).toEqual(['sch_0001_m3']);
		expect(midsOf(await byCustomer('cust_card_0001', { from: m3 - 10, to: m3 }))).toEqual([]);
	});

	test('pages of 20 follow next to 0; a page past the end is a 400', async () => {
		const items = Array.from({ length: 25 }, (_, n) => oneSchedule(`sch_p_${String(n).padStart(2, '0')}`, START + DAY + n * 60));
		expect((await schedule('cust_nosched_0003', items)).data.code).toBe(0);
		const params = { from: START, to: START + 2 * DAY };
		const first = await byCustomer('cust_nosched_0003', params);
		expect(first.data.response).toMatchObject({ total: 25, previous: 0, next: 2 });
		expect(first.data.response.list).toHaveLength(20);
		const second = await byCustomer('cust_nosched_0003', { ...params, page: 2 });
		expect(second.data.response).toMatchObject({ total: 25, previous: 1, next: 0 });
		expect(new Set([...midsOf(first), ...midsOf(second)]).size).toBe(25);
		expect((await byCustomer('cust_nosched_0003', { ...params, page: 3 })).status).toBe(400);
	});

	test.each([
		['no from', { to: START }],
		['no to', { from: START }],
		['from after to', { from: START + 1, to: START }],
		['a window of 90 days and a second', { from: START, to: START + 90 * DAY + 1 }],
		['an unknown schedule-status', { from: START, to: START + DAY, 'schedule-status': 'failed' }],
		['page 0', { from: START, to: START + DAY, page: 0 }],
	])('%s is the documented 400', async (_, params) => {
		const { status, data } = await byCustomer('cust_card_0001', params);
		expect(status).toBe(400);
		expect(data.code).toBe(1);
	});

	test('a window of exactly 90 days is answered; an unknown customer has an empty page', async () => {
		expect((await byCustomer('cust_card_0001', { from: START - 89 * DAY, to: START + DAY })).status).toBe(200);
		const none = await byCustomer('cust_nope', window);
		expect(none.data.response).toEqual({ total: 0, previous: 0, next: 0, list: [] });
	});
});

describe('GET /subscribe/payments/schedule (window)', () => {
	const window = { schedule_from: START - 80 * DAY, schedule_to: START + 10 * DAY };

	test('every customer\'s schedules of the caller, newest first; sorting=scheduled is oldest first', async () => {
		const newest = midsOf(await byWindow(window));
		expect(newest).toEqual(['sch_0002_m2', 'sch_0001_m3', 'sch_0002_m1', 'sch_0001_m0', 'sch_0001_m2', 'sch_0001_m1']);
		expect(midsOf(await byWindow({ ...window, sorting: 'scheduled' }))).toEqual([...newest].reverse());
		expect(newest).not.toContain('sch_tier_T01_m1');
		const t01 = await http.get('/subscribe/payments/schedule', { params: window, headers: { Tier: 'T01' } });
		expect(midsOf(t01)).toEqual(['sch_tier_T01_m1']);
	});

	test('schedule_status filters; limit pages; limit 1000 is the documented maximum', async () => {
		expect(midsOf(await byWindow({ ...window, schedule_status: 'scheduled' }))).toEqual(['sch_0002_m2', 'sch_0001_m3']);
		const two = await byWindow({ ...window, limit: 2, page: 2 });
		expect(two.data.response).toMatchObject({ total: 6, previous: 1, next: 3 });
		expect(midsOf(two)).toEqual(['sch_0002_m1', 'sch_0001_m0']);
		expect((await byWindow({ ...window, limit: 1000 })).status).toBe(200);
		expect((await byWindow({ ...window, limit: 1001 })).status).toBe(400);
		expect((await byWindow({ ...window, limit: 0 })).status).toBe(400);
	});

	test.each([
		['no schedule_from', { schedule_to: START }],
		['no schedule_to', { schedule_from: START }],
		['over 90 days', { schedule_from: START - 91 * DAY, schedule_to: START }],
		['a bad schedule_status', { schedule_from: START, schedule_to: START + DAY, schedule_status: 'paid' }],
		['a bad sorting', { schedule_from: START, schedule_to: START + DAY, sorting: 'amount' }],
		['a time that is no integer', { schedule_from: 'yesterday', schedule_to: START }],
	])('%s is a 400', async (_, params) => {
		expect((await byWindow(params)).status).toBe(400);
	});
});

describe('POST /subscribe/payments/unschedule', () => {
	test('customer_uid alone revokes every scheduled one of the customer and answers them', async () => {
		const { status, data } = await unschedule({ customer_uid: 'cust_card_0001' });
		expect(status).toBe(200);
		expect(data.response.map((s) => [s.merchant_uid, s.schedule_status, s.revoked_at])).toEqual([
			['sch_0001_m3', 'revoked', START],
			['sch_0001_m4', 'revoked', START],
		]);
		expect(statusOf('sch_0001_m1')).toBe('executed');
		expect(statusOf('sch_0002_m2')).toBe('scheduled');
		const shown = await byCustomer('cust_card_0001', { from: START, to: START + 40 * DAY, 'schedule-status': 'revoked' });
		expect(midsOf(shown)).toEqual(['sch_0001_m4', 'sch_0001_m3']);
	});

	test('nothing left to revoke: HTTP 200, code 1, and nothing counted twice', async () => {
		await unschedule({ customer_uid: 'cust_card_0001' });
		const again = await unschedule({ customer_uid: 'cust_card_0001' });
		expect(again.status).toBe(200);
		expect(again.data).toEqual({ code: 1, message: MESSAGES.nothingToRevoke, response: null });
		expect(sim.changes.count('schedule.revoked', 'sch_0001_m3')).toBe(1);
		expect(sim.changes.count('schedule.revoked')).toBe(2);
	});

	test('merchant_uid (one or a list) revokes only those; executed and revoked ones are refused', async () => {
		const one = await unschedule({ customer_uid: 'cust_card_0001', merchant_uid: 'sch_0001_m3' });
		expect(one.data.response.map((s) => s.merchant_uid)).toEqual(['sch_0001_m3']);
		expect(statusOf('sch_0001_m4')).toBe('scheduled');
		for (const done of ['sch_0001_m1', 'sch_0001_m0', 'sch_0001_m3']) {
			const refused = await unschedule({ customer_uid: 'cust_card_0001', merchant_uid: [done] });
			expect(refused.data).toEqual({ code: 1, message: MESSAGES.nothingToRevoke, response: null });
		}
		expect(statusOf('sch_0001_m1')).toBe('executed');
		const mixed = await unschedule({ customer_uid: 'cust_card_0001', merchant_uid: ['sch_0001_m1', 'sch_0001_m4'] });
		expect(mixed.data.response.map((s) => s.merchant_uid)).toEqual(['sch_0001_m4']);
	});

	test('a form body with merchant_uid[]; merchant_uid without customer_uid; another customer\'s is left alone', async () => {
		const text = 'customer_uid=cust_card_0001&merchant_uid%5B%5D=sch_0001_m3&merchant_uid%5B%5D=sch_0001_m4';
		const formed = await form('POST', '/subscribe/payments/unschedule', text);
		expect(formed.data.response.map((s) => s.merchant_uid)).toEqual(['sch_0001_m3', 'sch_0001_m4']);
		expect((await unschedule({ customer_uid: 'cust_card_0001', merchant_uid: ['sch_0002_m2'] })).data.code).toBe(1);
		expect((await unschedule({ merchant_uid: ['sch_0002_m2'] })).data.response[0].merchant_uid).toBe('sch_0002_m2');
		expect((await unschedule({})).data).toEqual({ code: 1, message: 'customer_uid 또는 merchant_uid 파라메터가 필요합니다.', response: null });
	});

	test('a schedule whose time passed has run and can no longer be revoked', async () => {
		await advance(DAY);
		const run = (await http.get('/subscribe/payments/schedule/sch_0001_m3')).data.response;
		expect(run).toMatchObject({ schedule_status: 'executed', payment_status: 'paid', executed_at: START + DAY });
		expect(run.imp_uid).toMatch(/^imp_sch_/);
		const refused = await unschedule({ customer_uid: 'cust_card_0001', merchant_uid: 'sch_0001_m3' });
		expect(refused.data.code).toBe(1);
		expect(sim.changes.count('schedule.executed', 'sch_0001_m3')).toBe(1);
	});

	test('revoked, then the connection dropped: the retry is refused and each was revoked once', async () => {
		sim.faults.add({ method: 'POST', path: '/subscribe/payments/unschedule', action: 'applyThenReset' });
		await expect(http.post('/subscribe/payments/unschedule', { customer_uid: 'cust_card_0002' })).rejects.toThrow();
		const retry = await unschedule({ customer_uid: 'cust_card_0002' });
		expect(retry.data.code).toBe(1);
		expect(sim.changes.list('schedule.revoked').map((c) => c.id)).toEqual(['sch_0002_m2']);
	});
});

describe('paths and methods', () => {
	test('calls the simulator does not simulate are 404; a wrong method is 405', async () => {
		expect((await http.post('/subscribe/payments/again', {})).status).toBe(404);
		expect((await http.get('/subscribe/customers/cust_card_0001/payments')).status).toBe(404);
		expect((await http.put('/subscribe/customers/cust_card_0001', card)).status).toBe(405);
		expect((await http.get('/subscribe/payments/unschedule')).status).toBe(405);
	});
});
