'use strict';
/**
 * Subscription → Unschedule, Get Billing Key and Delete Billing Key through n8n's real engine
 * against the simulator's /subscribe family (test/simulator/subscribe.js, schedules.js). Lost
 * answers on the POST and the DELETE are in subscriptionFaults.test.js.
 */
const { freshWorldPerTest, outcomes, expectNoSecrets } = require('./helpers/setup');
const { unschedule, billingKeyGet, billingKeyDelete } = require('./helpers/parameters');

const world = freshWorldPerTest();

const status = (mid) => world.simulator.subscribe.getSchedule(mid).schedule_status;
const revoked = () => world.simulator.changes.count('schedule.revoked');
const posts = () => world.simulator.requests('POST', '/subscribe/payments/unschedule');
const mids = (schedules) => schedules.map((s) => s.merchant_uid);

describe('Unschedule', () => {
	test('all of a customer: looked up, then one POST with the customer_uid; what was withdrawn, its count and sum', async () => {
		const { success, failure } = await world.engine.run(
			[{ customer_uid: 'cust_card_0001' }],
			unschedule(),
		);
		expect(failure).toEqual([]);
		expect(outcomes(success)).toEqual(['unscheduled']);
		const { json, pairedItem } = success[0];
		expect(pairedItem).toEqual({ item: 0 });
		expect(json).toMatchObject({
			customer_uid: 'cust_card_0001',
			merchant_uids: null,
			count: 2,
			total_amount: 19800,
			currency: 'KRW',
			code: 0,
			http_status: 200,
		});
		expect(mids(json.schedules).sort()).toEqual(['sch_0001_m3', 'sch_0001_m4']);
		expect(json.schedules.every((s) => s.schedule_status === 'revoked')).toBe(true);
		expect(json.looked_up.from < json.looked_up.to).toBe(true);
		expect(posts().map((e) => JSON.parse(e.rawBody))).toEqual([{ customer_uid: 'cust_card_0001' }]);
		expect(['sch_0001_m3', 'sch_0001_m4'].map(status)).toEqual(['revoked', 'revoked']);
		expect(status('sch_0001_m1')).toBe('executed');
		expect(revoked()).toBe(2);
	});

	test('the same sheet again: nothing_scheduled on Success, nothing more withdrawn', async () => {
		const sheet = [{ customer_uid: 'cust_card_0001' }, { customer_uid: 'cust_card_0002' }];
		const first = await world.engine.run(sheet, unschedule());
		expect(outcomes(first.success)).toEqual(['unscheduled', 'unscheduled']);
		const again = await world.engine.run(sheet, unschedule());
		expect(again.failure).toEqual([]);
		expect(outcomes(again.success)).toEqual(['nothing_scheduled', 'nothing_scheduled']);
		expect(again.success[0].json).toMatchObject({ schedules: [], count: 0, total_amount: 0 });
		expect(revoked()).toBe(3);
	});

	test('only the named merchant_uids still scheduled are sent; executed ones are skipped and left alone', async () => {
		const { success } = await world.engine.run(
			[{ customer_uid: 'cust_card_0001', merchant_uids: 'sch_0001_m3, sch_0001_m1' }],
			unschedule(),
		);
		expect(outcomes(success)).toEqual(['unscheduled']);
		expect(success[0].json).toMatchObject({
			merchant_uids: ['sch_0001_m3', 'sch_0001_m1'],
			count: 1,
			total_amount: 9900,
			skipped: [{ merchant_uid: 'sch_0001_m1', schedule_status: 'executed' }],
			looked_up: null,
		});
		expect(mids(success[0].json.schedules)).toEqual(['sch_0001_m3']);
		expect(posts().map((e) => JSON.parse(e.rawBody))).toEqual([
			{ customer_uid: 'cust_card_0001', merchant_uid: ['sch_0001_m3'] },
		]);
		expect(world.simulator.requests('GET', '/subscribe').map((e) => e.rawPath)).toEqual([
			'/subscribe/payments/schedule/sch_0001_m3',
			'/subscribe/payments/schedule/sch_0001_m1',
		]);
		expect(status('sch_0001_m4')).toBe('scheduled');
	});

	test('named ones none of which is scheduled, or a customer with nothing: nothing_scheduled', async () => {
		const { outputs } = await world.engine.run(
			[
				{ customer_uid: 'cust_card_0001', merchant_uids: ['sch_0001_m0', 'sch_0001_m1'] },
				{ customer_uid: 'cust_nosched_0003' },
			],
			unschedule({ splitOutputs: false }),
		);
		expect(outputs[0].map((i) => [i.json.outcome, i.pairedItem.item])).toEqual([
			['nothing_scheduled', 0],
			['nothing_scheduled', 1],
		]);
		expect(outputs[0][0].json.skipped).toEqual([
			{ merchant_uid: 'sch_0001_m0', schedule_status: 'revoked' },
			{ merchant_uid: 'sch_0001_m1', schedule_status: 'executed' },
		]);
		// the named ones are known not scheduled: no POST; for "all", i'mport is asked (it sees beyond Look Ahead)
		expect(posts().map((e) => JSON.parse(e.rawBody))).toEqual([
			{ customer_uid: 'cust_nosched_0003' },
		]);
		expect(outputs[0][1].json.message).toBe('취소할 예약결제 기록이 존재하지 않습니다.');
		expect(revoked()).toBe(0);
	});

	test("an unknown merchant_uid, or another customer's, refuses the item: nothing sent", async () => {
		const { failure } = await world.engine.run(
			[
				{ customer_uid: 'cust_card_0001', merchant_uids: 'sch_0001_m3,sch_nope' },
				{ customer_uid: 'cust_card_0001', merchant_uids: 'sch_0001_m3\nsch_0002_m2' },
			],
			unschedule(),
		);
		expect(failure.map((i) => [i.json.outcome, i.pairedItem.item])).toEqual([
			['schedule_not_found', 0],
			['customer_mismatch', 1],
		]);
		expect(failure[0].json.missing).toEqual(['sch_nope']);
		expect(failure[1].json.other_customer).toEqual([
			{ merchant_uid: 'sch_0002_m2', customer_uid: 'cust_card_0002' },
		]);
		expect(posts()).toHaveLength(0);
		expect(revoked()).toBe(0);
	});

	test('Dry Run lists what would be withdrawn and changes nothing', async () => {
		const { success } = await world.engine.run(
			[
				{ customer_uid: 'cust_card_0001' },
				{ customer_uid: 'cust_card_0002', merchant_uids: 'sch_0002_m2' },
				{ customer_uid: 'cust_nosched_0003' },
			],
			unschedule({ dryRun: true }),
		);
		expect(outcomes(success)).toEqual([
			'would_unschedule',
			'would_unschedule',
			'nothing_scheduled',
		]);
		expect(mids(success[0].json.schedules).sort()).toEqual(['sch_0001_m3', 'sch_0001_m4']);
		expect(success[0].json).toMatchObject({ count: 2, total_amount: 19800 });
		expect(success[1].json).toMatchObject({ count: 1, total_amount: 29000 });
		expect(world.simulator.changes.list()).toEqual([]);
		expect(
			world.simulator.log.every((e) => e.method === 'GET' || e.rawPath === '/users/getToken'),
		).toBe(true);
	});

	test('two rows of one customer in a sheet run one after the other: unscheduled, then nothing_scheduled', async () => {
		const { success } = await world.engine.run(
			[
				{ customer_uid: 'cust_card_0001', merchant_uids: 'sch_0001_m3' },
				{ customer_uid: 'cust_card_0001' },
				{ customer_uid: 'cust_card_0001' },
			],
			unschedule({ options: { concurrency: 5 } }),
		);
		expect(outcomes(success)).toEqual(['unscheduled', 'unscheduled', 'nothing_scheduled']);
		expect(mids(success[1].json.schedules)).toEqual(['sch_0001_m4']);
		expect(revoked()).toBe(2);
	});

	test('Look Ahead bounds the look-up, not the unschedule: a schedule beyond it is withdrawn too', async () => {
		const far = world.simulator.clock.now() + 500 * 24 * 3600;
		world.simulator.subscribe.addSchedule({
			customer_uid: 'cust_nosched_0003',
			merchant_uid: 'sch_far_1',
			schedule_at: far,
			amount: 5000,
		});
		const dry = await world.engine.run(
			[{ customer_uid: 'cust_nosched_0003' }],
			unschedule({ dryRun: true, unscheduleFields: { lookAheadDays: 30 } }),
		);
		expect(outcomes(dry.success)).toEqual(['nothing_scheduled']);
		const real = await world.engine.run(
			[{ customer_uid: 'cust_nosched_0003' }],
			unschedule({ unscheduleFields: { lookAheadDays: 30 } }),
		);
		expect(outcomes(real.success)).toEqual(['unscheduled']);
		expect(mids(real.success[0].json.schedules)).toEqual(['sch_far_1']);
		expect(status('sch_far_1')).toBe('revoked');
		const slices = world.simulator.requests('GET', '/subscribe/payments/schedule/customers/');
		expect(slices.length).toBe(2); // 31 days: one slice per run
	});

	test.each([
		['an empty entry', 'sch_0001_m3,,sch_0001_m4', /entry 2 is empty/],
		['a trailing comma', 'sch_0001_m3,', /entry 2 is empty/],
		['a dot-dot entry', ['sch_0001_m3', '..'], /entry 2 "\.\." is not a valid id/],
		['an entry that is not text', ['sch_0001_m3', { id: 1 }], /entry 2 is not text \(object\)/],
		['a null entry', [null], /entry 1 is not text \(null\)/],
		['broken Unicode', ['sch_\uD800'], /entry 1 contains broken Unicode/],
		['more than 100', Array.from({ length: 101 }, (_v, n) => `m${n}`), /101 entries; at most 100/],
		['an object', { a: 1 }, /must be text \(entries separated by commas\) or a list, not object/],
	])('a list with %s is refused before anything is sent', async (_name, list, message) => {
		const { error } = await world.engine.run(
			[{ customer_uid: 'cust_card_0001' }, { customer_uid: 'cust_card_0001', merchant_uids: list }],
			unschedule(),
		);
		expect(error.message).toMatch(message);
		expect(error.context.itemIndex).toBe(1);
		expect(error.description).toBe('Nothing was sent for this item');
		expect(world.simulator.log).toHaveLength(0);
	});

	test.each([
		['an empty customer_uid', { customer_uid: '' }, /customer_uid is empty/],
		['a dot customer_uid', { customer_uid: '.' }, /customer_uid "\." is not a valid id/],
		[
			'a bad Look Ahead',
			{ customer_uid: 'cust_card_0001', days: 0 },
			/Look Ahead \(Days\) must be/,
		],
	])('%s is refused before anything is sent', async (_name, row, message) => {
		const { error } = await world.engine.run(
			[{ customer_uid: 'cust_card_0001', days: 30 }, row],
			unschedule({ unscheduleFields: { lookAheadDays: '={{ $json.days ?? 30 }}' } }),
		);
		expect(error.message).toMatch(message);
		expect(error.context.itemIndex).toBe(1);
		expect(world.simulator.log).toHaveLength(0);
	});

	test('odd ids go as one encoded segment each, and in the body as given', async () => {
		world.simulator.subscribe.addCustomer({
			customer_uid: 'c/../x?y',
			card_number: '4000-0000-0000-0001',
		});
		world.simulator.subscribe.addSchedule({
			customer_uid: 'c/../x?y',
			merchant_uid: 'm#1 %',
			schedule_at: world.simulator.clock.now() + 3600,
			amount: 100,
		});
		const { success } = await world.engine.run(
			[{ customer_uid: 'c/../x?y', merchant_uids: ['m#1 %'] }],
			unschedule(),
		);
		expect(outcomes(success)).toEqual(['unscheduled']);
		expect(world.simulator.requests('GET', '/subscribe').map((e) => e.rawPath)).toEqual([
			'/subscribe/payments/schedule/m%231%20%25',
		]);
		expect(JSON.parse(posts()[0].rawBody)).toEqual({
			customer_uid: 'c/../x?y',
			merchant_uid: ['m#1 %'],
		});
	});
});

