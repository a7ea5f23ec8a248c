'use strict';
/**
 * PortOne V2 Payment → Cancel (refund) through n8n's engine against the V2 simulator: re-runs of
 * the same sheet, references, Idempotency-Keys, a request PortOne held, and Dry Run.
 */
const { outcomes } = require('./helpers/setup');
const { portOneWorldPerTest } = require('./helpers/portoneSetup');
const { portOneRefund } = require('./helpers/parameters');
const { cancels, moved } = require('./helpers/portonePaymentCancel');

const world = portOneWorldPerTest();

describe('re-runs and references', () => {
	const sheet = [
		{ paymentId: 'pay-card-0002', mode: 'partial', amount: 5000 },
		{ paymentId: 'pay-card-0002', mode: 'partial', amount: 7000, ref: 'RR-2' },
		{ paymentId: 'pay-card-0001', mode: 'full' },
	];

	test('the same sheet again (past the 3-hour idempotency window too): already_refunded, nothing more moves', async () => {
		const first = await world.engine.run(sheet, portOneRefund());
		expect(outcomes(first.success)).toEqual([
			'partially_refunded',
			'partially_refunded',
			'refunded',
		]);
		const posts = cancels(world.simulator).length;
		world.simulator.clock.advance(4 * 3600);
		const again = await world.engine.run(sheet, portOneRefund());
		expect(outcomes(again.success)).toEqual([
			'already_refunded',
			'already_refunded',
			'already_refunded',
		]);
		expect(again.success.map((i) => i.json.cancellation_id)).toEqual(
			first.success.map((i) => i.json.cancellation_id),
		);
		expect(cancels(world.simulator)).toHaveLength(posts);
		expect(world.simulator.payments.moneyMoved).toHaveLength(3);
	});

	test('two identical rows without references are one refund; a distinct reference makes a second', async () => {
		const rows = [
			{ paymentId: 'pay-card-0002', mode: 'partial', amount: 5000 },
			{ paymentId: 'pay-card-0002', mode: 'partial', amount: 5000 },
			{ paymentId: 'pay-card-0002', mode: 'partial', amount: 5000, ref: 'on-purpose' },
		];
		const { success } = await world.engine.run(rows, portOneRefund());
		expect(outcomes(success)).toEqual([
			'partially_refunded',
			'already_refunded',
			'partially_refunded',
		]);
		expect(moved(world.simulator, 'pay-card-0002')).toHaveLength(2);
	});

	test('the Idempotency-Key is the same for the same row in every run, different for another amount', async () => {
		await world.engine.run([sheet[0]], portOneRefund({ dryRun: false }));
		const key = cancels(world.simulator)[0].headers['idempotency-key'];
		world.simulator.payments.add({ id: 'pay-key-check', total: 50000 });
		await world.engine.run([{ ...sheet[0], paymentId: 'pay-key-check' }], portOneRefund());
		await world.engine.run(
			[{ ...sheet[0], paymentId: 'pay-key-check', amount: 5001 }],
			portOneRefund(),
		);
		const keys = cancels(world.simulator).map((e) => e.headers['idempotency-key']);
		expect(new Set(keys).size).toBe(3);
		expect(keys[0]).toBe(key);
	});

	test('a row whose request PortOne still held while another row moved the balance: the re-run sends it under a new key, and it is refunded once', async () => {
		const rows = [
			{ paymentId: 'pay-card-0002', mode: 'partial', amount: 1500 },
			{ paymentId: 'pay-card-0002', mode: 'partial', amount: 700 },
		];
		const options = { retries: 1, retryWaitMs: 1, timeoutMs: 200 };
		const hold = world.simulator.faults.hold({
			method: 'POST',
			path: '/payments/pay-card-0002/cancel',
		});
		const first = await world.engine.run(rows, portOneRefund({ options }), {
			onError: 'continueRegularOutput',
		});
		expect(outcomes(first.success)).toEqual(['partially_refunded']);
		expect(outcomes(first.failure)).toEqual(['error']);
		expect(first.failure[0].pairedItem.item).toBe(0);
		expect(first.failure[0].json.description).toMatch(/may or may not have gone through/);
		// PortOne finishes the held request now: its balance (50,000) is no longer the balance.
		const held = await hold.arrived;
		hold.release();
		for (let n = 0; n < 100 && held.status === null; n++)
			await new Promise((resolve) => setTimeout(resolve, 10));
		expect([held.status, held.answer.type]).toEqual([409, 'CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN']);

		const again = await world.engine.run(rows, portOneRefund({ options }));
		expect(outcomes(again.success)).toEqual(['partially_refunded', 'already_refunded']);
		const keysOfFirstRow = cancels(world.simulator)
			.filter((e) => e.body.amount === 1500)
			.map((e) => e.headers['idempotency-key']);
		expect(new Set(keysOfFirstRow).size).toBe(2);
		expect(again.success[0].json.idempotency_key).toBe(keysOfFirstRow.at(-1).slice(1, -1));
		expect(moved(world.simulator, 'pay-card-0002').map((m) => m.amount)).toEqual([700, 1500]);
	});

	test('Dry Run: would_refund with what is left, nothing sent', async () => {
		const { success } = await world.engine.run(
			[sheet[0], sheet[2]],
			portOneRefund({ dryRun: true }),
		);
		expect(outcomes(success)).toEqual(['would_refund', 'would_refund']);
		expect(success[0].json).toMatchObject({ refund_amount: 5000, remaining_amount: 50000 });
		expect(cancels(world.simulator)).toHaveLength(0);
	});
});
