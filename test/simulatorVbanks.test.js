'use strict';
/**
 * The simulator's /vbanks family, spoken to over plain HTTP (no node): closing an unpaid virtual
 * account, changing its due date, issuing one, each refusal the spec documents, the change seen
 * through GET /payments, and the change counter under a dropped connection.
 */
const axios = require('axios');
const { rawSimulatorPerTest } = require('./helpers/rawSimulator');
const { MESSAGES } = require('./simulator/vbanks');

const START = 1_790_000_000;
const DAY = 24 * 60 * 60;

const world = rawSimulatorPerTest(START);
let sim;
let http;
beforeEach(() => {
	({ sim, http } = world);
});

const close = (impUid) => http.delete(`/vbanks/${encodeURIComponent(impUid)}`);
const modify = (impUid, body) => http.put(`/vbanks/${encodeURIComponent(impUid)}`, body);
const payment = async (impUid) =>
	(await http.get(`/payments/${encodeURIComponent(impUid)}`)).data.response;
const closedCount = (impUid) => sim.changes.count('vbank.revoked', impUid);
const issueBody = (fields = {}) => ({
	channel_key: 'channel-key-settle',
	merchant_uid: 'order_vbank_issue_0001',
	amount: 27000,
	vbank_code: '004',
	vbank_due: START + 3 * DAY,
	vbank_holder: '예시상점',
	name: '가상계좌 주문',
	...fields,
});

describe('authentication', () => {
	test.each([
		['DELETE', '/vbanks/imp_pay_vbank_ready_0001'],
		['PUT', '/vbanks/imp_vbank_settle_0001'],
		['POST', '/vbanks'],
	])('%s %s needs a valid token and changes nothing without one', async (method, path) => {
		const data = { vbank_due: START + DAY, ...issueBody() };
		const bare = await axios.request({
			method,
			url: `${sim.baseUrl}${path}`,
			data,
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
			data,
			headers: { Authorization: 'Bearer nope' },
			validateStatus: () => true,
		});
		expect(wrong.status).toBe(401);
		expect(sim.changes.list()).toEqual([]);
		expect(sim.payments.get('imp_pay_vbank_ready_0001').status).toBe('ready');
	});
});

describe('the seeds', () => {
	test('unpaid accounts carry the PaymentAnnotation vbank fields; the default ready list is as before', async () => {
		const settle = await payment('imp_vbank_settle_0001');
		expect(settle).toMatchObject({
			pay_method: 'vbank',
			status: 'ready',
			pg_provider: 'settle',
			vbank_code: '004',
			vbank_name: 'KB국민은행',
			vbank_holder: '(주)예시상점',
			vbank_date: START + 30 * DAY,
			paid_at: 0,
		});
		expect(settle.vbank_num).toMatch(/^\d{12}$/);
		expect(settle.vbank_issued_at).toBe(settle.started_at);
		const expired = await payment('imp_vbank_expired_0001');
		expect(expired.vbank_date).toBeLessThan(START);
		expect(expired.vbank_num).not.toBe(settle.vbank_num);
		const ready = await http.get('/payments/status/ready');
		expect(ready.data.response.list.map((p) => p.imp_uid)).toEqual(['imp_pay_vbank_ready_0001']);
	});
});

