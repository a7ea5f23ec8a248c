'use strict';
/**
 * The simulator's /payments family, spoken to over plain HTTP (no node): look-ups, paging, the
 * 90-day window, refunds with checksum, virtual-account and PG refusals, and fault injection.
 */
const axios = require('axios');
const { createSimulator } = require('./simulator/server');
const { MESSAGES } = require('./simulator/payments');

const START = 1_790_000_000;
const DAY = 24 * 60 * 60;

let sim;
let http;

beforeEach(async () => {
	sim = createSimulator({ startAt: START });
	const baseURL = await sim.start();
	const { data } = await axios.post(`${baseURL}/users/getToken`, {
		imp_key: 'test_imp_key',
		imp_secret: 'test_imp_secret_DO_NOT_LEAK',
	});
	http = axios.create({
		baseURL,
		headers: { Authorization: `Bearer ${data.response.access_token}` },
		validateStatus: () => true,
		// One connection per request, so a reset hits only the request it was meant for.
		httpAgent: new (require('node:http').Agent)({ keepAlive: false }),
	});
});
afterEach(async () => {
	await sim.stop();
});

const get = (path) => http.get(path);
const cancel = (body) => http.post('/payments/cancel', body);
const form = (fields) =>
	http.post('/payments/cancel', new URLSearchParams(fields).toString(), {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	});