describe('Get Billing Key', () => {
	test("the key as i'mport sends it, the card number masked; unknown is not_found", async () => {
		const run = await world.engine.run(
			[{ customer_uid: 'cust_card_0001' }, { customer_uid: 'cust_nope' }],
			billingKeyGet(),
		);
		expect(outcomes(run.success)).toEqual(['found']);
		expect(run.success[0].json.response).toEqual(
			world.simulator.subscribe.getCustomer('cust_card_0001'),
		);
		expect(run.success[0].json.response.card_number).toMatch(/^\d{6}\*+\d{4}$/);
		expect(run.failure.map((i) => [i.json.outcome, i.json.http_status, i.pairedItem.item])).toEqual(
			[['not_found', 404, 1]],
		);
		const text = JSON.stringify(run.result);
		expect(text).not.toMatch(/4140-?0300-?1234-?5678/);
		expectNoSecrets(world.simulator, run.result, run.outputs);
	});
});

describe('Delete Billing Key', () => {
	test('looked up, then deleted once, with the reason and requester; the same sheet again: already_deleted', async () => {
		const params = billingKeyDelete({
			billingKeyFields: { reason: '구독 해지', requester: 'customer' },
		});
		const first = await world.engine.run([{ customer_uid: 'cust_card_0002' }], params);
		expect(outcomes(first.success)).toEqual(['deleted']);
		expect(first.success[0].json).toMatchObject({
			customer_uid: 'cust_card_0002',
			code: 0,
			response: { customer_uid: 'cust_card_0002', card_number: expect.stringMatching(/\*/) },
		});
		const calls = world.simulator.log
			.filter((e) => e.rawPath !== '/users/getToken')
			.map((e) => `${e.method} ${e.rawUrl}`);
		expect(calls).toEqual([
			'GET /subscribe/customers/cust_card_0002',
			'DELETE /subscribe/customers/cust_card_0002?reason=%EA%B5%AC%EB%8F%85%20%ED%95%B4%EC%A7%80&extra%5Brequester%5D=customer',
		]);
		expect(world.simulator.subscribe.deletions).toMatchObject([
			{ customer_uid: 'cust_card_0002', reason: '구독 해지', requester: 'customer' },
		]);
		const again = await world.engine.run([{ customer_uid: 'cust_card_0002' }], params);
		expect(again.failure).toEqual([]);
		expect(outcomes(again.success)).toEqual(['already_deleted']);
		expect(again.success[0].json).toMatchObject({ http_status: 404, response: null });
		expect(world.simulator.requests('DELETE')).toHaveLength(1);
		expect(world.simulator.changes.count('billingKey.deleted', 'cust_card_0002')).toBe(1);
	});

	test('Dry Run: would_delete, already_deleted; nothing deleted', async () => {
		const { success } = await world.engine.run(
			[{ customer_uid: 'cust_card_0001' }, { customer_uid: 'cust_nope' }],
			billingKeyDelete({ dryRun: true }),
		);
		expect(outcomes(success)).toEqual(['would_delete', 'already_deleted']);
		expect(world.simulator.requests('DELETE')).toHaveLength(0);
		expect(world.simulator.changes.list()).toEqual([]);
	});

	test('deleted by someone between the look-up and the DELETE (404): looked at again, already_deleted', async () => {
		// The DELETE finds it gone (404), and so does the look-up after it.
		world.simulator.faults.add({
			method: 'DELETE',
			action: 'status',
			status: 404,
			body: {
				code: 1,
				message: '요청하신 customer_uid(cust_nosched_0003)로 등록된 정보를 찾을 수 없습니다.',
				response: null,
			},
		});
		world.simulator.faults.add({
			method: 'GET',
			when: (e) => e.method === 'GET' && world.simulator.requests('DELETE').length > 0,
			action: 'status',
			status: 404,
			body: { code: 1, message: 'gone', response: null },
		});
		const { success } = await world.engine.run(
			[{ customer_uid: 'cust_nosched_0003' }],
			billingKeyDelete(),
		);
		expect(outcomes(success)).toEqual(['already_deleted']);
		expect(world.simulator.requests('GET', '/subscribe')).toHaveLength(2);
	});

	test('bad input: an empty or dot id, a requester outside admin/customer; nothing sent', async () => {
		for (const [row, params, message] of [
			[{ customer_uid: '..' }, billingKeyDelete(), /is not a valid id/],
			[{ customer_uid: '' }, billingKeyGet(), /customer_uid is empty/],
			[
				{ customer_uid: 'cust_card_0001', who: 'boss' },
				billingKeyDelete({ billingKeyFields: { requester: '={{ $json.who }}' } }),
				/Requester \(Naver Pay\) must be "admin" or "customer"/,
			],
		]) {
			const { error } = await world.engine.run([row], params);
			expect(error.message).toMatch(message);
			expect(error.context.itemIndex).toBe(0);
			expect(error.description).toMatch(/nothing was sent for (it|this item)/i);
		}
		expect(world.simulator.log).toHaveLength(0);
	});

	test('an odd customer_uid is one encoded segment in both calls', async () => {
		world.simulator.subscribe.addCustomer({
			customer_uid: 'k/../?#',
			card_number: '4000-0000-0000-0002',
		});
		const { success } = await world.engine.run([{ customer_uid: 'k/../?#' }], billingKeyDelete());
		expect(outcomes(success)).toEqual(['deleted']);
		expect(world.simulator.log.slice(1).map((e) => `${e.method} ${e.rawUrl}`)).toEqual([
			'GET /subscribe/customers/k%2F..%2F%3F%23',
			'DELETE /subscribe/customers/k%2F..%2F%3F%23',
		]);
	});
});
