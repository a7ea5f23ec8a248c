'use strict';
/**
 * The simulator's /subscribe schedules over plain HTTP (no node): look-ups by customer and by window
 * (paging, filters, the 90-day window, the documented 400s), unschedule (all of a customer, named
 * ones, executed ones refused), schedules run by the clock, and the change counter.
 */
const { rawSimulatorPerTest } = require('./helpers/rawSimulator');
const { START, DAY, enc, oneSchedule, subscribeCalls } = require('./helpers/rawSubscribe');
const { MESSAGES } = require('./simulator/schedules');

const world = rawSimulatorPerTest(START);
let sim;
let http;
beforeEach(() => {
	({ sim, http } = world);
});
const advance = (seconds) => world.advance(seconds);

const { form, schedule, unschedule, statusOf } = subscribeCalls(world);
const byCustomer = (uid, params) =>
	http.get(`/subscribe/payments/schedule/customers/${enc(uid)}`, { params });
const byWindow = (params) => http.get('/subscribe/payments/schedule', { params });
const midsOf = (res) => res.data.response.list.map((s) => s.merchant_uid);

describe('GET /subscribe/payments/schedule/customers/{customer_uid}', () => {
	const window = { from: START - 80 * DAY, to: START + 10 * DAY };

	test("a page of the customer's schedules in [from, to), newest first; the twin path answers the same", async () => {
		const res = await byCustomer('cust_card_0001', window);
		expect(res.status).toBe(200);
		expect(res.data.response).toMatchObject({ total: 4, previous: 0, next: 0 });
		expect(midsOf(res)).toEqual(['sch_0001_m3', 'sch_0001_m0', 'sch_0001_m2', 'sch_0001_m1']);
		const twin = await http.get('/subscribe/customers/cust_card_0001/schedules', {
			params: window,
		});
		expect(twin.data).toEqual(res.data);
	});

	test('schedule-status filters; from is inclusive, to exclusive', async () => {
		expect(
			midsOf(await byCustomer('cust_card_0001', { ...window, 'schedule-status': 'executed' })),
		).toEqual(['sch_0001_m2', 'sch_0001_m1']);
		expect(
			midsOf(await byCustomer('cust_card_0001', { ...window, 'schedule-status': 'revoked' })),
		).toEqual(['sch_0001_m0']);
		const m3 = START + DAY;
		expect(midsOf(await byCustomer('cust_card_0001', { from: m3, to: m3 + 1 }))).toEqual([
			'sch_0001_m3',
		]);
		expect(midsOf(await byCustomer('cust_card_0001', { from: m3 - 10, to: m3 }))).toEqual([]);
	});

	test('pages of 20 follow next to 0; a page past the end is a 400', async () => {
		const items = Array.from({ length: 25 }, (_, n) =>
			oneSchedule(`sch_p_${String(n).padStart(2, '0')}`, START + DAY + n * 60),
		);
		expect((await schedule('cust_nosched_0003', items)).data.code).toBe(0);
		const params = { from: START, to: START + 2 * DAY };
		const first = await byCustomer('cust_nosched_0003', params);
		expect(first.data.response).toMatchObject({ total: 25, previous: 0, next: 2 });
		expect(first.data.response.list).toHaveLength(20);
		const second = await byCustomer('cust_nosched_0003', { ...params, page: 2 });
		expect(second.data.response).toMatchObject({ total: 25, previous: 1, next: 0 });
		expect(new Set([...midsOf(first), ...midsOf(second)]).size).toBe(25);
		expect((await byCustomer('cust_nosched_0003', { ...params, page: 3 })).status).toBe(400);
	});

	test.each([
		['no from', { to: START }],
		['no to', { from: START }],
		['from after to', { from: START + 1, to: START }],
		['a window of 90 days and a second', { from: START, to: START + 90 * DAY + 1 }],
		['an unknown schedule-status', { from: START, to: START + DAY, 'schedule-status': 'failed' }],
		['page 0', { from: START, to: START + DAY, page: 0 }],
	])('%s is the documented 400', async (_, params) => {
		const { status, data } = await byCustomer('cust_card_0001', params);
		expect(status).toBe(400);
		expect(data.code).toBe(1);
	});

	test('a window of exactly 90 days is answered; an unknown customer has an empty page', async () => {
		expect(
			(await byCustomer('cust_card_0001', { from: START - 89 * DAY, to: START + DAY })).status,
		).toBe(200);
		const none = await byCustomer('cust_nope', window);
		expect(none.data.response).toEqual({ total: 0, previous: 0, next: 0, list: [] });
	});
});