describe('authentication', () => {
	test.each([
		['GET', '/payments/imp_pay_card_0001'],
		['GET', '/payments?imp_uid[]=imp_pay_card_0001'],
		['GET', '/payments/status/paid'],
		['GET', '/payments/find/order_pay_card_0001'],
		['POST', '/payments/cancel'],
	])('%s %s needs a valid token', async (method, path) => {
		const bare = await axios.request({
			method,
			url: `${sim.baseUrl}${path}`,
			data: { imp_uid: 'imp_pay_card_0001' },
			validateStatus: () => true,
		});
		expect(bare.status).toBe(401);
		expect(bare.data).toEqual({
			code: -1,
			message: '인증 Token이 전달되지 않았습니다.',
			response: null,
		});
		const wrong = await axios.request({
			method,
			url: `${sim.baseUrl}${path}`,
			data: { imp_uid: 'imp_pay_card_0001' },
			headers: { Authorization: 'Bearer not-a-token' },
			validateStatus: () => true,
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

describe('GET /payments/status/{status}', () => {
	/** Follows `next` from page 1 until it is 0; bounded so a broken `next` cannot loop forever. */
	async function allPages(path) {
		const pages = [];
		let page = 1;
		for (let guard = 0; guard < 100 && page !== 0; guard++) {
			const { status, data } = await get(`${path}${path.includes('?') ? '&' : '?'}page=${page}`);
			expect(status).toBe(200);
			pages.push(data.response);
			page = data.response.next;
		}
		expect(page).toBe(0);
		return pages;
	}

	test('pages of `limit` follow `next` to 0, each payment once, newest first', async () => {
		const ids = sim.payments.addMany(45, {
			prefix: 'imp_paged_',
			each: (n) => ({ paid_at: START - 1000 - n * 60 }),
		});
		const pages = await allPages('/payments/status/paid?limit=20');
		expect(pages.map((p) => p.list.length)).toEqual([20, 20, pages[0].total - 40]);
		expect(pages.map((p) => p.previous)).toEqual([0, 1, 2]);
		const listed = pages.flatMap((p) => p.list);
		expect(new Set(listed.map((p) => p.imp_uid)).size).toBe(listed.length);
		expect(listed.every((p) => p.status === 'paid' && !p.sandbox)).toBe(true);
		expect(listed.map((p) => p.imp_uid)).toEqual(expect.arrayContaining(ids));
		expect(listed.map((p) => p.imp_uid)).not.toContain('imp_pay_old_0001');
		const started = listed.map((p) => p.started_at);
		expect(started).toEqual([...started].sort((a, b) => b - a));
	});

	test('the page size defaults to 20 and is capped at 100', async () => {
		sim.payments.addMany(150, { prefix: 'imp_cap_' });
		expect((await get('/payments/status/paid')).data.response.list).toHaveLength(20);
		const big = await get('/payments/status/paid?limit=1000');
		expect(big.data.response.list).toHaveLength(100);
		expect(big.data.response.next).toBe(2);
	});

	test('"all" lists each status on its own time; sandbox only with include_sandbox', async () => {
		const listed = (await allPages('/payments/status/all?limit=100'))
			.flatMap((p) => p.list)
			.map((p) => p.imp_uid);
		expect(listed).toEqual(
			expect.arrayContaining([
				'imp_pay_card_0001',
				'imp_pay_partial_0001',
				'imp_pay_vbank_ready_0001',
				'imp_pay_failed_0001',
			]),
		);
		expect(listed).not.toContain('imp_pay_sandbox_0001');
		expect(listed).not.toContain('imp_pay_tier_T01_0001');
		const withSandbox = (
			await get('/payments/status/all?limit=100&include_sandbox=true')
		).data.response.list.map((p) => p.imp_uid);
		expect(withSandbox).toContain('imp_pay_sandbox_0001');
		const cancelled = (await get('/payments/status/cancelled')).data.response.list
			.map((p) => p.imp_uid)
			.sort();
		expect(cancelled).toEqual(['imp_pay_cancelled_0001', 'imp_pay_partial_0001']);
	});

	test('a window of 90 days is answered, 90 days and a second is refused, from > to is refused', async () => {
		const to = START - 100 * DAY;
		const older = await get(`/payments/status/paid?from=${to - 90 * DAY}&to=${to + 30 * DAY}`);
		expect(older.status).toBe(400);
		const ok = await get(`/payments/status/paid?from=${START - 150 * DAY}&to=${START - 60 * DAY}`);
		expect(ok.status).toBe(200);
		expect(ok.data.response.list.map((p) => p.imp_uid)).toEqual(['imp_pay_old_0001']);
		const longer = await get(`/payments/status/paid?from=${START - 90 * DAY - 1}&to=${START}`);
		expect(longer.status).toBe(400);
		expect(longer.data.code).not.toBe(0);
		expect((await get(`/payments/status/paid?from=${START}&to=${START - 10}`)).status).toBe(400);
		expect((await get(`/payments/status/paid?to=${START - 200 * DAY}`)).data.response).toEqual({
			total: 0,
			previous: 0,
			next: 0,
			list: [],
		});
	});

	test('a bad status, a page past the end or a bad page is a 400', async () => {
		expect((await get('/payments/status/refunded')).status).toBe(400);
		expect((await get('/payments/status/paid?page=2')).status).toBe(400);
		expect((await get('/payments/status/paid?page=0')).status).toBe(400);
		expect((await get('/payments/status/paid?limit=abc')).status).toBe(400);
	});
});

describe('POST /payments/cancel', () => {
	test('a checksum that is not what is left cancels nothing (HTTP 200, code 1)', async () => {
		const before = sim.payments.get('imp_pay_partial_0001');
		const { status, data } = await cancel({
			imp_uid: 'imp_pay_partial_0001',
			amount: 1000,
			checksum: 10000,
		});
		expect(status).toBe(200);
		expect(data.code).toBe(1);
		expect(data.message).toContain(MESSAGES.checksumMismatch);
		expect(data.response).toBe(null);
		expect(sim.payments.get('imp_pay_partial_0001')).toEqual(before);
		expect(sim.payments.appliedRefunds('imp_pay_partial_0001')).toBe(0);
	});

	test('partial then full refund; each entry with its own cancellation_id and the reason as sent', async () => {
		const partial = await cancel({
			imp_uid: 'imp_pay_card_0001',
			amount: 3000,
			checksum: 10000,
			reason: 'ref:R-1',
		});
		expect(partial.data.code).toBe(0);
		expect(partial.data.response).toMatchObject({
			amount: 10000,
			cancel_amount: 3000,
			status: 'cancelled',
			cancelled_at: START,
		});
		expect(partial.data.response.cancel_history).toEqual([
			expect.objectContaining({ amount: 3000, reason: 'ref:R-1', cancelled_at: START }),
		]);

		sim.clock.advance(60);
		const full = await form({ imp_uid: 'imp_pay_card_0001', checksum: '7000', reason: 'ref:R-2' });
		expect(full.data.code).toBe(0);
		const after = full.data.response;
		expect(after).toMatchObject({
			cancel_amount: 10000,
			status: 'cancelled',
			cancelled_at: START + 60,
			cancel_reason: 'ref:R-2',
		});
		expect(after.cancel_history.map((e) => [e.amount, e.reason])).toEqual([
			[3000, 'ref:R-1'],
			[7000, 'ref:R-2'],
		]);
		const cancellationIds = after.cancel_history.map((e) => e.cancellation_id);
		expect(new Set(cancellationIds).size).toBe(2);
		expect(cancellationIds.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
		expect((await get('/payments/imp_pay_card_0001')).data.response).toEqual(after);
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(2);
	});

	test('amount 0 or missing refunds the whole balance', async () => {
		const { data } = await cancel({ imp_uid: 'imp_pay_partial_0001', amount: 0 });
		expect(data.response.cancel_amount).toBe(10000);
		expect(data.response.cancel_history.at(-1).amount).toBe(9000);
	});

	test('a second full refund is refused: already fully cancelled', async () => {
		expect((await cancel({ imp_uid: 'imp_pay_card_0002' })).data.code).toBe(0);
		const again = await cancel({ imp_uid: 'imp_pay_card_0002' });
		expect(again.status).toBe(200);
		expect(again.data).toEqual({ code: 1, message: '이미 전액취소된 주문입니다.', response: null });
		const seeded = await cancel({ imp_uid: 'imp_pay_cancelled_0001', amount: 100 });
		expect(seeded.data.message).toBe('이미 전액취소된 주문입니다.');
		expect(sim.payments.appliedRefunds('imp_pay_card_0002')).toBe(1);
	});

	test('an amount above what is left is refused without change', async () => {
		const { data } = await cancel({ imp_uid: 'imp_pay_partial_0001', amount: 9001 });
		expect(data.code).toBe(1);
		expect(data.message).toContain(MESSAGES.exceedsBalance);
		expect(sim.payments.get('imp_pay_partial_0001').cancel_amount).toBe(1000);
	});

	test('bad amounts are refused, never read as "full"', async () => {
		for (const amount of [-1, 'abc', 10.5]) {
			const { data } = await cancel({ imp_uid: 'imp_pay_card_0001', amount });
			expect(data.code).toBe(1);
		}
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(0);
	});

	test('a body that is not an object is a 400; an amount that is not a number is refused', async () => {
		for (const body of ['[1]', 'null', '"imp_pay_card_0001"', '{bad json']) {
			const answer = await http.post('/payments/cancel', body, {
				headers: { 'content-type': 'application/json' },
			});
			expect(answer.status).toBe(400);
			expect(answer.data.code).toBe(1);
		}
		expect((await cancel({ imp_uid: 'imp_pay_card_0001', amount: true })).data.code).toBe(1);
		expect((await cancel({ imp_uid: 'imp_pay_card_0001', amount: { value: 1 } })).data.code).toBe(
			1,
		);
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(0);
	});

	test('unknown payment, and neither id sent', async () => {
		expect((await cancel({ imp_uid: 'imp_nope' })).data).toEqual({
			code: 1,
			message: '취소할 결제건이 존재하지 않습니다.',
			response: null,
		});
		expect((await cancel({ merchant_uid: 'order_nope' })).data.message).toBe(
			'취소할 결제건이 존재하지 않습니다.',
		);
		expect((await cancel({ amount: 100 })).data.code).toBe(1);
	});

	test('by merchant_uid it refunds the attempt that was paid; imp_uid wins when both are sent', async () => {
		const byOrder = await cancel({ merchant_uid: 'order_retry_0001', amount: 2000 });
		expect(byOrder.data.response.imp_uid).toBe('imp_pay_retry_0001');
		const both = await cancel({
			imp_uid: 'imp_pay_card_0002',
			merchant_uid: 'order_retry_0001',
			amount: 1000,
		});
		expect(both.data.response.imp_uid).toBe('imp_pay_card_0002');
		expect(sim.payments.get('imp_pay_retry_0001').cancel_amount).toBe(2000);
	});

	test('ready and failed payments are not refunded', async () => {
		expect((await cancel({ imp_uid: 'imp_pay_failed_0001' })).data.code).toBe(1);
		expect(
			(
				await cancel({
					imp_uid: 'imp_pay_vbank_ready_0001',
					refund_holder: 'x',
					refund_bank: '004',
					refund_account: '1',
				})
			).data.code,
		).toBe(1);
	});

	test('a virtual-account refund needs the refund account', async () => {
		const without = await cancel({
			imp_uid: 'imp_pay_vbank_0001',
			amount: 5000,
			refund_holder: '홍길동',
			refund_bank: '004',
		});
		expect(without.data).toEqual({ code: 1, message: MESSAGES.vbankRefundFields, response: null });
		expect(sim.payments.get('imp_pay_vbank_0001').cancel_amount).toBe(0);
		const withFields = await cancel({
			imp_uid: 'imp_pay_vbank_0001',
			amount: 5000,
			refund_holder: '홍길동',
			refund_bank: '004',
			refund_account: '12345678901234',
			refund_tel: '010-1234-5678',
			enable_webhook: true,
			extra: { requester: 'customer' },
		});
		expect(withFields.data.code).toBe(0);
		expect(withFields.data.response.cancel_amount).toBe(5000);
		expect(sim.payments.refunds.at(-1)).toMatchObject({
			imp_uid: 'imp_pay_vbank_0001',
			refund_holder: '홍길동',
			refund_bank: '004',
			refund_account: '12345678901234',
			refund_tel: '010-1234-5678',
			enable_webhook: true,
			extra: { requester: 'customer' },
		});
	});

	test('a PG refusal answers code -1 with the PG reason and changes nothing', async () => {
		const { status, data } = await cancel({ imp_uid: 'imp_pay_pgfail_0001', amount: 1000 });
		expect(status).toBe(200);
		expect(data.code).toBe(-1);
		expect(data.message).toMatch(/^결제취소에 실패하였습니다\. \[PG\] /);
		expect(data.response).toBe(null);
		expect(sim.payments.get('imp_pay_pgfail_0001').cancel_amount).toBe(0);

		sim.payments.setPgRefusal('imp_pay_card_0001', '[PG:1234] 매입 전 취소 불가');
		expect((await cancel({ imp_uid: 'imp_pay_card_0001' })).data.message).toBe(
			'결제취소에 실패하였습니다. [PG] [PG:1234] 매입 전 취소 불가',
		);
		sim.payments.setPgRefusal('imp_pay_card_0001', null);
		expect((await cancel({ imp_uid: 'imp_pay_card_0001' })).data.code).toBe(0);
	});

	test('a partial refund leaves the cash receipt alone; a re-issue is for what is left', async () => {
		await cancel({ imp_uid: 'imp_pay_receipt_0001', amount: 3000, checksum: 33000 });
		const receipt = await get('/receipts/imp_pay_receipt_0001');
		expect(receipt.data.response).toMatchObject({ amount: 33000, cancelled_at: 0 });
		expect((await http.delete('/receipts/imp_pay_receipt_0001')).data.code).toBe(0);
		const reissued = await http.post('/receipts/imp_pay_receipt_0001', {
			identifier: '01012345678',
		});
		expect(reissued.data.code).toBe(0);
		expect(reissued.data.response.amount).toBe(30000);
	});
});

describe('fault injection on /payments', () => {
	test('apply-then-reset: the refund is applied exactly once, the answer is lost', async () => {
		const rule = sim.faults.add({
			method: 'POST',
			path: '/payments/cancel',
			action: 'applyThenReset',
		});
		const lost = await cancel({
			imp_uid: 'imp_pay_card_0001',
			amount: 4000,
			checksum: 10000,
			reason: 'ref:R-9',
		}).then(
			() => null,
			(error) => error,
		);
		expect(lost).not.toBe(null);
		expect(lost.code).toMatch(/ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED/);
		expect(rule.fired).toBe(1);
		const [entry] = sim.requests('POST', '/payments/cancel');
		expect(entry).toMatchObject({ status: 'reset', appliedStatus: 200 });

		const after = (await get('/payments/imp_pay_card_0001')).data.response;
		expect(after.cancel_amount).toBe(4000);
		expect(after.cancel_history.filter((e) => e.reason === 'ref:R-9')).toHaveLength(1);
		// Repeating the lost call with the same checksum cannot refund again.
		const repeat = await cancel({
			imp_uid: 'imp_pay_card_0001',
			amount: 4000,
			checksum: 10000,
			reason: 'ref:R-9',
		});
		expect(repeat.data.code).toBe(1);
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(1);
	});

	test('apply-then-hang (a timeout) and apply-then-502: applied once, the answer never says so', async () => {
		sim.faults.add({ method: 'POST', path: '/payments/cancel', action: 'applyThenHang' });
		await expect(
			http.post(
				'/payments/cancel',
				{ imp_uid: 'imp_pay_card_0001', amount: 1000, checksum: 10000 },
				{ timeout: 300 },
			),
		).rejects.toThrow();
		sim.faults.add({
			method: 'POST',
			path: '/payments/cancel',
			action: 'applyThenStatus',
			status: 502,
		});
		const gateway = await cancel({ imp_uid: 'imp_pay_card_0001', amount: 1000, checksum: 9000 });
		expect(gateway.status).toBe(502);
		expect(gateway.data.code).not.toBe(0);
		const payment = sim.payments.get('imp_pay_card_0001');
		expect(payment.cancel_amount).toBe(2000);
		expect(payment.cancel_history).toHaveLength(2);
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(2);
		expect(
			sim.requests('POST', '/payments/cancel').map((e) => [e.status, e.appliedStatus]),
		).toEqual([
			['hang', 200],
			[502, 200],
		]);
	});

	test('reset before the work: nothing is applied', async () => {
		sim.faults.add({ method: 'POST', path: '/payments/cancel', action: 'reset' });
		await expect(cancel({ imp_uid: 'imp_pay_card_0001' })).rejects.toThrow();
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(0);
	});

	test('status, unauthorized and non-JSON faults answer instead of the route', async () => {
		sim.faults.add({ method: 'GET', path: '/payments/status/', action: 'status', status: 502 });
		expect((await get('/payments/status/paid')).status).toBe(502);
		sim.faults.add({ method: 'GET', path: /^\/payments$/, action: 'unauthorized' });
		expect((await get('/payments?imp_uid[]=imp_pay_card_0001')).status).toBe(401);
		sim.faults.add({ method: 'POST', path: '/payments/cancel', action: 'nonJson', status: 504 });
		const html = await cancel({ imp_uid: 'imp_pay_card_0001' });
		expect(html.status).toBe(504);
		expect(typeof html.data).toBe('string');
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(0);
		// the rules fired once each; the route answers again
		expect((await get('/payments/status/paid')).status).toBe(200);
	});
});

describe('request log and bulk payments', () => {
	test('each request is logged with method, path, query and body; no token in query or body', async () => {
		await get('/payments/status/paid?limit=5&from=1');
		await form({
			imp_uid: 'imp_pay_card_0001',
			amount: '1000',
			checksum: '10000',
			reason: 'ref:1',
		});
		const [list, refund] = sim.log.filter((e) => e.rawPath.startsWith('/payments'));
		expect(list).toMatchObject({
			method: 'GET',
			rawPath: '/payments/status/paid',
			query: { limit: '5', from: '1' },
		});
		expect(refund).toMatchObject({
			method: 'POST',
			rawPath: '/payments/cancel',
			body: { imp_uid: 'imp_pay_card_0001', amount: '1000', checksum: '10000', reason: 'ref:1' },
		});
		const token = sim.issuedTokens[0];
		expect(JSON.stringify([list.query, list.body, refund.query, refund.body])).not.toContain(token);
	});

	test('500 bulk payments, each refundable once in full', async () => {
		const ids = sim.payments.addMany(500, {
			amount: 1000,
			each: (n) => (n % 2 ? { pay_method: 'trans' } : {}),
		});
		expect(new Set(ids).size).toBe(500);
		for (const imp_uid of ids.slice(0, 20)) {
			expect((await cancel({ imp_uid, checksum: 1000 })).data.code).toBe(0);
			expect((await cancel({ imp_uid, checksum: 1000 })).data.code).toBe(1);
		}
		expect(ids.slice(0, 20).every((id) => sim.payments.appliedRefunds(id) === 1)).toBe(true);
		expect(sim.payments.get(ids[1]).pay_method).toBe('trans');
		expect(() => sim.payments.add({ imp_uid: ids[0] })).toThrow(/exists already/);
	});
});
