'use strict';
/**
 * The simulator's POST /payments/cancel, spoken to over plain HTTP (no node): refunds with
 * checksum, full and partial, bad amounts, by merchant_uid, virtual-account and PG refusals.
 */
const { rawSimulatorPerTest } = require('./helpers/rawSimulator');
const { START, paymentCalls } = require('./helpers/rawPayments');
const { MESSAGES } = require('./simulator/payments');

const world = rawSimulatorPerTest(START);
let sim;
let http;
beforeEach(() => {
	({ sim, http } = world);
});

const { get, cancel, form } = paymentCalls(world);

describe('POST /payments/cancel', () => {
	test('a checksum that is not what is left cancels nothing (HTTP 200, code 1)', async () => {
		const before = sim.payments.get('imp_pay_partial_0001');
		const { status, data } = await cancel({
			imp_uid: 'imp_pay_partial_0001',
			amount: 1000,
			checksum: 10000,
		});
		expect(status).toBe(200);
		expect(data.code).toBe(1);
		expect(data.message).toContain(MESSAGES.checksumMismatch);
		expect(data.response).toBe(null);
		expect(sim.payments.get('imp_pay_partial_0001')).toEqual(before);
		expect(sim.payments.appliedRefunds('imp_pay_partial_0001')).toBe(0);
	});

	test('partial then full refund; each entry with its own cancellation_id and the reason as sent', async () => {
		const partial = await cancel({
			imp_uid: 'imp_pay_card_0001',
			amount: 3000,
			checksum: 10000,
			reason: 'ref:R-1',
		});
		expect(partial.data.code).toBe(0);
		expect(partial.data.response).toMatchObject({
			amount: 10000,
			cancel_amount: 3000,
			status: 'cancelled',
			cancelled_at: START,
		});
		expect(partial.data.response.cancel_history).toEqual([
			expect.objectContaining({ amount: 3000, reason: 'ref:R-1', cancelled_at: START }),
		]);

		sim.clock.advance(60);
		const full = await form({ imp_uid: 'imp_pay_card_0001', checksum: '7000', reason: 'ref:R-2' });
		expect(full.data.code).toBe(0);
		const after = full.data.response;
		expect(after).toMatchObject({
			cancel_amount: 10000,
			status: 'cancelled',
			cancelled_at: START + 60,
			cancel_reason: 'ref:R-2',
		});
		expect(after.cancel_history.map((e) => [e.amount, e.reason])).toEqual([
			[3000, 'ref:R-1'],
			[7000, 'ref:R-2'],
		]);
		const cancellationIds = after.cancel_history.map((e) => e.cancellation_id);
		expect(new Set(cancellationIds).size).toBe(2);
		expect(cancellationIds.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
		expect((await get('/payments/imp_pay_card_0001')).data.response).toEqual(after);
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(2);
	});

	test('amount 0 or missing refunds the whole balance', async () => {
		const { data } = await cancel({ imp_uid: 'imp_pay_partial_0001', amount: 0 });
		expect(data.response.cancel_amount).toBe(10000);
		expect(data.response.cancel_history.at(-1).amount).toBe(9000);
	});

	test('a second full refund is refused: already fully cancelled', async () => {
		expect((await cancel({ imp_uid: 'imp_pay_card_0002' })).data.code).toBe(0);
		const again = await cancel({ imp_uid: 'imp_pay_card_0002' });
		expect(again.status).toBe(200);
		expect(again.data).toEqual({ code: 1, message: '이미 전액취소된 주문입니다.', response: null });
		const seeded = await cancel({ imp_uid: 'imp_pay_cancelled_0001', amount: 100 });
		expect(seeded.data.message).toBe('이미 전액취소된 주문입니다.');
		expect(sim.payments.appliedRefunds('imp_pay_card_0002')).toBe(1);
	});

	test('an amount above what is left is refused without change', async () => {
		const { data } = await cancel({ imp_uid: 'imp_pay_partial_0001', amount: 9001 });
		expect(data.code).toBe(1);
		expect(data.message).toContain(MESSAGES.exceedsBalance);
		expect(sim.payments.get('imp_pay_partial_0001').cancel_amount).toBe(1000);
	});

	test('bad amounts are refused, never read as "full"', async () => {
		for (const amount of [-1, 'abc', 10.5]) {
			const { data } = await cancel({ imp_uid: 'imp_pay_card_0001', amount });
			expect(data.code).toBe(1);
		}
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(0);
	});

	test('a body that is not an object is a 400; an amount that is not a number is refused', async () => {
		for (const body of ['[1]', 'null', '"imp_pay_card_0001"', '{bad json']) {
			const answer = await http.post('/payments/cancel', body, {
				headers: { 'content-type': 'application/json' },
			});
			expect(answer.status).toBe(400);
			expect(answer.data.code).toBe(1);
		}
		expect((await cancel({ imp_uid: 'imp_pay_card_0001', amount: true })).data.code).toBe(1);
		expect((await cancel({ imp_uid: 'imp_pay_card_0001', amount: { value: 1 } })).data.code).toBe(
			1,
		);
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(0);
	});

	test('unknown payment, and neither id sent', async () => {
		expect((await cancel({ imp_uid: 'imp_nope' })).data).toEqual({
			code: 1,
			message: '취소할 결제건이 존재하지 않습니다.',
			response: null,
		});
		expect((await cancel({ merchant_uid: 'order_nope' })).data.message).toBe(
			'취소할 결제건이 존재하지 않습니다.',
		);
		expect((await cancel({ amount: 100 })).data.code).toBe(1);
	});

	test('by merchant_uid it refunds the attempt that was paid; imp_uid wins when both are sent', async () => {
		const byOrder = await cancel({ merchant_uid: 'order_retry_0001', amount: 2000 });
		expect(byOrder.data.response.imp_uid).toBe('imp_pay_retry_0001');
		const both = await cancel({
			imp_uid: 'imp_pay_card_0002',
			merchant_uid: 'order_retry_0001',
			amount: 1000,
		});
		expect(both.data.response.imp_uid).toBe('imp_pay_card_0002');
		expect(sim.payments.get('imp_pay_retry_0001').cancel_amount).toBe(2000);
	});

	test('ready and failed payments are not refunded', async () => {
		expect((await cancel({ imp_uid: 'imp_pay_failed_0001' })).data.code).toBe(1);
		expect(
			(
				await cancel({
					imp_uid: 'imp_pay_vbank_ready_0001',
					refund_holder: 'x',
					refund_bank: '004',
					refund_account: '1',
				})
			).data.code,
		).toBe(1);
	});

	test('a virtual-account refund needs the refund account', async () => {
		const without = await cancel({
			imp_uid: 'imp_pay_vbank_0001',
			amount: 5000,
			refund_holder: '홍길동',
			refund_bank: '004',
		});
		expect(without.data).toEqual({ code: 1, message: MESSAGES.vbankRefundFields, response: null });
		expect(sim.payments.get('imp_pay_vbank_0001').cancel_amount).toBe(0);
		const withFields = await cancel({
			imp_uid: 'imp_pay_vbank_0001',
			amount: 5000,
			refund_holder: '홍길동',
			refund_bank: '004',
			refund_account: '12345678901234',
			refund_tel: '010-1234-5678',
			enable_webhook: true,
			extra: { requester: 'customer' },
		});
		expect(withFields.data.code).toBe(0);
		expect(withFields.data.response.cancel_amount).toBe(5000);
		expect(sim.payments.refunds.at(-1)).toMatchObject({
			imp_uid: 'imp_pay_vbank_0001',
			refund_holder: '홍길동',
			refund_bank: '004',
			refund_account: '12345678901234',
			refund_tel: '010-1234-5678',
			enable_webhook: true,
			extra: { requester: 'customer' },
		});
	});

	test('a PG refusal answers code -1 with the PG reason and changes nothing', async () => {
		const { status, data } = await cancel({ imp_uid: 'imp_pay_pgfail_0001', amount: 1000 });
		expect(status).toBe(200);
		expect(data.code).toBe(-1);
		expect(data.message).toMatch(/^결제취소에 실패하였습니다\. \[PG\] /);
		expect(data.response).toBe(null);
		expect(sim.payments.get('imp_pay_pgfail_0001').cancel_amount).toBe(0);

		sim.payments.setPgRefusal('imp_pay_card_0001', '[PG:1234] 매입 전 취소 불가');
		expect((await cancel({ imp_uid: 'imp_pay_card_0001' })).data.message).toBe(
			'결제취소에 실패하였습니다. [PG] [PG:1234] 매입 전 취소 불가',
		);
		sim.payments.setPgRefusal('imp_pay_card_0001', null);
		expect((await cancel({ imp_uid: 'imp_pay_card_0001' })).data.code).toBe(0);
	});

	test('a partial refund leaves the cash receipt alone; a re-issue is for what is left', async () => {
		await cancel({ imp_uid: 'imp_pay_receipt_0001', amount: 3000, checksum: 33000 });
		const receipt = await get('/receipts/imp_pay_receipt_0001');
		expect(receipt.data.response).toMatchObject({ amount: 33000, cancelled_at: 0 });
		expect((await http.delete('/receipts/imp_pay_receipt_0001')).data.code).toBe(0);
		const reissued = await http.post('/receipts/imp_pay_receipt_0001', {
			identifier: '01012345678',
		});
		expect(reissued.data.code).toBe(0);
		expect(reissued.data.response.amount).toBe(30000);
	});
});
