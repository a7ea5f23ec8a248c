'use strict';
/**
 * Subscription → Get Billing Key and Delete Billing Key through n8n's real engine against the
 * simulator's /subscribe family (test/simulator/subscribe.js). Lost answers on the DELETE are in
 * subscriptionFaults.test.js.
 */
const { freshWorldPerTest, outcomes, expectNoSecrets } = require('./helpers/setup');
const { billingKeyGet, billingKeyDelete } = require('./helpers/parameters');

const world = freshWorldPerTest();

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
