'use strict';
/**
 * Payment Cancel (refund) through n8n's engine against the simulator: finding the payment by
 * merchant_uid among its attempts.
 */
const { freshWorldPerTest, outcomes } = require('./helpers/setup');
const { refund, paymentCalls, cancels, refundsOf } = require('./helpers/paymentCancel');

const world = freshWorldPerTest();

describe('by merchant_uid', () => {
	const byMerchant = (extra = {}) =>
		refund({ refundBy: 'merchantUid', merchantUid: '={{ $json.merchant_uid }}', ...extra });

	test('refunds the paid attempt (not the failed one), sent by its imp_uid', async () => {
		const { success } = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001', mode: 'full' }],
			byMerchant(),
		);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(success[0].json).toMatchObject({
			merchant_uid: 'order_retry_0001',
			imp_uid: 'imp_pay_retry_0001',
			refunded_amount: 12000,
		});
		expect(cancels(world.simulator)[0].body).toEqual({
			imp_uid: 'imp_pay_retry_0001',
			checksum: 12000,
		});
		expect(paymentCalls(world.simulator)[0]).toBe(
			'GET /payments/findAll/order_retry_0001?page=1&limit=100',
		);
	});

	test('an unknown merchant_uid: not_found, nothing sent', async () => {
		const { failure } = await world.engine.run(
			[{ merchant_uid: 'order_nope', mode: 'full' }],
			byMerchant(),
		);
		expect(outcomes(failure)).toEqual(['not_found']);
		expect(cancels(world.simulator)).toHaveLength(0);
	});

	test('two attempts with money left: ambiguous, nothing sent', async () => {
		world.simulator.payments.add({ imp_uid: 'imp_dup_a', merchant_uid: 'order_dup', amount: 5000 });
		world.simulator.payments.add({ imp_uid: 'imp_dup_b', merchant_uid: 'order_dup', amount: 5000 });
		const { failure } = await world.engine.run(
			[{ merchant_uid: 'order_dup', mode: 'full' }],
			byMerchant(),
		);
		expect(outcomes(failure)).toEqual(['ambiguous']);
		expect(failure[0].json.message).toMatch(/imp_dup_a/);
		expect(cancels(world.simulator)).toHaveLength(0);
	});

	test('a reference used on any attempt of the order is found', async () => {
		await world.engine.run(
			[{ merchant_uid: 'order_retry_0001', mode: 'partial', amount: 2000, ref: 'M-1' }],
			byMerchant(),
		);
		const again = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001', mode: 'partial', amount: 2000, ref: 'M-1' }],
			byMerchant(),
		);
		expect(outcomes(again.success)).toEqual(['already_refunded']);
		expect(refundsOf(world.simulator, 'imp_pay_retry_0001')).toHaveLength(1);
	});
});
