'use strict';
/** Payment → Get through n8n's real engine against the simulator: answers the spec does not document, and no secret in outputs, errors or logs. */
const { freshWorldPerTest, expectNoSecrets } = require('./helpers/setup');
const { paymentGet } = require('./helpers/parameters');
const { paymentGetReaders } = require('./helpers/paymentGet');

const world = freshWorldPerTest();
const { paymentRequests } = paymentGetReaders(world);

describe('Payment: Get, answers the spec does not document', () => {
	test("HTTP 200 with a non-zero code is rejected (Failure), with i'mport's message", async () => {
		world.simulator.faults.add({
			action: 'status',
			status: 200,
			body: { code: 1, message: '조회 권한이 없습니다.', response: null },
			path: '/payments/',
		});
		const { success, failure } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0001' }],
			paymentGet(),
		);
		expect(success).toHaveLength(0);
		expect(failure.map((i) => i.json)).toEqual([
			{
				imp_uid: 'imp_pay_card_0001',
				outcome: 'rejected',
				code: 1,
				message: '조회 권한이 없습니다.',
				response: null,
				http_status: 200,
			},
		]);
	});

	test('all attempts: a page whose `next` does not move forward stops the item with an error instead of looping', async () => {
		const stuck = {
			code: 0,
			message: null,
			response: {
				total: 40,
				previous: 0,
				next: 1,
				list: [world.simulator.payments.get('imp_pay_retry_0001')],
			},
		};
		world.simulator.faults.add({
			action: 'status',
			status: 200,
			body: stuck,
			path: '/payments/findAll/',
			times: Infinity,
		});
		const { success, failure } = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001' }],
			paymentGet({ lookUpBy: 'merchantUidAll', merchantUid: '={{ $json.merchant_uid }}' }),
			{ onError: 'continueRegularOutput' },
		);
		expect(success).toHaveLength(0);
		expect(failure.map((i) => [i.json.merchant_uid, i.json.outcome, i.json.error])).toEqual([
			[
				'order_retry_0001',
				'error',
				"i'mport's paging did not move forward (page 1 said next is 1)",
			],
		]);
		expect(paymentRequests()).toHaveLength(1);
	});
});

test('Get: neither the API secret nor any token appears in outputs, errors or logs', async () => {
	const input = [{ imp_uid: 'imp_pay_card_0001' }, { imp_uid: 'imp_nope' }];
	const run = await world.engine.run(input, paymentGet());
	world.simulator.faults.add({
		action: 'status',
		status: 502,
		path: '/payments/',
		times: Infinity,
	});
	const failed = await world.engine.run(input, paymentGet({ options: { retries: 0 } }));
	expect(failed.error).toBeDefined();
	expectNoSecrets(world.simulator, run, failed);
});
