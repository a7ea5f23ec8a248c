'use strict';
/**
 * The simulator's /subscribe family over plain HTTP (no node): billing keys (get, issue, delete,
 * get many), scheduling and the single schedule look-up, and the change counter. The schedule
 * look-ups by customer and window and unschedule: simulatorSchedules.test.js.
 */
const axios = require('axios');
const { rawSimulatorPerTest } = require('./helpers/rawSimulator');
const { MESSAGES: KEY_MESSAGES } = require('./simulator/subscribe');
const { MESSAGES } = require('./simulator/schedules');

const START = 1_790_000_000;
const DAY = 24 * 60 * 60;
const CUSTOMER_KEYS = [
	'customer_uid',
	'pg_provider',
	'pg_id',
	'card_name',
	'inserted',
	'updated',
	'sandbox',
];

const world = rawSimulatorPerTest(START);
let sim;
let http;
beforeEach(() => {
	({ sim, http } = world);
});
const advance = (seconds) => world.advance(seconds);

const enc = encodeURIComponent;
const form = (method, url, text) =>
	http.request({
		method,
		url,
		data: text,
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	});
const card = {
	channel_key: 'channel-key-kcp',
	card_number: '4140-0300-9999-0001',
	expiry: '2030-12',
	birth: '900101',
};
const oneSchedule = (merchant_uid, at = START + 7 * DAY, extra = {}) => ({
	merchant_uid,
	schedule_at: at,
	amount: 9900,
	name: '월 정기구독',
	...extra,
});
const schedule = (customer_uid, schedules, extra = {}) =>
	http.post('/subscribe/payments/schedule', { customer_uid, schedules, ...extra });
const unschedule = (body) => http.post('/subscribe/payments/unschedule', body);
const statusOf = (mid) => sim.subscribe.getSchedule(mid).schedule_status;