describe('DELETE /vbanks/{imp_uid}', () => {
	test('closes an issued, unpaid account: the payment is cancelled, once', async () => {
		const { status, data } = await close('imp_pay_vbank_ready_0001');
		expect(status).toBe(200);
		expect(data.code).toBe(0);
		expect(data.response).toMatchObject({
			imp_uid: 'imp_pay_vbank_ready_0001',
			status: 'cancelled',
			cancelled_at: START,
			cancel_amount: 0,
			paid_at: 0,
		});
		expect(await payment('imp_pay_vbank_ready_0001')).toEqual(data.response);
		const cancelled = (await http.get('/payments/status/cancelled')).data.response.list.map(
			(p) => p.imp_uid,
		);
		expect(cancelled).toContain('imp_pay_vbank_ready_0001');
		expect(closedCount('imp_pay_vbank_ready_0001')).toBe(1);
	});

	test('closing it again is the documented 400 (not ready) and counts nothing', async () => {
		await close('imp_pay_vbank_ready_0001');
		const again = await close('imp_pay_vbank_ready_0001');
		expect(again.status).toBe(400);
		expect(again.data).toEqual({
			code: 1,
			message: `${MESSAGES.notReady} (현재 상태: cancelled)`,
			response: null,
		});
		expect(closedCount('imp_pay_vbank_ready_0001')).toBe(1);
	});

	test.each([
		[
			'a paid virtual account',
			'imp_pay_vbank_0001',
			400,
			1,
			`${MESSAGES.notReady} (현재 상태: paid)`,
		],
		['a card payment', 'imp_pay_card_0001', 400, 1, MESSAGES.notVbank],
		['an unknown imp_uid', 'imp_nope', 404, -1, MESSAGES.notFound],
		['no imp_uid', '', 400, 1, MESSAGES.missingImpUid],
	])('%s (%s): HTTP %i, code %i', async (_, impUid, httpStatus, code, message) => {
		const { status, data } = await close(impUid);
		expect(status).toBe(httpStatus);
		expect(data).toEqual({ code, message, response: null });
		expect(sim.changes.count('vbank.revoked')).toBe(0);
	});

	test('an account whose due date has passed but was never paid can still be closed', async () => {
		const { status, data } = await close('imp_vbank_expired_0001');
		expect(status).toBe(200);
		expect(data.response.status).toBe('cancelled');
	});

	test('a sub-merchant account is found only with its Tier', async () => {
		sim.payments.add({
			imp_uid: 'imp_vbank_tier_0001',
			pay_method: 'vbank',
			status: 'ready',
			tier: 'T01',
		});
		expect((await close('imp_vbank_tier_0001')).status).toBe(404);
		const withTier = await http.delete('/vbanks/imp_vbank_tier_0001', { headers: { Tier: 'T01' } });
		expect(withTier.status).toBe(200);
		expect(closedCount('imp_vbank_tier_0001')).toBe(1);
	});

	test('an id with odd characters is one encoded segment', async () => {
		const odd = 'imp/vb?odd#&1 가';
		sim.payments.add({ imp_uid: odd, pay_method: 'vbank', status: 'ready' });
		const { status, data } = await close(odd);
		expect(status).toBe(200);
		expect(data.response.imp_uid).toBe(odd);
		expect((await payment(odd)).status).toBe('cancelled');
		expect(sim.log.at(-2).rawPath).toBe(`/vbanks/${encodeURIComponent(odd)}`);
	});

	test('closed, then the connection dropped: the retry is refused and the account was closed once', async () => {
		sim.faults.add({ method: 'DELETE', path: '/vbanks/', action: 'applyThenReset' });
		await expect(http.delete('/vbanks/imp_pay_vbank_ready_0001')).rejects.toThrow();
		const retry = await close('imp_pay_vbank_ready_0001');
		expect(retry.status).toBe(400);
		expect(closedCount('imp_pay_vbank_ready_0001')).toBe(1);
		expect(sim.payments.get('imp_pay_vbank_ready_0001').status).toBe('cancelled');
	});
});

