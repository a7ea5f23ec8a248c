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
 */
const { Iamport, Request } = require('iamport-rest-client-nodejs');
const { createSimulator } = require('./simulator/server');
const { MESSAGES: VBANK } = require('./simulator/vbanks');
const { MESSAGES: SCHEDULE } = require('./simulator/schedules');
const { MESSAGES: KEY } = require('./simulator/subscribe');

const { Vbanks, Subscribe, Customers, Payments } = Request;
const DAY = 24 * 60 * 60;

let sim;
let iamport;
let start;

beforeEach(async () => {
	start = Math.floor(Date.now() / 1000);
	sim = createSimulator({ startAt: start });
	const baseUrl = await sim.start();
	iamport = new Iamport({
		apiKey: 'test_imp_key',
		apiSecret: 'test_imp_secret_DO_NOT_LEAK',
		baseUrl,
	});
});
afterEach(async () => {
	await sim.stop();
});

/** The client's promise settled: { data } on success, { failure } with what it rejected with. */
const settle = (request) =>
	request.request(iamport).then(
		(res) => ({ data: res.data }),
		(failure) => ({ failure }),
	);
const at = (seconds) => new Date(seconds * 1000);

describe('the client talks to the simulator only, with one token', () => {
	test('every request carries its User-Agent and Bearer token; the token is asked for once', async () => {
		await settle(Payments.getByImpUid({ imp_uid: 'imp_pay_card_0001' }));
		await settle(Customers.getBillingKey({ customer_uid: 'cust_card_0001' }));
		expect(iamport.baseUrl).toBe(sim.baseUrl);
		expect(sim.tokenRequests()).toHaveLength(1);
		const calls = sim.log.filter((e) => e.rawPath !== '/users/getToken');
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
		const due = start + 3 * DAY;
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
			vbank_issued_at: at(start),
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
			cancelled_at: at(start),
			paid_at: 0,
		});

		const looked = await settle(Payments.getByImpUid({ imp_uid: impUid }));
		expect(looked.data.response).toMatchObject({
			status: 'cancelled',
			vbank_date: at(due + DAY),
			vbank_num: issued.data.response.vbank_num,
		});
		expect(sim.changes.list().map((c) => c.kind)).toEqual([
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
		const unknown = await settle(Vbanks.put({ imp_uid: 'imp_nope', vbank_due: start + DAY }));
		expect(unknown.failure.response.status).toBe(404);
		expect(unknown.failure.response.data.code).toBe(-1);
		const past = await settle(
			Vbanks.put({ imp_uid: 'imp_vbank_settle_0001', vbank_due: start - 1 }),
		);
		expect(past.failure.response.data.message).toBe(VBANK.pastDue);
		// getHolder's /vbanks/holder is not in the spec the simulator follows
		expect(
			(await settle(Vbanks.getHolder({ bank_code: '004', bank_num: '1' }))).failure.response.status,
		).toBe(404);
		expect(sim.changes.list()).toEqual([]);
	});

	test('a refusal on HTTP 200 (POST /vbanks) is rejected as { response: { data } } without a status', async () => {
		const refused = await settle(
			Vbanks.post({
				channel_key: 'channel-key-kcp',
				merchant_uid: 'o',
				amount: 1000,
				vbank_code: '004',
				vbank_due: start + DAY,
				vbank_holder: 'x',
			}),
		);
		expect(refused.failure).toEqual({
			response: { data: { code: 1, message: `${VBANK.createUnsupported} (kcp)`, response: null } },
		});
	});

	test('the client does not encode ids: an encoded one is one segment, a raw "/" is another path', async () => {
		sim.payments.add({ imp_uid: 'imp/vb_1', pay_method: 'vbank', status: 'ready' });
		const raw = await settle(Vbanks.delete({ imp_uid: 'imp/vb_1' }));
		expect(raw.failure.response.status).toBe(404);
		expect(raw.failure.response.data.message).toBe('요청하신 API를 찾을 수 없습니다.');
		const encoded = await settle(Vbanks.delete({ imp_uid: encodeURIComponent('imp/vb_1') }));
		expect(encoded.data.response).toMatchObject({ imp_uid: 'imp/vb_1', status: 'cancelled' });
		expect(sim.changes.count('vbank.revoked', 'imp/vb_1')).toBe(1);
	});
});

