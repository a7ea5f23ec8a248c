'use strict';
/**
 * The simulator's /payments look-ups, spoken to over plain HTTP (no node): the token every route
 * needs, one payment by imp_uid, find and findAll by merchant_uid, several payments by imp_uid[].
 */
const { rawSimulatorPerTest, unauthorisedAnswers } = require('./helpers/rawSimulator');
const { START, paymentCalls } = require('./helpers/rawPayments');

const world = rawSimulatorPerTest(START);
let sim;
let http;
beforeEach(() => {
	({ sim, http } = world);
});

const { get } = paymentCalls(world);

describe('authentication', () => {
	test.each([
		['GET', '/payments/imp_pay_card_0001'],
		['GET', '/payments?imp_uid[]=imp_pay_card_0001'],
		['GET', '/payments/status/paid'],
		['GET', '/payments/find/order_pay_card_0001'],
		['POST', '/payments/cancel'],
	])('%s %s needs a valid token', async (method, path) => {
		const { bare, wrong } = await unauthorisedAnswers(
			sim.baseUrl,
			method,
			path,
			{ imp_uid: 'imp_pay_card_0001' },
			'not-a-token',
		);
		expect(bare.status).toBe(401);
		expect(bare.data).toEqual({
			code: -1,
			message: '인증 Token이 전달되지 않았습니다.',
			response: null,
		});
		expect(wrong.status).toBe(401);
		expect(sim.payments.get('imp_pay_card_0001').cancel_amount).toBe(0);
	});

	test('an expired token is refused', async () => {
		sim.clock.advance(31 * 60);
		const { status } = await get('/payments/imp_pay_card_0001');
		expect(status).toBe(401);
	});
});

describe('GET /payments/{imp_uid}', () => {
	test("answers the Payment with the spec's required fields", async () => {
		const { status, data } = await get('/payments/imp_pay_partial_0001');
		expect(status).toBe(200);
		expect(data.code).toBe(0);
		const payment = data.response;
		expect(payment).toMatchObject({
			imp_uid: 'imp_pay_partial_0001',
			merchant_uid: 'order_pay_partial_0001',
			amount: 10000,
			cancel_amount: 1000,
			currency: 'KRW',
			status: 'cancelled',
			sandbox: false,
			pay_method: 'card',
			pg_provider: 'kcp',
		});
		expect(payment.cancel_history).toHaveLength(1);
		expect(Object.keys(payment.cancel_history[0]).sort()).toEqual(
			['amount', 'cancellation_id', 'cancelled_at', 'pg_tid', 'reason', 'receipt_url'].sort(),
		);
		expect(payment.paid_at).toBeLessThan(payment.cancelled_at);
		expect(payment.cancelled_at).toBeLessThanOrEqual(START);
	});

	test('an unknown imp_uid is a 404 with code -1', async () => {
		const { status, data } = await get('/payments/imp_nope');
		expect(status).toBe(404);
		expect(data).toEqual({ code: -1, message: '존재하지 않는 결제정보입니다.', response: null });
	});

	test('an encoded id stays one segment', async () => {
		sim.payments.add({ imp_uid: 'imp/with?odd#chars', amount: 500 });
		const { status, data } = await get(`/payments/${encodeURIComponent('imp/with?odd#chars')}`);
		expect(status).toBe(200);
		expect(data.response.amount).toBe(500);
	});

	test('sandbox payments are hidden unless include_sandbox=true', async () => {
		expect((await get('/payments/imp_pay_sandbox_0001')).status).toBe(404);
		expect((await get('/payments/imp_pay_sandbox_0001?include_sandbox=false')).status).toBe(404);
		const shown = await get('/payments/imp_pay_sandbox_0001?include_sandbox=true');
		expect(shown.status).toBe(200);
		expect(shown.data.response.sandbox).toBe(true);
	});

	test('a sub-merchant payment is seen only with its Tier', async () => {
		expect((await get('/payments/imp_pay_tier_T01_0001')).status).toBe(404);
		const withTier = await http.get('/payments/imp_pay_tier_T01_0001', {
			headers: { Tier: 'T01' },
		});
		expect(withTier.status).toBe(200);
	});
});

