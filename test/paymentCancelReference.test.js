'use strict';
/**
 * Payment Cancel (refund) through n8n's engine against the simulator: Refund Reference, and the
 * reference derived for a partial refund without one, make re-runs safe.
 */
const { freshWorldPerTest, outcomes } = require('./helpers/setup');
const { refund, cancels, refundsOf, derivedToken } = require('./helpers/paymentCancel');

const world = freshWorldPerTest();

describe('Refund Reference: safe re-runs of partial refunds', () => {
	const sheet = [
		{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000, ref: 'RR-1', reason: '반품' },
		{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 7000, ref: 'RR-2' },
		{ imp_uid: 'imp_pay_partial_0001', mode: 'partial', amount: 1000, ref: 'RR-3' },
	];

	test('the reference goes into the reason; a second run refunds nothing more', async () => {
		const first = await world.engine.run(sheet, refund());
		expect(outcomes(first.success)).toEqual([
			'partially_refunded',
			'partially_refunded',
			'partially_refunded',
		]);
		expect(cancels(world.simulator).map((e) => e.body.reason)).toEqual([
			'[ref:RR-1] 반품',
			'[ref:RR-2]',
			'[ref:RR-3]',
		]);
		const refundedBefore = world.simulator.payments.refunds.length;
		const postsBefore = cancels(world.simulator).length;

		const second = await world.engine.run(sheet, refund());
		expect(outcomes(second.success)).toEqual([
			'already_refunded',
			'already_refunded',
			'already_refunded',
		]);
		expect(second.success.map((i) => i.json.cancellation_id)).toEqual(
			first.success.map((i) => i.json.cancellation_id),
		);
		expect(second.success.map((i) => i.json.refunded_amount)).toEqual([0, 0, 0]);
		expect(cancels(world.simulator)).toHaveLength(postsBefore);
		expect(world.simulator.payments.refunds).toHaveLength(refundedBefore);
	});

	test('without a reference, running a partial refund again refunds nothing more: its derived reference is found', async () => {
		const item = [{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000 }];
		const first = await world.engine.run(item, refund());
		expect(first.success[0].json).toMatchObject({
			outcome: 'partially_refunded',
			refund_reference: derivedToken('imp_pay_card_0002', 5000).slice(5, -1),
			refund_reference_derived: true,
		});
		const again = await world.engine.run(item, refund());
		expect(outcomes(again.success)).toEqual(['already_refunded']);
		expect(again.success[0].json).toMatchObject({
			refunded_amount: 0,
			cancellation_id: first.success[0].json.cancellation_id,
		});
		expect(refundsOf(world.simulator, 'imp_pay_card_0002').map((r) => r.amount)).toEqual([5000]);
	});

	test('two rows asking the same amount of the same payment without references: one refund (a second needs its own reference)', async () => {
		const rows = [
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000 },
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000 },
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000, ref: 'second-on-purpose' },
		];
		const { success } = await world.engine.run(rows, refund());
		expect(outcomes(success)).toEqual([
			'partially_refunded',
			'already_refunded',
			'partially_refunded',
		]);
		expect(refundsOf(world.simulator, 'imp_pay_card_0002').map((r) => r.amount)).toEqual([
			5000, 5000,
		]);
	});

	test('a Full refund needs no reference to be re-run safely', async () => {
		const item = [{ imp_uid: 'imp_pay_card_0001', mode: 'full' }];
		await world.engine.run(item, refund());
		const again = await world.engine.run(item, refund());
		expect(outcomes(again.success)).toEqual(['already_refunded']);
		expect(refundsOf(world.simulator, 'imp_pay_card_0001')).toHaveLength(1);
	});

	test('Dry Run reports a refund that carries the reference as already_refunded', async () => {
		await world.engine.run([sheet[0]], refund());
		const dry = await world.engine.run([sheet[0]], refund({ dryRun: true }));
		expect(outcomes(dry.success)).toEqual(['already_refunded']);
	});

	test('another run refunds the same reference in between: already_refunded, not twice', async () => {
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method === 'POST' && entry.rawPath === '/payments/cancel') {
				world.simulator.hooks.onRequest = undefined;
				world.simulator.payments.cancel({
					imp_uid: 'imp_pay_card_0002',
					amount: 5000,
					reason: '[ref:RR-1] 반품',
					checksum: 50000,
				});
			}
		};
		const { success } = await world.engine.run([sheet[0]], refund());
		expect(outcomes(success)).toEqual(['already_refunded']);
		expect(refundsOf(world.simulator, 'imp_pay_card_0002')).toHaveLength(1);
	});
});
