'use strict';
/**
 * Payment Cancel (refund) through n8n's engine against the simulator: a lost answer is looked
 * up again before anything is sent again.
 */
const { freshWorldPerTest, outcomes } = require('./helpers/setup');
const { refund, paymentCalls, cancels, refundsOf } = require('./helpers/paymentCancel');

const world = freshWorldPerTest();

describe('lost answers: looked up again before anything is sent again', () => {
	test('applied, then the connection dropped: refunded, applied once', async () => {
		world.simulator.faults.add({
			method: 'POST',
			path: '/payments/cancel',
			action: 'applyThenReset',
		});
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 4000 }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(paymentCalls(world.simulator)).toEqual([
			'GET /payments/imp_pay_card_0002',
			'POST /payments/cancel',
			'GET /payments/imp_pay_card_0002',
		]);
		expect(refundsOf(world.simulator, 'imp_pay_card_0002')).toHaveLength(1);
		expect(success[0].json.cancellation_id).toBe(
			refundsOf(world.simulator, 'imp_pay_card_0002')[0].cancellation_id,
		);
	});

	test.each([
		['reset before anything was done', { action: 'reset' }],
		['HTTP 502', { action: 'status', status: 502 }],
		['HTTP 504', { action: 'status', status: 504 }],
	])(
		'%s: looked up, then sent again with the same checksum; refunded once',
		async (_name, fault) => {
			world.simulator.faults.add({ method: 'POST', path: '/payments/cancel', ...fault });
			const { success } = await world.engine.run(
				[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 4000 }],
				refund(),
			);
			expect(outcomes(success)).toEqual(['partially_refunded']);
			expect(paymentCalls(world.simulator)).toEqual([
				'GET /payments/imp_pay_card_0002',
				'POST /payments/cancel',
				'GET /payments/imp_pay_card_0002',
				'POST /payments/cancel',
			]);
			expect(cancels(world.simulator).map((e) => e.body.checksum)).toEqual([50000, 50000]);
			expect(refundsOf(world.simulator, 'imp_pay_card_0002')).toHaveLength(1);
		},
	);

	test('the lost attempt goes through late, the retry is refused for it: refunded, once', async () => {
		let posts = 0;
		world.simulator.faults.add({ method: 'POST', path: '/payments/cancel', action: 'reset' });
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method === 'POST' && entry.rawPath === '/payments/cancel' && ++posts === 2) {
				// The first attempt reaches the PG only now, just before the retry (with what it carried).
				world.simulator.payments.cancel({
					imp_uid: 'imp_pay_card_0002',
					amount: 4000,
					checksum: 50000,
					reason: JSON.parse(entry.rawBody).reason,
				});
			}
		};
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 4000 }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(success[0].json).toMatchObject({ refunded_amount: 4000, remaining_amount: 46000 });
		expect(refundsOf(world.simulator, 'imp_pay_card_0002')).toHaveLength(1);
	});

	test('no answer at all, retries used up: an error that says to look before refunding again; nothing applied', async () => {
		world.simulator.faults.add({
			method: 'POST',
			path: '/payments/cancel',
			action: 'hang',
			times: Infinity,
		});
		const { error } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 4000 }],
			refund({ options: { retryWaitMs: 1, retries: 1, timeoutMs: 300 } }),
		);
		expect(error.message).toBe("i'mport did not answer in time");
		expect(error.description).toMatch(/may or may not have gone through/);
		expect(cancels(world.simulator)).toHaveLength(2);
		expect(world.simulator.payments.refunds).toHaveLength(0);
	});
});