describe('GET /payments/find and /payments/findAll', () => {
	test('find answers the first by sorting, -started by default', async () => {
		expect((await get('/payments/find/order_retry_0001')).data.response.imp_uid).toBe(
			'imp_pay_retry_0001',
		);
		expect(
			(await get('/payments/find/order_retry_0001?sorting=started')).data.response.imp_uid,
		).toBe('imp_pay_failed_0001');
		expect((await get('/payments/find/order_retry_0001/failed')).data.response.imp_uid).toBe(
			'imp_pay_failed_0001',
		);
	});

	test('find: unknown merchant_uid 404, status with no match 404, bad status or sorting 400', async () => {
		expect((await get('/payments/find/order_nope')).status).toBe(404);
		expect((await get('/payments/find/order_retry_0001/cancelled')).status).toBe(404);
		expect((await get('/payments/find/order_retry_0001/refunded')).status).toBe(400);
		expect((await get('/payments/find/order_retry_0001?sorting=amount')).status).toBe(400);
	});

	test('findAll lists every attempt under one merchant_uid, paged', async () => {
		const all = await get('/payments/findAll/order_retry_0001');
		expect(all.status).toBe(200);
		expect(all.data.response).toMatchObject({ total: 2, previous: 0, next: 0 });
		expect(all.data.response.list.map((p) => p.imp_uid)).toEqual([
			'imp_pay_retry_0001',
			'imp_pay_failed_0001',
		]);
		const first = await get('/payments/findAll/order_retry_0001?limit=1');
		expect(first.data.response).toMatchObject({ total: 2, previous: 0, next: 2 });
		const second = await get('/payments/findAll/order_retry_0001?limit=1&page=2');
		expect(second.data.response).toMatchObject({ total: 2, previous: 1, next: 0 });
		expect(second.data.response.list.map((p) => p.imp_uid)).toEqual(['imp_pay_failed_0001']);
		expect((await get('/payments/findAll/order_retry_0001?limit=1&page=3')).status).toBe(400);
		expect((await get('/payments/findAll/order_retry_0001/paid')).data.response.total).toBe(1);
		expect((await get('/payments/findAll/order_nope')).status).toBe(404);
	});
});

describe('GET /payments (several ids)', () => {
	test('200 when all are found, in request order', async () => {
		const { status, data } = await get(
			'/payments?imp_uid[]=imp_pay_card_0002&imp_uid[]=imp_pay_card_0001&merchant_uid[]=order_pay_vbank_0001',
		);
		expect(status).toBe(200);
		expect(data.code).toBe(0);
		expect(data.response.map((p) => p.imp_uid)).toEqual([
			'imp_pay_card_0002',
			'imp_pay_card_0001',
			'imp_pay_vbank_0001',
		]);
	});

	test('207 with only the found ones when some are missing (sandbox counts as missing)', async () => {
		const { status, data } = await get(
			'/payments?imp_uid[]=imp_pay_card_0001&imp_uid[]=imp_nope&imp_uid[]=imp_pay_sandbox_0001',
		);
		expect(status).toBe(207);
		expect(data.response.map((p) => p.imp_uid)).toEqual(['imp_pay_card_0001']);
		const withSandbox = await get(
			'/payments?imp_uid[]=imp_pay_card_0001&imp_uid[]=imp_pay_sandbox_0001&include_sandbox=true',
		);
		expect(withSandbox.status).toBe(200);
	});

	test('404 when none is found; 400 with no ids', async () => {
		const none = await get('/payments?imp_uid[]=imp_nope_1&merchant_uid[]=order_nope');
		expect(none.status).toBe(404);
		expect(none.data.response).toBe(null);
		expect((await get('/payments')).status).toBe(400);
	});

	test('100 ids are answered in one call; 101 are refused with a 400', async () => {
		const ids = sim.payments.addMany(101, { prefix: 'imp_many_' });
		const query = (list) => list.map((id) => `imp_uid[]=${encodeURIComponent(id)}`).join('&');
		const hundred = await get(`/payments?${query(ids.slice(0, 100))}`);
		expect(hundred.status).toBe(200);
		expect(hundred.data.response).toHaveLength(100);
		const tooMany = await get(`/payments?${query(ids)}`);
		expect(tooMany.status).toBe(400);
		expect(tooMany.data.code).not.toBe(0);
	});
});