describe('GET /subscribe/payments/schedule (window)', () => {
	const window = { schedule_from: START - 80 * DAY, schedule_to: START + 10 * DAY };

	test("every customer's schedules of the caller, newest first; sorting=scheduled is oldest first", async () => {
		const newest = midsOf(await byWindow(window));
		expect(newest).toEqual([
			'sch_0002_m2',
			'sch_0001_m3',
			'sch_0002_m1',
			'sch_0001_m0',
			'sch_0001_m2',
			'sch_0001_m1',
		]);
		expect(midsOf(await byWindow({ ...window, sorting: 'scheduled' }))).toEqual(
			[...newest].reverse(),
		);
		expect(newest).not.toContain('sch_tier_T01_m1');
		const t01 = await http.get('/subscribe/payments/schedule', {
			params: window,
			headers: { Tier: 'T01' },
		});
		expect(midsOf(t01)).toEqual(['sch_tier_T01_m1']);
	});

	test('schedule_status filters; limit pages; limit 1000 is the documented maximum', async () => {
		expect(midsOf(await byWindow({ ...window, schedule_status: 'scheduled' }))).toEqual([
			'sch_0002_m2',
			'sch_0001_m3',
		]);
		const two = await byWindow({ ...window, limit: 2, page: 2 });
		expect(two.data.response).toMatchObject({ total: 6, previous: 1, next: 3 });
		expect(midsOf(two)).toEqual(['sch_0002_m1', 'sch_0001_m0']);
		expect((await byWindow({ ...window, limit: 1000 })).status).toBe(200);
		expect((await byWindow({ ...window, limit: 1001 })).status).toBe(400);
		expect((await byWindow({ ...window, limit: 0 })).status).toBe(400);
	});

	test.each([
		['no schedule_from', { schedule_to: START }],
		['no schedule_to', { schedule_from: START }],
		['over 90 days', { schedule_from: START - 91 * DAY, schedule_to: START }],
		[
			'a bad schedule_status',
			{ schedule_from: START, schedule_to: START + DAY, schedule_status: 'paid' },
		],
		['a bad sorting', { schedule_from: START, schedule_to: START + DAY, sorting: 'amount' }],
		['a time that is no integer', { schedule_from: 'yesterday', schedule_to: START }],
	])('%s is a 400', async (_, params) => {
		expect((await byWindow(params)).status).toBe(400);
	});
});

