'use strict';
/**
 * Payment Cancel (refund) through n8n's engine against the simulator: what i'mport refuses
 * (the PG, a checksum after a refund in between) and a virtual account's refund account.
 */
const { freshWorldPerTest, outcomes } = require('./helpers/setup');
const { refund, paymentCalls, cancels, refundsOf } = require('./helpers/paymentCancel');

const world = freshWorldPerTest();

describe("refusals by i'mport", () => {
	test("the PG refuses: pg_rejected with i'mport's message, nothing refunded", async () => {
		const { failure } = await world.engine.run(
			[{ imp_uid: 'imp_pay_pgfail_0001', mode: 'full' }],
			refund(),
		);
		expect(outcomes(failure)).toEqual(['pg_rejected']);
		expect(failure[0].json).toMatchObject({
			code: -1,
			refunded_amount: 0,
			remaining_amount: 25000,
		});
		expect(failure[0].json.message).toMatch(/결제취소에 실패하였습니다/);
		expect(world.simulator.payments.refunds).toHaveLength(0);
	});

	test('a virtual account with its refund account: the fields are sent and the refund goes through', async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_vbank_0001', mode: 'partial', amount: 10000 }],
			refund({
				refundFields: {
					refund_holder: '홍길동',
					refund_bank: '088',
					refund_account: '110123456789',
					refund_tel: '01012345678',
				},
			}),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(cancels(world.simulator)[0].body).toMatchObject({
			refund_holder: '홍길동',
			refund_bank: '088',
			refund_account: '110123456789',
			refund_tel: '01012345678',
		});
	});

	test("someone refunds in between: i'mport refuses the checksum, the look-up shows the balance moved -> balance_changed", async () => {
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method === 'POST' && entry.rawPath === '/payments/cancel') {
				world.simulator.hooks.onRequest = undefined;
				world.simulator.payments.cancel({
					imp_uid: 'imp_pay_card_0002',
					amount: 1000,
					reason: 'console',
				});
			}
		};
		const { failure } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 20000 }],
			refund(),
		);
		expect(outcomes(failure)).toEqual(['balance_changed']);
		expect(failure[0].json).toMatchObject({ code: 1, refunded_amount: 0, remaining_amount: 49000 });
		expect(paymentCalls(world.simulator)).toEqual([
			'GET /payments/imp_pay_card_0002',
			'POST /payments/cancel',
			'GET /payments/imp_pay_card_0002',
		]);
		expect(refundsOf(world.simulator, 'imp_pay_card_0002').map((r) => r.amount)).toEqual([1000]);
	});

	test('Full, and someone refunded everything in between: already_refunded', async () => {
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method === 'POST' && entry.rawPath === '/payments/cancel') {
				world.simulator.hooks.onRequest = undefined;
				world.simulator.payments.cancel({ imp_uid: 'imp_pay_card_0001', reason: 'console' });
			}
		};
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0001', mode: 'full' }],
			refund(),
		);
		expect(outcomes(success)).toEqual(['already_refunded']);
		expect(success[0].json).toMatchObject({ refunded_amount: 0, remaining_amount: 0 });
		expect(refundsOf(world.simulator, 'imp_pay_card_0001')).toHaveLength(1);
	});
});
