'use strict';
/**
 * Fault injection on the simulator's /payments family, spoken to over plain HTTP (no node): a
 * refund applied and its answer lost (reset, hang, 502), a reset before the work, and faults that
 * answer instead of the route.
 */
const { rawSimulatorPerTest } = require('./helpers/rawSimulator');
const { START, paymentCalls } = require('./helpers/rawPayments');

const world = rawSimulatorPerTest(START);
let sim;
let http;
beforeEach(() => {
	({ sim, http } = world);
});

const { get, cancel } = paymentCalls(world);

describe('fault injection on /payments', () => {
	test('apply-then-reset: the refund is applied exactly once, the answer is lost', async () => {
		const rule = sim.faults.add({
			method: 'POST',
			path: '/payments/cancel',
			action: 'applyThenReset',
		});
		const lost = await cancel({
			imp_uid: 'imp_pay_card_0001',
			amount: 4000,
			checksum: 10000,
			reason: 'ref:R-9',
		}).then(
			() => null,
			(error) => error,
		);
		expect(lost).not.toBe(null);
		expect(lost.code).toMatch(/ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED/);
		expect(rule.fired).toBe(1);
		const [entry] = sim.requests('POST', '/payments/cancel');
		expect(entry).toMatchObject({ status: 'reset', appliedStatus: 200 });

		const after = (await get('/payments/imp_pay_card_0001')).data.response;
		expect(after.cancel_amount).toBe(4000);
		expect(after.cancel_history.filter((e) => e.reason === 'ref:R-9')).toHaveLength(1);
		// Repeating the lost call with the same checksum cannot refund again.
		const repeat = await cancel({
			imp_uid: 'imp_pay_card_0001',
			amount: 4000,
			checksum: 10000,
			reason: 'ref:R-9',
		});
		expect(repeat.data.code).toBe(1);
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(1);
	});

	test('apply-then-hang (a timeout) and apply-then-502: applied once, the answer never says so', async () => {
		sim.faults.add({ method: 'POST', path: '/payments/cancel', action: 'applyThenHang' });
		await expect(
			http.post(
				'/payments/cancel',
				{ imp_uid: 'imp_pay_card_0001', amount: 1000, checksum: 10000 },
				{ timeout: 300 },
			),
		).rejects.toThrow();
		sim.faults.add({
			method: 'POST',
			path: '/payments/cancel',
			action: 'applyThenStatus',
			status: 502,
		});
		const gateway = await cancel({ imp_uid: 'imp_pay_card_0001', amount: 1000, checksum: 9000 });
		expect(gateway.status).toBe(502);
		expect(gateway.data.code).not.toBe(0);
		const payment = sim.payments.get('imp_pay_card_0001');
		expect(payment.cancel_amount).toBe(2000);
		expect(payment.cancel_history).toHaveLength(2);
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(2);
		expect(
			sim.requests('POST', '/payments/cancel').map((e) => [e.status, e.appliedStatus]),
		).toEqual([
			['hang', 200],
			[502, 200],
		]);
	});

	test('reset before the work: nothing is applied', async () => {
		sim.faults.add({ method: 'POST', path: '/payments/cancel', action: 'reset' });
		await expect(cancel({ imp_uid: 'imp_pay_card_0001' })).rejects.toThrow();
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(0);
	});

	test('status, unauthorized and non-JSON faults answer instead of the route', async () => {
		sim.faults.add({ method: 'GET', path: '/payments/status/', action: 'status', status: 502 });
		expect((await get('/payments/status/paid')).status).toBe(502);
		sim.faults.add({ method: 'GET', path: /^\/payments$/, action: 'unauthorized' });
		expect((await get('/payments?imp_uid[]=imp_pay_card_0001')).status).toBe(401);
		sim.faults.add({ method: 'POST', path: '/payments/cancel', action: 'nonJson', status: 504 });
		const html = await cancel({ imp_uid: 'imp_pay_card_0001' });
		expect(html.status).toBe(504);
		expect(typeof html.data).toBe('string');
		expect(sim.payments.appliedRefunds('imp_pay_card_0001')).toBe(0);
		// the rules fired once each; the route answers again
		expect((await get('/payments/status/paid')).status).toBe(200);
	});
});