describe('PUT /vbanks/{imp_uid}', () => {
	test('moves the due date of an unpaid settle account; GET /payments shows it', async () => {
		const due = START + 10 * DAY;
		const { status, data } = await modify('imp_vbank_settle_0001', { vbank_due: due });
		expect(status).toBe(200);
		expect(data.code).toBe(0);
		expect(data.response).toMatchObject({ status: 'ready', vbank_date: due, amount: 45000 });
		expect((await payment('imp_vbank_settle_0001')).vbank_date).toBe(due);
		expect(sim.changes.count('vbank.modified', 'imp_vbank_settle_0001')).toBe(1);
	});

	test('a form body with the amount and the due date', async () => {
		const body = new URLSearchParams({
			amount: '50000',
			vbank_due: String(START + 5 * DAY),
		}).toString();
		const { status, data } = await http.put('/vbanks/imp_vbank_settle_0001', body, {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(status).toBe(200);
		expect(data.response).toMatchObject({ amount: 50000, vbank_date: START + 5 * DAY });
	});

	test.each([
		['a due date in the past', { vbank_due: START - 60 }, MESSAGES.pastDue],
		['a due date of now', { vbank_due: START }, MESSAGES.pastDue],
		[
			'a due date that is no UNIX time',
			{ vbank_due: '2026-01-01' },
			'vbank_due 파라메터 값이 올바르지 않습니다.',
		],
		['nothing to change', {}, MESSAGES.nothingToModify],
		['a zero amount', { amount: 0 }, 'amount 파라메터 값이 올바르지 않습니다.'],
	])('%s is a 400 and changes nothing', async (_, body, message) => {
		const { status, data } = await modify('imp_vbank_settle_0001', body);
		expect(status).toBe(400);
		expect(data).toEqual({ code: 1, message, response: null });
		expect(sim.payments.get('imp_vbank_settle_0001').vbank_date).toBe(START + 30 * DAY);
		expect(sim.changes.count('vbank.modified')).toBe(0);
	});

	test.each([
		['a paid account', 'imp_pay_vbank_0001', 400, `${MESSAGES.notReady} (현재 상태: paid)`],
		['a card payment', 'imp_pay_card_0001', 400, MESSAGES.notVbank],
		[
			'an account of a PG that cannot modify (kcp)',
			'imp_pay_vbank_ready_0001',
			400,
			MESSAGES.modifyUnsupported,
		],
		['an unknown imp_uid', 'imp_nope', 404, MESSAGES.notFound],
	])('%s (%s): HTTP %i', async (_, impUid, httpStatus, message) => {
		const { status, data } = await modify(impUid, { vbank_due: START + DAY });
		expect(status).toBe(httpStatus);
		expect(data.message).toBe(message);
		expect(sim.changes.count('vbank.modified')).toBe(0);
	});

	test('a closed account can no longer be modified', async () => {
		await close('imp_vbank_settle_0001');
		const { status, data } = await modify('imp_vbank_settle_0001', { vbank_due: START + DAY });
		expect(status).toBe(400);
		expect(data.message).toBe(`${MESSAGES.notReady} (현재 상태: cancelled)`);
	});
});

describe('POST /vbanks', () => {
	test('issues a ready account that can then be modified and closed', async () => {
		const { status, data } = await http.post('/vbanks', issueBody());
		expect(status).toBe(200);
		expect(data.response).toMatchObject({
			merchant_uid: 'order_vbank_issue_0001',
			pay_method: 'vbank',
			status: 'ready',
			pg_provider: 'settle',
			amount: 27000,
			vbank_date: START + 3 * DAY,
			vbank_holder: '예시상점',
			vbank_issued_at: START,
		});
		const impUid = data.response.imp_uid;
		expect(await payment(impUid)).toEqual(data.response);
		expect((await modify(impUid, { vbank_due: START + 4 * DAY })).status).toBe(200);
		expect((await close(impUid)).status).toBe(200);
		expect(sim.changes.list().map((c) => c.kind)).toEqual([
			'vbank.issued',
			'vbank.modified',
			'vbank.revoked',
		]);
	});

	test.each([
		['a missing vbank_due', { vbank_due: undefined }, '필수 파라메터(vbank_due)가 누락되었습니다.'],
		['an unknown channel', { channel_key: 'channel-key-nope' }, '유효하지 않은 channel_key입니다.'],
		[
			'a PG that cannot issue by API (kcp)',
			{ channel_key: 'channel-key-kcp' },
			`${MESSAGES.createUnsupported} (kcp)`,
		],
		['a past due date', { vbank_due: START - 1 }, MESSAGES.pastDue],
		['a merchant_uid already paid', { merchant_uid: 'order_pay_card_0001' }, MESSAGES.merchantUsed],
	])('%s is refused with HTTP 200 and code 1, nothing issued', async (_, fields, message) => {
		const before = sim.payments.ids().length;
		const { status, data } = await http.post('/vbanks', issueBody(fields));
		expect(status).toBe(200);
		expect(data).toEqual({ code: 1, message, response: null });
		expect(sim.payments.ids()).toHaveLength(before);
	});
});

describe('other methods', () => {
	test('GET /vbanks/holder is not in the spec: 404; PATCH is not a method of /vbanks', async () => {
		expect((await http.get('/vbanks/holder?bank_code=004&bank_num=1')).status).toBe(404);
		expect((await http.patch('/vbanks/imp_pay_vbank_ready_0001', {})).status).toBe(405);
	});
});