describe('authentication', () => {
	test.each([
		['GET', '/subscribe/customers/cust_card_0001'],
		['DELETE', '/subscribe/customers/cust_card_0001'],
		['GET', '/subscribe/customers?customer_uid[]=cust_card_0001'],
		['POST', '/subscribe/customers/cust_new_0001'],
		['GET', '/subscribe/payments/schedule/sch_0001_m3'],
		['GET', '/subscribe/payments/schedule?schedule_from=0&schedule_to=1'],
		['GET', '/subscribe/payments/schedule/customers/cust_card_0001?from=0&to=1'],
		['GET', '/subscribe/customers/cust_card_0001/schedules?from=0&to=1'],
		['POST', '/subscribe/payments/schedule'],
		['POST', '/subscribe/payments/unschedule'],
	])('%s %s needs a valid token and changes nothing without one', async (method, url) => {
		const bare = await axios.request({
			method,
			url: `${sim.baseUrl}${url}`,
			data: { customer_uid: 'cust_card_0001' },
			validateStatus: () => true,
		});
		expect(bare.status).toBe(401);
		expect(bare.data.code).toBe(-1);
		const wrong = await axios.request({
			method,
			url: `${sim.baseUrl}${url}`,
			headers: { Authorization: 'nope' },
			validateStatus: () => true,
		});
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
		expect(data.response).toMatchObject({
			customer_uid: 'cust_card_0001',
			card_name: '신한카드',
			card_number: '414003******5678',
			pg_provider: 'kcp',
			inserted: START - 200 * DAY,
		});
		const missing = await http.get('/subscribe/customers/cust_nope');
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({
			code: 1,
			message: KEY_MESSAGES.notFound('cust_nope'),
			response: null,
		});
	});

	test('POST issues a key, a second POST updates it and keeps `inserted`', async () => {
		const first = await http.post('/subscribe/customers/cust_new_0001', {
			...card,
			customer_name: '김철수',
		});
		expect(first.status).toBe(200);
		expect(first.data.response).toMatchObject({
			customer_uid: 'cust_new_0001',
			card_number: '414003******0001',
			inserted: START,
			updated: START,
			customer_name: '김철수',
		});
		await advance(60);
		const second = await http.post('/subscribe/customers/cust_new_0001', {
			...card,
			card_number: '9410-0000-0000-0002',
		});
		expect(second.data.response).toMatchObject({
			card_name: 'BC카드',
			inserted: START,
			updated: START + 60,
			customer_name: '김철수',
		});
		expect((await http.get('/subscribe/customers/cust_new_0001')).data.response).toEqual(
			second.data.response,
		);
		expect(sim.changes.count('billingKey.saved', 'cust_new_0001')).toBe(2);
	});

	test.each([
		['no channel_key', { channel_key: undefined }, '필수 파라메터(channel_key)가 누락되었습니다.'],
		['no expiry', { expiry: undefined }, '필수 파라메터(expiry)가 누락되었습니다.'],
		['a bad card number', { card_number: '1234' }, KEY_MESSAGES.badCardNumber],
		[
			'a PG refusing the card',
			{ channel_key: 'channel-key-pgfail' },
			`${KEY_MESSAGES.cardRefused} [PG:9999] 카드 인증 거절`,
		],
	])('POST with %s: HTTP 200, code 1, no key', async (_, fields, message) => {
		const { status, data } = await http.post('/subscribe/customers/cust_new_0002', {
			...card,
			...fields,
		});
		expect(status).toBe(200);
		expect(data).toEqual({ code: 1, message, response: null });
		expect(sim.subscribe.getCustomer('cust_new_0002')).toBeUndefined();
	});

	test('DELETE removes the key once; its schedules stay and fail when their time comes', async () => {
		const { status, data } = await http.delete(
			'/subscribe/customers/cust_card_0001?reason=%ED%95%B4%EC%A7%80&extra[requester]=admin',
		);
		expect(status).toBe(200);
		expect(data.response.customer_uid).toBe('cust_card_0001');
		expect(sim.subscribe.deletions).toEqual([
			{ customer_uid: 'cust_card_0001', reason: '해지', requester: 'admin', at: START },
		]);
		expect((await http.get('/subscribe/customers/cust_card_0001')).status).toBe(404);
		const again = await http.delete('/subscribe/customers/cust_card_0001');
		expect(again.status).toBe(404);
		expect(sim.changes.count('billingKey.deleted', 'cust_card_0001')).toBe(1);
		expect(statusOf('sch_0001_m3')).toBe('scheduled');
		await advance(DAY + 1);
		const run = (await http.get('/subscribe/payments/schedule/sch_0001_m3')).data.response;
		expect(run).toMatchObject({
			schedule_status: 'executed',
			payment_status: 'failed',
			fail_reason: MESSAGES.unknownBuyer,
			executed_at: START + DAY,
		});
	});

	test('GET many: 200 all found, 207 some, 404 none, 400 none asked', async () => {
		const all = await http.get(
			'/subscribe/customers?customer_uid[]=cust_card_0001&customer_uid[]=cust_card_0002',
		);
		expect(all.status).toBe(200);
		expect(all.data.response.map((c) => c.customer_uid)).toEqual([
			'cust_card_0001',
			'cust_card_0002',
		]);
		const some = await http.get(
			'/subscribe/customers?customer_uid[]=cust_card_0001&customer_uid[]=cust_nope',
		);
		expect(some.status).toBe(207);
		expect(some.data.code).toBe(0);
		expect(some.data.response.map((c) => c.customer_uid)).toEqual(['cust_card_0001']);
		expect((await http.get('/subscribe/customers?customer_uid[]=cust_nope')).status).toBe(404);
		expect((await http.get('/subscribe/customers')).status).toBe(400);
	});

	test('a key of Tier T01 is seen only with that Tier', async () => {
		expect((await http.get('/subscribe/customers/cust_tier_T01_0001')).status).toBe(404);
		expect(
			(await http.get('/subscribe/customers/cust_tier_T01_0001', { headers: { Tier: 'T01' } }))
				.status,
		).toBe(200);
	});

	test('a customer_uid with odd characters is one encoded segment', async () => {
		const odd = 'cust/odd?#&=1 가';
		expect(
			(await http.post(`/subscribe/customers/${enc(odd)}`, card)).data.response.customer_uid,
		).toBe(odd);
		expect((await http.get(`/subscribe/customers/${enc(odd)}`)).data.response.customer_uid).toBe(
			odd,
		);
		expect(
			(await http.get(`/subscribe/customers?customer_uid[]=${enc(odd)}`)).data.response[0]
				.customer_uid,
		).toBe(odd);
		expect((await http.delete(`/subscribe/customers/${enc(odd)}`)).status).toBe(200);
		expect(sim.changes.count('billingKey.deleted', odd)).toBe(1);
	});
});

