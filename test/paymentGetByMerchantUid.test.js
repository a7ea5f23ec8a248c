'use strict';
/** Payment → Get by merchant_uid (the first in the Sort order, or every attempt) through n8n's real engine against the simulator. */
const { freshWorldPerTest, outcomes } = require('./helpers/setup');
const { paymentGet } = require('./helpers/parameters');
const { paymentGetReaders } = require('./helpers/paymentGet');

const world = freshWorldPerTest();
const { paymentRequests } = paymentGetReaders(world);

describe('Payment: Get by merchant_uid', () => {
	test('the first payment in the Sort order (default newest started); a status narrows it; unknown is not_found', async () => {
		const input = [{ merchant_uid: 'order_retry_0001' }, { merchant_uid: 'order_unknown' }];
		const { success, failure } = await world.engine.run(
			input,
			paymentGet({ lookUpBy: 'merchantUid', merchantUid: '={{ $json.merchant_uid }}' }),
		);
		expect(
			success.map((i) => [i.json.merchant_uid, i.json.outcome, i.json.response.imp_uid]),
		).toEqual([['order_retry_0001', 'found', 'imp_pay_retry_0001']]);
		expect(failure.map((i) => [i.json.merchant_uid, i.json.outcome, i.json.http_status])).toEqual([
			['order_unknown', 'not_found', 404],
		]);
		expect(paymentRequests().map((e) => e.rawUrl)).toEqual([
			'/payments/find/order_retry_0001?sorting=-started',
			'/payments/find/order_unknown?sorting=-started',
		]);

		world.simulator.log.length = 0;
		const failed = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001' }],
			paymentGet({
				lookUpBy: 'merchantUid',
				merchantUid: '={{ $json.merchant_uid }}',
				findStatus: 'failed',
			}),
		);
		expect(failed.success[0].json.response).toMatchObject({
			imp_uid: 'imp_pay_failed_0001',
			status: 'failed',
		});
		expect(paymentRequests().map((e) => e.rawUrl)).toEqual([
			'/payments/find/order_retry_0001/failed?sorting=-started',
		]);

		world.simulator.log.length = 0;
		const oldest = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001' }],
			paymentGet({
				lookUpBy: 'merchantUid',
				merchantUid: '={{ $json.merchant_uid }}',
				findSort: 'started',
			}),
		);
		expect(oldest.success[0].json.response.imp_uid).toBe('imp_pay_failed_0001');
	});

	test('all attempts: every page is read and the item carries { total, list }', async () => {
		world.simulator.payments.addMany(1500, {
			prefix: 'imp_attempt_',
			each: () => ({ merchant_uid: 'order_many_attempts' }),
		});
		const input = [
			{ merchant_uid: 'order_retry_0001' },
			{ merchant_uid: 'order_many_attempts' },
			{ merchant_uid: 'order_unknown' },
		];
		const { success, failure } = await world.engine.run(
			input,
			paymentGet({
				lookUpBy: 'merchantUidAll',
				merchantUid: '={{ $json.merchant_uid }}',
				options: { concurrency: 1 }, // one item after the other, so the requests come in input order
			}),
		);
		expect(
			success.map((i) => [
				i.json.merchant_uid,
				i.json.outcome,
				i.json.response.total,
				i.json.response.list.length,
			]),
		).toEqual([
			['order_retry_0001', 'found', 2, 2],
			['order_many_attempts', 'found', 1500, 1500],
		]);
		expect(success[0].json.response.list.map((p) => p.imp_uid)).toEqual([
			'imp_pay_retry_0001',
			'imp_pay_failed_0001',
		]);
		expect(new Set(success[1].json.response.list.map((p) => p.imp_uid)).size).toBe(1500);
		expect(outcomes(failure)).toEqual(['not_found']);
		expect(paymentRequests().map((e) => e.rawUrl)).toEqual([
			'/payments/findAll/order_retry_0001?sorting=-started&page=1&limit=1000',
			'/payments/findAll/order_many_attempts?sorting=-started&page=1&limit=1000',
			'/payments/findAll/order_many_attempts?sorting=-started&page=2&limit=1000',
			'/payments/findAll/order_unknown?sorting=-started&page=1&limit=1000',
		]);
	});

	test('a merchant_uid with path characters stays one segment; ".." is refused', async () => {
		await world.engine.run(
			[{ merchant_uid: 'ord/../er?x=1' }],
			paymentGet({ lookUpBy: 'merchantUidAll', merchantUid: '={{ $json.merchant_uid }}' }),
		);
		expect(paymentRequests().map((e) => e.rawPath)).toEqual([
			'/payments/findAll/ord%2F..%2Fer%3Fx%3D1',
		]);
		const { error } = await world.engine.run(
			[{ merchant_uid: '..' }],
			paymentGet({ lookUpBy: 'merchantUid', merchantUid: '={{ $json.merchant_uid }}' }),
		);
		expect(error.message).toMatch(/merchant_uid "\.\." is not a valid id/);
		expect(paymentRequests()).toHaveLength(1);
	});

	test('a status or sort outside the spec (set by expression) is refused before anything is sent', async () => {
		const bad = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001' }],
			paymentGet({
				lookUpBy: 'merchantUid',
				merchantUid: '={{ $json.merchant_uid }}',
				findStatus: '={{ "refunded" }}',
			}),
		);
		expect(bad.error.message).toMatch(/Payment Status must be one of/);
		const badSort = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001' }],
			paymentGet({
				lookUpBy: 'merchantUid',
				merchantUid: '={{ $json.merchant_uid }}',
				findSort: '={{ "-amount" }}',
			}),
		);
		expect(badSort.error.message).toMatch(/Sort must be one of/);
		expect(world.simulator.log).toHaveLength(0);
	});
});
