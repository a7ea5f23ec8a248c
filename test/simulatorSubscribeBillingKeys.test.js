'use strict';
/**
 * The simulator's /subscribe family over plain HTTP (no node): authentication, and billing keys
 * (get, issue, delete, get many) with the change counter. Scheduling and the single schedule
 * look-up: simulatorSubscribeSchedule.test.js; look-ups by customer and window and unschedule:
 * simulatorSchedules.test.js.
 */
const axios = require('axios');
const { rawSimulatorPerTest } = require('./helpers/rawSimulator');
const { START, DAY, CUSTOMER_KEYS, enc, card, subscribeCalls } = require('./helpers/rawSubscribe');
const { MESSAGES: KEY_MESSAGES } = require('./simulator/subscribe');
const { MESSAGES } = require('./simulator/schedules');

const world = rawSimulatorPerTest(START);
const { advance } = world;
const { schedule, unschedule, statusOf } = subscribeCalls(world);

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
			url: `${world.sim.baseUrl}${url}`,
			data: { customer_uid: 'cust_card_0001' },
			validateStatus: () => true,
		});
		expect(bare.status).toBe(401);
		expect(bare.data.code).toBe(-1);
		const wrong = await axios.request({
			method,
			url: `${world.sim.baseUrl}${url}`,
			headers: { Authorization: 'nope' },
			validateStatus: () => true,
		});
		expect(wrong.status).toBe(401);
		expect(world.sim.changes.list()).toEqual([]);
		expect(world.sim.subscribe.getCustomer('cust_card_0001')).toBeDefined();
	});
});

describe('billing keys', () => {
	test('GET answers the CustomerAnnotation with a masked card number; unknown is a 404', async () => {
		const { status, data } = await world.http.get('/subscribe/customers/cust_card_0001');
		expect(status).toBe(200);
		expect(Object.keys(data.response)).toEqual(expect.arrayContaining(CUSTOMER_KEYS));
		expect(data.response).toMatchObject({
			customer_uid: 'cust_card_0001',
			card_name: '신한카드',
			card_number: '414003******5678',
			pg_provider: 'kcp',
			inserted: START - 200 * DAY,
		});
		const missing = await world.http.get('/subscribe/customers/cust_nope');
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({
			code: 1,
			message: KEY_MESSAGES.notFound('cust_nope'),
			response: null,
		});
	});

	test('POST issues a key, a second POST updates it and keeps `inserted`', async () => {
		const first = await world.http.post('/subscribe/customers/cust_new_0001', {
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
		const second = await world.http.post('/subscribe/customers/cust_new_0001', {
			...card,
			card_number: '9410-0000-0000-0002',
		});
		expect(second.data.response).toMatchObject({
			card_name: 'BC카드',
			inserted: START,
			updated: START + 60,
			customer_name: '김철수',
		});
		expect((await world.http.get('/subscribe/customers/cust_new_0001')).data.response).toEqual(
			second.data.response,
		);
		expect(world.sim.changes.count('billingKey.saved', 'cust_new_0001')).toBe(2);
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
		const { status, data } = await world.http.post('/subscribe/customers/cust_new_0002', {
			...card,
			...fields,
		});
		expect(status).toBe(200);
		expect(data).toEqual({ code: 1, message, response: null });
		expect(world.sim.subscribe.getCustomer('cust_new_0002')).toBeUndefined();
	});

	test('DELETE removes the key once; its schedules stay and fail when their time comes', async () => {
		const { status, data } = await world.http.delete(
			'/subscribe/customers/cust_card_0001?reason=%ED%95%B4%EC%A7%80&extra[requester]=admin',
		);
		expect(status).toBe(200);
		expect(data.response.customer_uid).toBe('cust_card_0001');
		expect(world.sim.subscribe.deletions).toEqual([
			{ customer_uid: 'cust_card_0001', reason: '해지', requester: 'admin', at: START },
		]);
		expect((await world.http.get('/subscribe/customers/cust_card_0001')).status).toBe(404);
		const again = await world.http.delete('/subscribe/customers/cust_card_0001');
		expect(again.status).toBe(404);
		expect(world.sim.changes.count('billingKey.deleted', 'cust_card_0001')).toBe(1);
		expect(statusOf('sch_0001_m3')).toBe('scheduled');
		await advance(DAY + 1);
		const run = (await world.http.get('/subscribe/payments/schedule/sch_0001_m3')).data.response;
		expect(run).toMatchObject({
			schedule_status: 'executed',
			payment_status: 'failed',
			fail_reason: MESSAGES.unknownBuyer,
			executed_at: START + DAY,
		});
	});

	test('GET many: 200 all found, 207 some, 404 none, 400 none asked', async () => {
		const all = await world.http.get(
			'/subscribe/customers?customer_uid[]=cust_card_0001&customer_uid[]=cust_card_0002',
		);
		expect(all.status).toBe(200);
		expect(all.data.response.map((c) => c.customer_uid)).toEqual([
			'cust_card_0001',
			'cust_card_0002',
		]);
		const some = await world.http.get(
			'/subscribe/customers?customer_uid[]=cust_card_0001&customer_uid[]=cust_nope',
		);
		expect(some.status).toBe(207);
		expect(some.data.code).toBe(0);
		expect(some.data.response.map((c) => c.customer_uid)).toEqual(['cust_card_0001']);
		expect((await world.http.get('/subscribe/customers?customer_uid[]=cust_nope')).status).toBe(
			404,
		);
		expect((await world.http.get('/subscribe/customers')).status).toBe(400);
	});

	test('a key of Tier T01 is seen only with that Tier', async () => {
		expect((await world.http.get('/subscribe/customers/cust_tier_T01_0001')).status).toBe(404);
		expect(
			(
				await world.http.get('/subscribe/customers/cust_tier_T01_0001', {
					headers: { Tier: 'T01' },
				})
			).status,
		).toBe(200);
	});

	test('a customer_uid with odd characters is one encoded segment', async () => {
		const odd = 'cust/odd?#&=1 가';
		expect(
			(await world.http.post(`/subscribe/customers/${enc(odd)}`, card)).data.response.customer_uid,
		).toBe(odd);
		expect(
			(await world.http.get(`/subscribe/customers/${enc(odd)}`)).data.response.customer_uid,
		).toBe(odd);
		expect(
			(await world.http.get(`/subscribe/customers?customer_uid[]=${enc(odd)}`)).data.response[0]
				.customer_uid,
		).toBe(odd);
		expect((await world.http.delete(`/subscribe/customers/${enc(odd)}`)).status).toBe(200);
		expect(world.sim.changes.count('billingKey.deleted', odd)).toBe(1);
	});
});
