'use strict';
/**
 * The simulator's /vbanks family, spoken to over plain HTTP (no node): authentication, the seeds,
 * and closing an unpaid virtual account (each refusal the spec documents, the change seen through
 * GET /payments, the change counter under a dropped connection). Changing the due date and issuing
 * one: simulatorVbanksModifyIssue.test.js.
 */
const { rawSimulatorPerTest, unauthorisedAnswers } = require('./helpers/rawSimulator');
const { START, DAY, issueBody, vbankCalls } = require('./helpers/rawVbanks');
const { MESSAGES } = require('./simulator/vbanks');

const world = rawSimulatorPerTest(START);
const { close, payment, closedCount } = vbankCalls(world);

describe('authentication', () => {
	test.each([
		['DELETE', '/vbanks/imp_pay_vbank_ready_0001'],
		['PUT', '/vbanks/imp_vbank_settle_0001'],
		['POST', '/vbanks'],
	])('%s %s needs a valid token and changes nothing without one', async (method, path) => {
		const data = { vbank_due: START + DAY, ...issueBody() };
		const { bare, wrong } = await unauthorisedAnswers(
			world.sim.baseUrl,
			method,
			path,
			data,
			'nope',
		);
		expect(bare.status).toBe(401);
		expect(bare.data).toEqual({
			code: -1,
			message: '인증 Token이 전달되지 않았습니다.',
			response: null,
		});
		expect(wrong.status).toBe(401);
		expect(world.sim.changes.list()).toEqual([]);
		expect(world.sim.payments.get('imp_pay_vbank_ready_0001').status).toBe('ready');
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
		const ready = await world.http.get('/payments/status/ready');
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
		const cancelled = (await world.http.get('/payments/status/cancelled')).data.response.list.map(
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
		expect(world.sim.changes.count('vbank.revoked')).toBe(0);
	});

	test('an account whose due date has passed but was never paid can still be closed', async () => {
		const { status, data } = await close('imp_vbank_expired_0001');
		expect(status).toBe(200);
		expect(data.response.status).toBe('cancelled');
	});

	test('a sub-merchant account is found only with its Tier', async () => {
		world.sim.payments.add({
			imp_uid: 'imp_vbank_tier_0001',
			pay_method: 'vbank',
			status: 'ready',
			tier: 'T01',
		});
		expect((await close('imp_vbank_tier_0001')).status).toBe(404);
		const withTier = await world.http.delete('/vbanks/imp_vbank_tier_0001', {
			headers: { Tier: 'T01' },
		});
		expect(withTier.status).toBe(200);
		expect(closedCount('imp_vbank_tier_0001')).toBe(1);
	});

	test('an id with odd characters is one encoded segment', async () => {
		const odd = 'imp/vb?odd#&1 가';
		world.sim.payments.add({ imp_uid: odd, pay_method: 'vbank', status: 'ready' });
		const { status, data } = await close(odd);
		expect(status).toBe(200);
		expect(data.response.imp_uid).toBe(odd);
		expect((await payment(odd)).status).toBe('cancelled');
		expect(world.sim.log.at(-2).rawPath).toBe(`/vbanks/${encodeURIComponent(odd)}`);
	});

	test('closed, then the connection dropped: the retry is refused and the account was closed once', async () => {
		world.sim.faults.add({ method: 'DELETE', path: '/vbanks/', action: 'applyThenReset' });
		await expect(world.http.delete('/vbanks/imp_pay_vbank_ready_0001')).rejects.toThrow();
		const retry = await close('imp_pay_vbank_ready_0001');
		expect(retry.status).toBe(400);
		expect(closedCount('imp_pay_vbank_ready_0001')).toBe(1);
		expect(world.sim.payments.get('imp_pay_vbank_ready_0001').status).toBe('cancelled');
	});
});
