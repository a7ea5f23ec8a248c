'use strict';
/**
 * The simulator's request log and bulk payments, spoken to over plain HTTP (no node): what each
 * request leaves in the log, and 500 bulk payments each refundable once.
 */
const { rawSimulatorPerTest } = require('./helpers/rawSimulator');
const { START, paymentCalls } = require('./helpers/rawPayments');

const world = rawSimulatorPerTest(START);
let sim;
beforeEach(() => {
	({ sim } = world);
});

const { get, cancel, form } = paymentCalls(world);

describe('request log and bulk payments', () => {
	test('each request is logged with method, path, query and body; no token in query or body', async () => {
		await get('/payments/status/paid?limit=5&from=1');
		await form({
			imp_uid: 'imp_pay_card_0001',
			amount: '1000',
			checksum: '10000',
			reason: 'ref:1',
		});
		const [list, refund] = sim.log.filter((e) => e.rawPath.startsWith('/payments'));
		expect(list).toMatchObject({
			method: 'GET',
			rawPath: '/payments/status/paid',
			query: { limit: '5', from: '1' },
		});
		expect(refund).toMatchObject({
			method: 'POST',
			rawPath: '/payments/cancel',
			body: { imp_uid: 'imp_pay_card_0001', amount: '1000', checksum: '10000', reason: 'ref:1' },
		});
		const token = sim.issuedTokens[0];
		expect(JSON.stringify([list.query, list.body, refund.query, refund.body])).not.toContain(token);
	});

	test('500 bulk payments, each refundable once in full', async () => {
		const ids = sim.payments.addMany(500, {
			amount: 1000,
			each: (n) => (n % 2 ? { pay_method: 'trans' } : {}),
		});
		expect(new Set(ids).size).toBe(500);
		for (const imp_uid of ids.slice(0, 20)) {
			expect((await cancel({ imp_uid, checksum: 1000 })).data.code).toBe(0);
			expect((await cancel({ imp_uid, checksum: 1000 })).data.code).toBe(1);
		}
		expect(ids.slice(0, 20).every((id) => sim.payments.appliedRefunds(id) === 1)).toBe(true);
		expect(sim.payments.get(ids[1]).pay_method).toBe('trans');
		expect(() => sim.payments.add({ imp_uid: ids[0] })).toThrow(/exists already/);
	});
});