describe('Customers (billing keys)', () => {
	test('postBillingKey, getBillingKey, getBillingKeys, deleteBillingKey', async () => {
		const posted = await settle(
			Customers.postBillingKey({
				customer_uid: 'cust_client_1',
				channel_key: 'channel-key-kcp',
				card_number: '5365-1000-2000-3001',
				expiry: '2031-01',
				birth: '900101',
				customer_name: '김철수',
			}),
		);
		expect(posted.data.response).toMatchObject({
			customer_uid: 'cust_client_1',
			card_name: 'KB국민카드',
			card_number: '536510******3001',
			inserted: at(start),
			customer_name: '김철수',
		});
		const got = await settle(Customers.getBillingKey({ customer_uid: 'cust_client_1' }));
		expect(got.data.response).toMatchObject({ customer_uid: 'cust_client_1', card_code: '381' });
		const many = await settle(
			Customers.getBillingKeys({ customer_uid: ['cust_client_1', 'cust_card_0002'] }),
		);
		expect(many.data.response.map((c) => c.customer_uid)).toEqual([
			'cust_client_1',
			'cust_card_0002',
		]);
		const deleted = await settle(Customers.deleteBillingKey({ customer_uid: 'cust_client_1' }));
		expect(deleted.data.response.customer_uid).toBe('cust_client_1');
		expect(sim.changes.count('billingKey.deleted', 'cust_client_1')).toBe(1);
	});

	test('an unknown or deleted key is a 404 axios error; a key without channel_key is refused on HTTP 200', async () => {
		await settle(Customers.deleteBillingKey({ customer_uid: 'cust_nosched_0003' }));
		const gone = await settle(Customers.getBillingKey({ customer_uid: 'cust_nosched_0003' }));
		expect(gone.failure.response.status).toBe(404);
		expect(gone.failure.response.data.message).toBe(KEY.notFound('cust_nosched_0003'));
		const again = await settle(Customers.deleteBillingKey({ customer_uid: 'cust_nosched_0003' }));
		expect(again.failure.response.status).toBe(404);
		expect(sim.changes.count('billingKey.deleted')).toBe(1);
		const noChannel = await settle(
			Customers.postBillingKey({
				customer_uid: 'cust_client_2',
				card_number: '5365-1000-2000-3001',
				expiry: '2031-01',
				birth: '900101',
			}),
		);
		expect(noChannel.failure.response.data).toEqual({
			code: 1,
			message: '필수 파라메터(channel_key)가 누락되었습니다.',
			response: null,
		});
	});
});

describe('Subscribe (schedules)', () => {
	test('schedule, getScheduled, getScheduleds (and the Customers twin), unschedule', async () => {
		const scheduled = await settle(
			Subscribe.schedule({
				customer_uid: 'cust_card_0002',
				schedules: [
					{
						merchant_uid: 'sch_client_1',
						schedule_at: start + 7 * DAY,
						amount: 9900,
						name: '월 정기구독',
					},
					{
						merchant_uid: 'sch_client_2',
						schedule_at: start + 37 * DAY,
						amount: 9900,
						name: '월 정기구독',
					},
				],
			}),
		);
		expect(
			scheduled.data.response.map((s) => [s.merchant_uid, s.schedule_status, s.schedule_at]),
		).toEqual([
			['sch_client_1', 'scheduled', at(start + 7 * DAY)],
			['sch_client_2', 'scheduled', at(start + 37 * DAY)],
		]);
		const one = await settle(Subscribe.getScheduled({ merchant_uid: 'sch_client_1' }));
		expect(one.data.response).toMatchObject({
			customer_uid: 'cust_card_0002',
			amount: 9900,
			executed_at: 0,
			revoked_at: 0,
		});

		const params = {
			customer_uid: 'cust_card_0002',
			from: start - 30 * DAY,
			to: start + 40 * DAY,
			'schedule-status': 'scheduled',
		};
		const page = await settle(Subscribe.getScheduleds(params));
		expect(page.data.response).toMatchObject({ total: 3, previous: 0, next: 0 });
		expect(page.data.response.list.map((s) => s.merchant_uid)).toEqual([
			'sch_client_2',
			'sch_client_1',
			'sch_0002_m2',
		]);
		const twin = await settle(Customers.getScheduleds(params));
		expect(twin.data.response).toEqual(page.data.response);

		const revoked = await settle(
			Subscribe.unschedule({ customer_uid: 'cust_card_0002', merchant_uid: 'sch_client_1' }),
		);
		expect(revoked.data.response).toEqual([
			expect.objectContaining({
				merchant_uid: 'sch_client_1',
				schedule_status: 'revoked',
				revoked_at: at(start),
			}),
		]);
		const rest = await settle(Subscribe.unschedule({ customer_uid: 'cust_card_0002' }));
		expect(rest.data.response.map((s) => s.merchant_uid)).toEqual(['sch_0002_m2', 'sch_client_2']);
		expect(sim.changes.list('schedule.revoked').map((c) => c.id)).toEqual([
			'sch_client_1',
			'sch_0002_m2',
			'sch_client_2',
		]);
	});

	test('refusals: nothing to revoke and an unknown buyer on HTTP 200, an unknown schedule and a bad window as axios errors', async () => {
		const nothing = await settle(
			Subscribe.unschedule({ customer_uid: 'cust_card_0001', merchant_uid: 'sch_0001_m1' }),
		);
		expect(nothing.failure).toEqual({
			response: { data: { code: 1, message: SCHEDULE.nothingToRevoke, response: null } },
		});
		const unknownBuyer = await settle(
			Subscribe.schedule({
				customer_uid: 'cust_nope',
				schedules: [{ merchant_uid: 'x', schedule_at: start + DAY, amount: 1000, name: 'n' }],
			}),
		);
		expect(unknownBuyer.failure.response.data.message).toBe(SCHEDULE.unknownBuyer);
		const missing = await settle(Subscribe.getScheduled({ merchant_uid: 'sch_nope' }));
		expect(missing.failure.response.status).toBe(404);
		const tooLong = await settle(
			Subscribe.getScheduleds({
				customer_uid: 'cust_card_0001',
				from: start - 100 * DAY,
				to: start,
			}),
		);
		expect(tooLong.failure.response.status).toBe(400);
		expect(tooLong.failure.response.data.message).toBe(SCHEDULE.windowTooLong);
		expect(sim.changes.list()).toEqual([]);
	});
});
