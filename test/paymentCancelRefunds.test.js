'use strict';
/**
 * Payment Cancel (refund) through n8n's engine against the simulator: Full and Partial refunds,
 * what goes into the body, two refunds of one payment in one run, and the outputs.
 */
const { freshWorldPerTest, outcomes, expectNoSecrets } = require('./helpers/setup');
const {
	refund,
	paymentCalls,
	cancels,
	refundsOf,
	derivedToken,
} = require('./helpers/paymentCancel');

const world = freshWorldPerTest();

describe('refunds', () => {
	test('Full: looks the payment up, sends no amount and checksum = what is left; refunded', async () => {
		const { success, failure } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0001', mode: 'full' }],
			refund(),
		);
		expect(failure).toEqual([]);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(paymentCalls(world.simulator)).toEqual([
			'GET /payments/imp_pay_card_0001',
			'POST /payments/cancel',
		]);
		expect(cancels(world.simulator)[0].body).toEqual({
			imp_uid: 'imp_pay_card_0001',
			checksum: 10000,
		});
		const [applied] = refundsOf(world.simulator, 'imp_pay_card_0001');
		expect(success[0].json).toMatchObject({
			imp_uid: 'imp_pay_card_0001',
			merchant_uid: 'order_pay_card_0001',
			outcome: 'refunded',
			refund_mode: 'full',
			refund_amount: 10000,
			refunded_amount: 10000,
			remaining_amount: 0,
			cancellation_id: applied.cancellation_id,
			refund_reference: null,
			code: 0,
			message: null,
			http_status: 200,
		});
		expect(success[0].json.payment).toMatchObject({
			amount: 10000,
			cancel_amount: 10000,
			status: 'cancelled',
		});
		expect(success[0].pairedItem).toEqual({ item: 0 });
		expectNoSecrets(world.simulator, success);
	});

	test('Partial: amount and checksum sent; partially_refunded with what is left', async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 15000, reason: '부분 반품' }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(cancels(world.simulator)[0].body).toEqual({
			imp_uid: 'imp_pay_card_0002',
			checksum: 50000,
			amount: 15000,
			reason: `${derivedToken('imp_pay_card_0002', 15000)} 부분 반품`,
		});
		expect(success[0].json).toMatchObject({
			refund_amount: 15000,
			refunded_amount: 15000,
			remaining_amount: 35000,
		});
		expect(success[0].json.cancellation_id).toBe(
			refundsOf(world.simulator, 'imp_pay_card_0002')[0].cancellation_id,
		);
	});

	test("the docs' example: 10,000 paid, 1,000 refunded before, so the checksum is 9,000", async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_partial_0001', mode: 'partial', amount: 2000 }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(cancels(world.simulator)[0].body.checksum).toBe(9000);
		expect(success[0].json.remaining_amount).toBe(7000);
	});

	test('a partial refund of exactly what is left is refunded (nothing left)', async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_partial_0001', mode: 'partial', amount: 9000 }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(success[0].json.remaining_amount).toBe(0);
	});

	test('Full of a partly refunded payment refunds what is left', async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_partial_0001', mode: 'full' }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(success[0].json).toMatchObject({
			refund_amount: 9000,
			refunded_amount: 9000,
			remaining_amount: 0,
		});
		expect(refundsOf(world.simulator, 'imp_pay_partial_0001').map((r) => r.amount)).toEqual([9000]);
	});

	test("optional fields go into the body as i'mport expects them", async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 11000 }],
			refund({
				refundFields: {
					tax_free: 1000,
					vat_amount: 909,
					enable_webhook: true,
					requester: 'customer',
					retain_promotion: false,
				},
			}),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(cancels(world.simulator)[0].body).toEqual({
			imp_uid: 'imp_pay_card_0002',
			checksum: 50000,
			amount: 11000,
			reason: derivedToken('imp_pay_card_0002', 11000),
			tax_free: 1000,
			vat_amount: 909,
			enable_webhook: true,
			retain_promotion: false,
			extra: { requester: 'customer' },
		});
		const [applied] = refundsOf(world.simulator, 'imp_pay_card_0002');
		expect(applied).toMatchObject({
			tax_free: 1000,
			vat_amount: 909,
			enable_webhook: true,
			extra: { requester: 'customer' },
		});
	});

	test('two refunds of one payment in one run go one after the other, each with the balance before it', async () => {
		const items = [
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 10000 },
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000 },
			{ imp_uid: 'imp_pay_card_0002', mode: 'full' },
		];
		const { success, failure } = await world.engine.run(
			items,
			refund({ options: { concurrency: 5 } }),
		);
		expect(failure).toEqual([]);
		expect(outcomes(success)).toEqual(['partially_refunded', 'partially_refunded', 'refunded']);
		expect(cancels(world.simulator).map((e) => e.body.checksum)).toEqual([50000, 40000, 35000]);
		expect(refundsOf(world.simulator, 'imp_pay_card_0002').map((r) => r.amount)).toEqual([
			10000, 5000, 35000,
		]);
	});
});

describe('outputs', () => {
	test('Split off: one output, input order, every item once', async () => {
		const items = [
			{ imp_uid: 'imp_pay_pgfail_0001', mode: 'full' },
			{ imp_uid: 'imp_pay_card_0001', mode: 'full' },
			{ imp_uid: 'imp_pay_cancelled_0001', mode: 'full' },
		];
		const { outputs } = await world.engine.run(items, refund({ splitOutputs: false }));
		expect(outputs).toHaveLength(1);
		expect(outputs[0].map((i) => [i.pairedItem.item, i.json.outcome])).toEqual([
			[0, 'pg_rejected'],
			[1, 'refunded'],
			[2, 'already_refunded'],
		]);
	});

	test('a sub-merchant (tier) payment is refunded with the tier credential', async () => {
		const { createEngine } = require('./helpers/engine');
		const engine = createEngine({
			impKey: 'test_imp_key',
			impSecret: 'test_imp_secret_DO_NOT_LEAK',
			baseUrl: world.baseUrl,
			tierCode: 'T01',
		});
		const { success } = await engine.run(
			[{ imp_uid: 'imp_pay_tier_T01_0001', mode: 'full' }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(cancels(world.simulator)[0].headers.tier).toBe('T01');
	});
});
