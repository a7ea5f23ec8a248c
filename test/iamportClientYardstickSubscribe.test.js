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
 * This file: Customers (billing keys) and Subscribe (schedules). Vbanks: iamportClientYardstickVbanks.test.js.
 */
const { Request } = require('iamport-rest-client-nodejs');
const { MESSAGES: SCHEDULE } = require('./simulator/schedules');
const { MESSAGES: KEY } = require('./simulator/subscribe');
const { iamportClientPerTest, at, DAY } = require('./helpers/iamportClient');

const { Subscribe, Customers } = Request;

const world = iamportClientPerTest();
const { settle } = world;

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
			inserted: at(world.start),
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
		expect(world.sim.changes.count('billingKey.deleted', 'cust_client_1')).toBe(1);
	});

	test('an unknown or deleted key is a 404 axios error; a key without channel_key is refused on HTTP 200', async () => {
		await settle(Customers.deleteBillingKey({ customer_uid: 'cust_nosched_0003' }));
		const gone = await settle(Customers.getBillingKey({ customer_uid: 'cust_nosched_0003' }));
		expect(gone.failure.response.status).toBe(404);
		expect(gone.failure.response.data.message).toBe(KEY.notFound('cust_nosched_0003'));
		const again = await settle(Customers.deleteBillingKey({ customer_uid: 'cust_nosched_0003' }));
		expect(again.failure.response.status).toBe(404);
		expect(world.sim.changes.count('billingKey.deleted')).toBe(1);
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
						schedule_at: world.start + 7 * DAY,
						amount: 9900,
						name: '월 정기구독',
					},
					{
						merchant_uid: 'sch_client_2',
						schedule_at: world.start + 37 * DAY,
						amount: 9900,
						name: '월 정기구독',
					},
				],
			}),
		);
		expect(
			scheduled.data.response.map((s) => [s.merchant_uid, s.schedule_status, s.schedule_at]),
		).toEqual([
			['sch_client_1', 'scheduled', at(world.start + 7 * DAY)],
			['sch_client_2', 'scheduled', at(world.start + 37 * DAY)],
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
			from: world.start - 30 * DAY,
			to: world.start + 40 * DAY,
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
				revoked_at: at(world.start),
			}),
		]);
		const rest = await settle(Subscribe.unschedule({ customer_uid: 'cust_card_0002' }));
		expect(rest.data.response.map((s) => s.merchant_uid)).toEqual(['sch_0002_m2', 'sch_client_2']);
		expect(world.sim.changes.list('schedule.revoked').map((c) => c.id)).toEqual([
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
				schedules: [{ merchant_uid: 'x', schedule_at: world.start + DAY, amount: 1000, name: 'n' }],
			}),
		);
		expect(unknownBuyer.failure.response.data.message).toBe(SCHEDULE.unknownBuyer);
		const missing = await settle(Subscribe.getScheduled({ merchant_uid: 'sch_nope' }));
		expect(missing.failure.response.status).toBe(404);
		const tooLong = await settle(
			Subscribe.getScheduleds({
				customer_uid: 'cust_card_0001',
				from: world.start - 100 * DAY,
				to: world.start,
			}),
		);
		expect(tooLong.failure.response.status).toBe(400);
		expect(tooLong.failure.response.data.message).toBe(SCHEDULE.windowTooLong);
		expect(world.sim.changes.list()).toEqual([]);
	});
});
