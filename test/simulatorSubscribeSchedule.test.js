'use strict';
/**
 * The simulator's /subscribe family over plain HTTP (no node): scheduling and the single schedule
 * look-up, and the paths and methods it does not simulate. Billing keys:
 * simulatorSubscribeBillingKeys.test.js; look-ups by customer and window and unschedule:
 * simulatorSchedules.test.js.
 */
const { rawSimulatorPerTest } = require('./helpers/rawSimulator');
const { START, DAY, enc, card, oneSchedule, subscribeCalls } = require('./helpers/rawSubscribe');
const { MESSAGES } = require('./simulator/schedules');

const world = rawSimulatorPerTest(START);
const { form, schedule, unschedule } = subscribeCalls(world);

describe('POST /subscribe/payments/schedule and GET /subscribe/payments/schedule/{merchant_uid}', () => {
	test('schedules for a known key: the list of ScheduleResultAnnotation, buyer taken from the key', async () => {
		const { status, data } = await schedule('cust_card_0002', [
			oneSchedule('sch_new_1'),
			oneSchedule('sch_new_2', START + 37 * DAY),
		]);
		expect(status).toBe(200);
		expect(data.response).toHaveLength(2);
		expect(data.response[0]).toMatchObject({
			customer_uid: 'cust_card_0002',
			merchant_uid: 'sch_new_1',
			imp_uid: null,
			schedule_status: 'scheduled',
			payment_status: null,
			executed_at: 0,
			revoked_at: 0,
			currency: 'KRW',
			buyer_name: '홍길동',
		});
		const one = await world.http.get('/subscribe/payments/schedule/sch_new_2');
		expect(one.status).toBe(200);
		expect(one.data.response).toEqual(data.response[1]);
		expect(world.sim.changes.count('schedule.created')).toBe(2);
	});

	test('a form body with schedules[0][field]', async () => {
		const text = new URLSearchParams({
			customer_uid: 'cust_card_0002',
			'schedules[0][merchant_uid]': 'sch_form_1',
			'schedules[0][schedule_at]': String(START + DAY),
			'schedules[0][amount]': '1000',
			'schedules[0][name]': '폼',
		}).toString();
		const { data } = await form('POST', '/subscribe/payments/schedule', text);
		expect(data.response.map((s) => [s.merchant_uid, s.amount])).toEqual([['sch_form_1', 1000]]);
	});

	test('a buyer without a key: refused without card fields, a key issued first with them', async () => {
		const refused = await schedule('cust_unknown', [oneSchedule('sch_u_1')]);
		expect(refused.status).toBe(200);
		expect(refused.data).toEqual({ code: 1, message: MESSAGES.unknownBuyer, response: null });
		const withCard = await schedule('cust_unknown', [oneSchedule('sch_u_1')], {
			card_number: card.card_number,
			expiry: card.expiry,
		});
		expect(withCard.data.code).toBe(0);
		expect(world.sim.subscribe.getCustomer('cust_unknown')).toMatchObject({
			card_number: '414003******0001',
		});
	});

	test.each([
		[
			'a merchant_uid scheduled before',
			[oneSchedule('sch_0001_m3')],
			`${MESSAGES.duplicate} (sch_0001_m3)`,
		],
		[
			'the same merchant_uid twice',
			[oneSchedule('sch_d'), oneSchedule('sch_d')],
			`${MESSAGES.duplicate} (sch_d)`,
		],
		[
			'a schedule_at in the past',
			[oneSchedule('sch_ok'), oneSchedule('sch_past', START - 1)],
			`${MESSAGES.pastSchedule} (sch_past)`,
		],
		[
			'no name',
			[oneSchedule('sch_noname', START + DAY, { name: '' })],
			'필수 파라메터(schedules.name)가 누락되었습니다.',
		],
		['no schedules', [], 'schedules 파라메터가 누락되었습니다.'],
	])('%s: HTTP 200, code 1, nothing scheduled', async (_, items, message) => {
		const before = world.sim.subscribe.schedules().length;
		const { status, data } = await schedule('cust_card_0001', items);
		expect(status).toBe(200);
		expect(data).toEqual({ code: 1, message, response: null });
		expect(world.sim.subscribe.schedules()).toHaveLength(before);
	});

	test('an unknown merchant_uid is a 404; an odd one is one encoded segment', async () => {
		const missing = await world.http.get('/subscribe/payments/schedule/sch_nope');
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({ code: 1, message: MESSAGES.notFound, response: null });
		const odd = 'sch/odd?#&1';
		await schedule('cust_card_0002', [oneSchedule(odd)]);
		expect(
			(await world.http.get(`/subscribe/payments/schedule/${enc(odd)}`)).data.response.merchant_uid,
		).toBe(odd);
	});
});

describe('paths and methods', () => {
	test('calls the simulator does not simulate are 404; a wrong method is 405', async () => {
		expect((await world.http.post('/subscribe/payments/again', {})).status).toBe(404);
		expect((await world.http.get('/subscribe/customers/cust_card_0001/payments')).status).toBe(404);
		expect((await world.http.put('/subscribe/customers/cust_card_0001', card)).status).toBe(405);
		expect((await world.http.get('/subscribe/payments/unschedule')).status).toBe(405);
	});
});