describe('POST /subscribe/payments/unschedule', () => {
	test('customer_uid alone revokes every scheduled one of the customer and answers them', async () => {
		const { status, data } = await unschedule({ customer_uid: 'cust_card_0001' });
		expect(status).toBe(200);
		expect(data.response.map((s) => [s.merchant_uid, s.schedule_status, s.revoked_at])).toEqual([
			['sch_0001_m3', 'revoked', START],
			['sch_0001_m4', 'revoked', START],
		]);
		expect(statusOf('sch_0001_m1')).toBe('executed');
		expect(statusOf('sch_0002_m2')).toBe('scheduled');
		const shown = await byCustomer('cust_card_0001', {
			from: START,
			to: START + 40 * DAY,
			'schedule-status': 'revoked',
		});
		expect(midsOf(shown)).toEqual(['sch_0001_m4', 'sch_0001_m3']);
	});

	test('nothing left to revoke: HTTP 200, code 1, and nothing counted twice', async () => {
		await unschedule({ customer_uid: 'cust_card_0001' });
		const again = await unschedule({ customer_uid: 'cust_card_0001' });
		expect(again.status).toBe(200);
		expect(again.data).toEqual({ code: 1, message: MESSAGES.nothingToRevoke, response: null });
		expect(sim.changes.count('schedule.revoked', 'sch_0001_m3')).toBe(1);
		expect(sim.changes.count('schedule.revoked')).toBe(2);
	});

	test('merchant_uid (one or a list) revokes only those; executed and revoked ones are refused', async () => {
		const one = await unschedule({ customer_uid: 'cust_card_0001', merchant_uid: 'sch_0001_m3' });
		expect(one.data.response.map((s) => s.merchant_uid)).toEqual(['sch_0001_m3']);
		expect(statusOf('sch_0001_m4')).toBe('scheduled');
		for (const done of ['sch_0001_m1', 'sch_0001_m0', 'sch_0001_m3']) {
			const refused = await unschedule({ customer_uid: 'cust_card_0001', merchant_uid: [done] });
			expect(refused.data).toEqual({ code: 1, message: MESSAGES.nothingToRevoke, response: null });
		}
		expect(statusOf('sch_0001_m1')).toBe('executed');
		const mixed = await unschedule({
			customer_uid: 'cust_card_0001',
			merchant_uid: ['sch_0001_m1', 'sch_0001_m4'],
		});
		expect(mixed.data.response.map((s) => s.merchant_uid)).toEqual(['sch_0001_m4']);
	});

	test("a form body with merchant_uid[]; merchant_uid without customer_uid; another customer's is left alone", async () => {
		const text =
			'customer_uid=cust_card_0001&merchant_uid%5B%5D=sch_0001_m3&merchant_uid%5B%5D=sch_0001_m4';
		const formed = await form('POST', '/subscribe/payments/unschedule', text);
		expect(formed.data.response.map((s) => s.merchant_uid)).toEqual(['sch_0001_m3', 'sch_0001_m4']);
		expect(
			(await unschedule({ customer_uid: 'cust_card_0001', merchant_uid: ['sch_0002_m2'] })).data
				.code,
		).toBe(1);
		expect(
			(await unschedule({ merchant_uid: ['sch_0002_m2'] })).data.response[0].merchant_uid,
		).toBe('sch_0002_m2');
		expect((await unschedule({})).data).toEqual({
			code: 1,
			message: 'customer_uid 또는 merchant_uid 파라메터가 필요합니다.',
			response: null,
		});
	});

	test('a schedule whose time passed has run and can no longer be revoked', async () => {
		await advance(DAY);
		const run = (await http.get('/subscribe/payments/schedule/sch_0001_m3')).data.response;
		expect(run).toMatchObject({
			schedule_status: 'executed',
			payment_status: 'paid',
			executed_at: START + DAY,
		});
		expect(run.imp_uid).toMatch(/^imp_sch_/);
		const refused = await unschedule({
			customer_uid: 'cust_card_0001',
			merchant_uid: 'sch_0001_m3',
		});
		expect(refused.data.code).toBe(1);
		expect(sim.changes.count('schedule.executed', 'sch_0001_m3')).toBe(1);
	});

	test('revoked, then the connection dropped: the retry is refused and each was revoked once', async () => {
		sim.faults.add({
			method: 'POST',
			path: '/subscribe/payments/unschedule',
			action: 'applyThenReset',
		});
		await expect(
			http.post('/subscribe/payments/unschedule', { customer_uid: 'cust_card_0002' }),
		).rejects.toThrow();
		const retry = await unschedule({ customer_uid: 'cust_card_0002' });
		expect(retry.data.code).toBe(1);
		expect(sim.changes.list('schedule.revoked').map((c) => c.id)).toEqual(['sch_0002_m2']);
	});
});
