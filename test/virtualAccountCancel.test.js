'use strict';
/**
 * Virtual Account → Cancel Issuance through n8n's real engine against the simulator's /vbanks
 * family (test/simulator/vbanks.js), and Payment → Cancel (refund)'s pointer to Cancel Issuance.
 * Lost answers on DELETE /vbanks are in virtualAccountFaults.test.js.
 */
const { freshWorldPerTest, ids, outcomes } = require('./helpers/setup');
const { vbankCancel, paymentCancel } = require('./helpers/parameters');
const { items, vbankTools } = require('./helpers/virtualAccount');

const world = freshWorldPerTest();
const { calls, changes, seedMore } = vbankTools(world);

describe('Cancel Issuance', () => {
	test('an unpaid account is closed once: GET then DELETE, cancelled on Success; a re-run is already_cancelled', async () => {
		const first = await world.engine.run(items('imp_pay_vbank_ready_0001'), vbankCancel());
		expect(first.failure).toEqual([]);
		expect(outcomes(first.success)).toEqual(['cancelled']);
		const { json, pairedItem } = first.success[0];
		expect(pairedItem).toEqual({ item: 0 });
		expect(json).toMatchObject({
			imp_uid: 'imp_pay_vbank_ready_0001',
			code: 0,
			http_status: 200,
			response: { status: 'cancelled', pay_method: 'vbank', cancel_amount: 0 },
			virtual_account: { state: 'closed', paid: false, bank_code: '088' },
		});
		expect(calls()).toEqual([
			'GET /payments/imp_pay_vbank_ready_0001?include_sandbox=true',
			'DELETE /vbanks/imp_pay_vbank_ready_0001',
		]);
		const second = await world.engine.run(items('imp_pay_vbank_ready_0001'), vbankCancel());
		expect(outcomes(second.success)).toEqual(['already_cancelled']);
		expect(world.simulator.requests('DELETE')).toHaveLength(1);
		expect(world.simulator.changes.count('vbank.revoked', 'imp_pay_vbank_ready_0001')).toBe(1);
	});

	test('every outcome of the look-up, each paired with its item; nothing but the unpaid ones is sent a DELETE', async () => {
		seedMore();
		const input = items(
			'imp_vbank_expired_0001',
			'imp_pay_vbank_0001',
			'imp_vb_refunded',
			'imp_pay_card_0001',
			'imp_vb_failed',
			'imp_nope',
			'imp_vb_sandbox',
		);
		const { outputs } = await world.engine.run(input, vbankCancel({ splitOutputs: false }));
		expect(ids(outputs[0])).toEqual(input.map((i) => i.imp_uid));
		expect(outcomes(outputs[0])).toEqual([
			'cancelled', // due date passed, still ready: closed all the same
			'already_paid',
			'already_paid',
			'not_virtual_account',
			'not_ready',
			'not_found',
			'cancelled', // a test-channel payment: looked up with include_sandbox=true
		]);
		expect(outputs[0].map((i) => i.pairedItem.item)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		const [, paid, refunded, card] = outputs[0].map((i) => i.json);
		expect(paid.message).toMatch(/paid into .*Payment → Cancel \(refund\)/);
		expect(paid).toMatchObject({ response: { status: 'paid' }, virtual_account: { paid: true } });
		expect(refunded.message).toMatch(/refunded/);
		expect(card).toMatchObject({ virtual_account: null, response: { pay_method: 'card' } });
		expect(card.message).toMatch(/not a virtual account/);
		expect(world.simulator.requests('DELETE').map((e) => e.rawPath)).toEqual([
			'/vbanks/imp_vbank_expired_0001',
			'/vbanks/imp_nope', // a look-up that finds nothing leaves the verdict to the DELETE: 404
			'/vbanks/imp_vb_sandbox',
		]);
		expect(changes('vbank.revoked')).toBe(2);
	});

	test('split outputs: closed and already closed on Success, the rest on Failure', async () => {
		const first = await world.engine.run(items('imp_pay_vbank_ready_0001'), vbankCancel());
		expect(outcomes(first.success)).toEqual(['cancelled']);
		const { success, failure } = await world.engine.run(
			items('imp_pay_vbank_0001', 'imp_pay_vbank_ready_0001'),
			vbankCancel(),
		);
		expect(outcomes(success)).toEqual(['already_cancelled']);
		expect(success[0].pairedItem).toEqual({ item: 1 });
		expect(outcomes(failure)).toEqual(['already_paid']);
		expect(failure[0].pairedItem).toEqual({ item: 0 });
	});

	test('Dry Run looks up only: would_cancel, already_cancelled, already_paid; no state changes', async () => {
		await world.engine.run(items('imp_vbank_expired_0001'), vbankCancel());
		const before = world.simulator.changes.list().length;
		world.simulator.log.length = 0;
		const { outputs } = await world.engine.run(
			items('imp_pay_vbank_ready_0001', 'imp_vbank_expired_0001', 'imp_pay_vbank_0001', 'imp_nope'),
			vbankCancel({ dryRun: true, splitOutputs: false }),
		);
		expect(outcomes(outputs[0])).toEqual([
			'would_cancel',
			'already_cancelled',
			'already_paid',
			'not_found',
		]);
		expect(world.simulator.changes.list()).toHaveLength(before);
		expect(
			world.simulator.log.every((e) => e.method === 'GET' || e.rawPath === '/users/getToken'),
		).toBe(true);
	});

	test('paid into between the look-up and the DELETE: refused, looked at again, already_paid', async () => {
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method !== 'DELETE') return;
			const record = world.simulator.payments.record('imp_pay_vbank_ready_0001');
			Object.assign(record.payment, { status: 'paid', paid_at: world.simulator.clock.now() });
		};
		const { failure } = await world.engine.run(items('imp_pay_vbank_ready_0001'), vbankCancel());
		expect(outcomes(failure)).toEqual(['already_paid']);
		expect(failure[0].json.message).toMatch(/Payment → Cancel \(refund\)/);
		expect(calls()).toEqual([
			'GET /payments/imp_pay_vbank_ready_0001?include_sandbox=true',
			'DELETE /vbanks/imp_pay_vbank_ready_0001',
			'GET /payments/imp_pay_vbank_ready_0001?include_sandbox=true',
		]);
		expect(changes('vbank.revoked')).toBe(0);
	});

	test('closed by someone else in between: already_cancelled; refused while still ready: invalid_request', async () => {
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method !== 'DELETE' || entry.rawPath !== '/vbanks/imp_pay_vbank_ready_0001') return;
			const record = world.simulator.payments.record('imp_pay_vbank_ready_0001');
			Object.assign(record.payment, { status: 'cancelled', cancelled_at: 1 });
		};
		world.simulator.faults.add({
			method: 'DELETE',
			path: '/vbanks/imp_vbank_expired_0001',
			action: 'status',
			status: 400,
			body: { code: 1, message: '가상계좌 말소에 실패하였습니다.', response: null },
		});
		const { outputs } = await world.engine.run(
			items('imp_pay_vbank_ready_0001', 'imp_vbank_expired_0001'),
			vbankCancel({ splitOutputs: false }),
		);
		expect(outputs[0].map((i) => [i.json.outcome, i.json.http_status])).toEqual([
			['already_cancelled', 200],
			['invalid_request', 400],
		]);
		expect(outputs[0][1].json.message).toBe('가상계좌 말소에 실패하였습니다.');
	});

	test('an odd id is one encoded segment in both paths', async () => {
		seedMore();
		const { success } = await world.engine.run(items('vb/../x?y#z %'), vbankCancel());
		expect(outcomes(success)).toEqual(['cancelled']);
		expect(calls()).toEqual([
			'GET /payments/vb%2F..%2Fx%3Fy%23z%20%25?include_sandbox=true',
			'DELETE /vbanks/vb%2F..%2Fx%3Fy%23z%20%25',
		]);
		expect(world.simulator.changes.count('vbank.revoked', 'vb/../x?y#z %')).toBe(1);
	});
});

describe('Payment → Cancel (refund) of an unpaid virtual account', () => {
	test('not_paid points to Virtual Account → Cancel Issuance; a failed card payment keeps its plain not_paid', async () => {
		const { failure } = await world.engine.run(
			[
				{ imp_uid: 'imp_pay_vbank_ready_0001', mode: 'full' },
				{ imp_uid: 'imp_pay_failed_0001', mode: 'full' },
			],
			paymentCancel(),
		);
		expect(outcomes(failure)).toEqual(['not_paid', 'not_paid']);
		expect(failure[0].json.message).toMatch(/Virtual Account → Cancel Issuance/);
		expect(failure[1].json.message).toBeNull();
		expect(world.simulator.requests('POST', '/payments/cancel')).toHaveLength(0);
	});
});
