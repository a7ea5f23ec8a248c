'use strict';
/**
 * The simulator's /vbanks family, spoken to over plain HTTP (no node): changing an unpaid virtual
 * account's due date, issuing one, each refusal the spec documents, and the methods it does not
 * have. Closing one: simulatorVbanksClose.test.js.
 */
const { rawSimulatorPerTest } = require('./helpers/rawSimulator');
const { START, DAY, issueBody, vbankCalls } = require('./helpers/rawVbanks');
const { MESSAGES } = require('./simulator/vbanks');

const world = rawSimulatorPerTest(START);
const { close, modify, payment } = vbankCalls(world);

describe('PUT /vbanks/{imp_uid}', () => {
	test('moves the due date of an unpaid settle account; GET /payments shows it', async () => {
		const due = START + 10 * DAY;
		const { status, data } = await modify('imp_vbank_settle_0001', { vbank_due: due });
		expect(status).toBe(200);
		expect(data.code).toBe(0);
		expect(data.response).toMatchObject({ status: 'ready', vbank_date: due, amount: 45000 });
		expect((await payment('imp_vbank_settle_0001')).vbank_date).toBe(due);
		expect(world.sim.changes.count('vbank.modified', 'imp_vbank_settle_0001')).toBe(1);
	});

	test('a form body with the amount and the due date', async () => {
		const body = new URLSearchParams({
			amount: '50000',
			vbank_due: String(START + 5 * DAY),
		}).toString();
		const { status, data } = await world.http.put('/vbanks/imp_vbank_settle_0001', body, {
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
		expect(world.sim.payments.get('imp_vbank_settle_0001').vbank_date).toBe(START + 30 * DAY);
		expect(world.sim.changes.count('vbank.modified')).toBe(0);
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
		expect(world.sim.changes.count('vbank.modified')).toBe(0);
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
		const { status, data } = await world.http.post('/vbanks', issueBody());
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
		expect(world.sim.changes.list().map((c) => c.kind)).toEqual([
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
		const before = world.sim.payments.ids().length;
		const { status, data } = await world.http.post('/vbanks', issueBody(fields));
		expect(status).toBe(200);
		expect(data).toEqual({ code: 1, message, response: null });
		expect(world.sim.payments.ids()).toHaveLength(before);
	});
});

describe('other methods', () => {
	test('GET /vbanks/holder is not in the spec: 404; PATCH is not a method of /vbanks', async () => {
		expect((await world.http.get('/vbanks/holder?bank_code=004&bank_num=1')).status).toBe(404);
		expect((await world.http.patch('/vbanks/imp_pay_vbank_ready_0001', {})).status).toBe(405);
	});
});
