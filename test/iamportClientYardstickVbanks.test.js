'use strict';
/**
 * Yardstick: i'mport's own Node client, iamport-rest-client-nodejs 0.9.12 (github.com/iamport/rest-client-nodejs),
 * runs its Vbanks, Subscribe and Customers requests and a Payments look-up against the simulator and must
 * get what it expects from api.iamport.kr: successful answers parsed by its response classes, refusals
 * surfaced the way it surfaces them.
 *
 * Pointing it at the simulator needs no patching: `new Iamport({ apiKey, apiSecret, baseUrl })` takes a
 * base URL (its axios instance and its getToken call both use it). The client checks token expiry
 * against the real clock, so the simulator starts at the real time and one token serves every call.
 *
 * How the client surfaces a failure (RequestBase.request in the client):
 *   HTTP 2xx with code != 0  -> rejects with a plain { response: { data: { code, message } } } (no status)
 *   HTTP 4xx/5xx             -> rejects with axios 0.19's error: error.response.status and .data
 * It puts ids into paths as given (`/vbanks/${imp_uid}`): a caller must encode odd ids itself.
 *
 * This file: the one token, and Vbanks. Customers and Subscribe: iamportClientYardstickSubscribe.test.js.
 */
const { Request } = require('iamport-rest-client-nodejs');
const { MESSAGES: VBANK } = require('./simulator/vbanks');
const { iamportClientPerTest, at, DAY } = require('./helpers/iamportClient');

const { Vbanks, Customers, Payments } = Request;

const world = iamportClientPerTest();
const { settle } = world;

describe('the client talks to the simulator only, with one token', () => {
	test('every request carries its User-Agent and Bearer token; the token is asked for once', async () => {
		await settle(Payments.getByImpUid({ imp_uid: 'imp_pay_card_0001' }));
		await settle(Customers.getBillingKey({ customer_uid: 'cust_card_0001' }));
		expect(world.iamport.baseUrl).toBe(world.sim.baseUrl);
		expect(world.sim.tokenRequests()).toHaveLength(1);
		const calls = world.sim.log.filter((e) => e.rawPath !== '/users/getToken');
		expect(calls.map((e) => e.headers['user-agent'])).toEqual([
			'iamport-rest-client-nodejs/v0.9.12',
			'iamport-rest-client-nodejs/v0.9.12',
		]);
		expect(
			calls.every((e) => e.headers.authorization.startsWith('Bearer ') && e.status === 200),
		).toBe(true);
	});
});

describe('Vbanks', () => {
	test('post, put, delete: issued, due date moved, closed; Payments.getByImpUid agrees', async () => {
		const due = world.start + 3 * DAY;
		const issued = await settle(
			Vbanks.post({
				channel_key: 'channel-key-settle',
				merchant_uid: 'order_client_vbank_1',
				amount: 12000,
				vbank_code: '004',
				vbank_due: due,
				vbank_holder: '예시상점',
				name: '주문',
			}),
		);
		expect(issued.data.code).toBe(0);
		expect(issued.data.response).toMatchObject({
			merchant_uid: 'order_client_vbank_1',
			pay_method: 'vbank',
			status: 'ready',
			amount: 12000,
			vbank_date: at(due),
			vbank_issued_at: at(world.start),
		});
		const impUid = issued.data.response.imp_uid;

		const moved = await settle(Vbanks.put({ imp_uid: impUid, vbank_due: due + DAY }));
		expect(moved.data.response).toMatchObject({
			imp_uid: impUid,
			status: 'ready',
			vbank_date: at(due + DAY),
		});

		const closed = await settle(Vbanks.delete({ imp_uid: impUid }));
		expect(closed.data.response).toMatchObject({
			imp_uid: impUid,
			status: 'cancelled',
			cancelled_at: at(world.start),
			paid_at: 0,
		});

		const looked = await settle(Payments.getByImpUid({ imp_uid: impUid }));
		expect(looked.data.response).toMatchObject({
			status: 'cancelled',
			vbank_date: at(due + DAY),
			vbank_num: issued.data.response.vbank_num,
		});
		expect(world.sim.changes.list().map((c) => c.kind)).toEqual([
			'vbank.issued',
			'vbank.modified',
			'vbank.revoked',
		]);
	});

	test('refusals: the documented 400 and 404 arrive as axios errors with the envelope', async () => {
		const paid = await settle(Vbanks.delete({ imp_uid: 'imp_pay_vbank_0001' }));
		expect(paid.failure.response.status).toBe(400);
		expect(paid.failure.response.data).toEqual({
			code: 1,
			message: `${VBANK.notReady} (현재 상태: paid)`,
			response: null,
		});
		const unknown = await settle(Vbanks.put({ imp_uid: 'imp_nope', vbank_due: world.start + DAY }));
		expect(unknown.failure.response.status).toBe(404);
		expect(unknown.failure.response.data.code).toBe(-1);
		const past = await settle(
			Vbanks.put({ imp_uid: 'imp_vbank_settle_0001', vbank_due: world.start - 1 }),
		);
		expect(past.failure.response.data.message).toBe(VBANK.pastDue);
		// getHolder's /vbanks/holder is not in the spec the simulator follows
		expect(
			(await settle(Vbanks.getHolder({ bank_code: '004', bank_num: '1' }))).failure.response.status,
		).toBe(404);
		expect(world.sim.changes.list()).toEqual([]);
	});

	test('a refusal on HTTP 200 (POST /vbanks) is rejected as { response: { data } } without a status', async () => {
		const refused = await settle(
			Vbanks.post({
				channel_key: 'channel-key-kcp',
				merchant_uid: 'o',
				amount: 1000,
				vbank_code: '004',
				vbank_due: world.start + DAY,
				vbank_holder: 'x',
			}),
		);
		expect(refused.failure).toEqual({
			response: { data: { code: 1, message: `${VBANK.createUnsupported} (kcp)`, response: null } },
		});
	});

	test('the client does not encode ids: an encoded one is one segment, a raw "/" is another path', async () => {
		world.sim.payments.add({ imp_uid: 'imp/vb_1', pay_method: 'vbank', status: 'ready' });
		const raw = await settle(Vbanks.delete({ imp_uid: 'imp/vb_1' }));
		expect(raw.failure.response.status).toBe(404);
		expect(raw.failure.response.data.message).toBe('요청하신 API를 찾을 수 없습니다.');
		const encoded = await settle(Vbanks.delete({ imp_uid: encodeURIComponent('imp/vb_1') }));
		expect(encoded.data.response).toMatchObject({ imp_uid: 'imp/vb_1', status: 'cancelled' });
		expect(world.sim.changes.count('vbank.revoked', 'imp/vb_1')).toBe(1);
	});
});