describe('POST /subscribe/payments/schedule and GET /subscribe/payments/schedule/{merchant_uid}', () => {
	test('schedules for a known key: the list of ScheduleResultAnnotation, buyer taken from the key', async () => {
		const { status, data } = await schedule('cust_card_0002', [
			oneSchedule('sch_new_1'),
			oneSchedule('sch_new_2', START + 37 * DAY),
		]);
		expect(status).toBe(200);
		expect(data.response).toHaveLength(2);
		expect(data.response[0]).toMatchObject({
			customer_uid: 'cust_card_0002',
			merchant_uid: 'sch_new_1',
			imp_uid: null,
			schedule_status: 'scheduled',
			payment_status: null,
			executed_at: 0,
			revoked_at: 0,
			currency: 'KRW',
			buyer_name: '홍길동',
		});
		const one = await http.get('/subscribe/payments/schedule/sch_new_2');
		expect(one.status).toBe(200);
		expect(one.data.response).toEqual(data.response[1]);
		expect(sim.changes.count('schedule.created')).toBe(2);
	});

	test('a form body with schedules[0][field]', async () => {
		const text = new URLSearchParams({
			customer_uid: 'cust_card_0002',
			'schedules[0][merchant_uid]': 'sch_form_1',
			'schedules[0][schedule_at]': String(START + DAY),
			'schedules[0][amount]': '1000',
			'schedules[0][name]': '폼',
		}).toString();
		const { data } = await form('POST', '/subscribe/payments/schedule', text);
		expect(data.response.map((s) => [s.merchant_uid, s.amount])).toEqual([['sch_form_1', 1000]]);
	});

	test('a buyer without a key: refused without card fields, a key issued first with them', async () => {
		const refused = await schedule('cust_unknown', [oneSchedule('sch_u_1')]);
		expect(refused.status).toBe(200);
		expect(refused.data).toEqual({ code: 1, message: MESSAGES.unknownBuyer, response: null });
		const withCard = await schedule('cust_unknown', [oneSchedule('sch_u_1')], {
			card_number: card.card_number,
			expiry: card.expiry,
		});
		expect(withCard.data.code).toBe(0);
		expect(sim.subscribe.getCustomer('cust_unknown')).toMatchObject({
			card_number: '414003******0001',
		});
	});

	test.each([
		[
			'a merchant_uid scheduled before',
			[oneSchedule('sch_0001_m3')],
			`${MESSAGES.duplicate} (sch_0001_m3)`,
		],
		[
			'the same merchant_uid twice',
			[oneSchedule('sch_d'), oneSchedule('sch_d')],
			`${MESSAGES.duplicate} (sch_d)`,
		],
		[
			'a schedule_at in the past',
			[oneSchedule('sch_ok'), oneSchedule('sch_past', START - 1)],
			`${MESSAGES.pastSchedule} (sch_past)`,
		],
		[
			'no name',
			[oneSchedule('sch_noname', START + DAY, { name: '' })],
			'필수 파라메터(schedules.name)가 누락되었습니다.',
		],
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
		expect(
			(await http.get(`/subscribe/payments/schedule/${enc(odd)}`)).data.response.merchant_uid,
		).toBe(odd);
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
