'use strict';
/**
 * A PortOne V2 run with a refused secret, through n8n-core's WorkflowExecute: one request (n8n-core's
 * resend after a 401 is switched off, a V2 secret has no token to renew), the clear message, and
 * a V1-looking key refused before anything is sent. No API secret may appear in any error or n8n
 * log line.
 */
const { capturedLogs, resetCapturedLogs } = require('./helpers/engine');
const { visibleText } = require('./helpers/setup');
const { startPortOneWorld, calls } = require('./helpers/portoneSetup');
const { portOnePaymentGet, portOneRefund } = require('./helpers/parameters');
const { V1_HINT, WRONG_SECRET, V1_KEY } = require('./helpers/portoneCredential');

beforeEach(resetCapturedLogs);

describe('a run with a refused secret (through n8n-core)', () => {
	const worlds = [];
	afterEach(async () => {
		for (const world of worlds.splice(0)) await world.simulator.stop();
	});
	async function world(credential) {
		const started = await startPortOneWorld({ credential });
		worlds.push(started);
		return started;
	}

	test.each([
		['Payment Get', portOnePaymentGet(), (id) => ({ paymentId: id })],
		['Payment Cancel (refund)', portOneRefund(), (id) => ({ paymentId: id, mode: 'full' })],
	])(
		'%s: stops after the first 401 (one request, the other items never sent) with the clear message',
		async (_name, parameters, item) => {
			const { simulator, engine } = await world({ apiSecret: WRONG_SECRET });
			const ids = ['pay-card-0001', 'pay-card-0002', 'pay-easypay-0001'];
			const { error, success, failure } = await engine.run(ids.map(item), parameters);
			expect(calls(simulator)).toEqual(['GET /payments/pay-card-0001']);
			expect(simulator.log.map((e) => e.status)).toEqual([401]);
			expect(error.message).toBe(
				'PortOne refused the API secret (HTTP 401 UNAUTHORIZED: 인증 정보가 올바르지 않습니다.)',
			);
			expect(error.description).toBe(`Nothing was changed. ${V1_HINT}`);
			expect([...success, ...failure]).toEqual([]);
			expect(simulator.payments.moneyMoved).toEqual([]);
			const text = visibleText(error, capturedLogs);
			for (const secret of [WRONG_SECRET, ...simulator.accounts.list.map((a) => a.apiSecret)])
				expect(text.includes(secret)).toBe(false);
		},
	);

	test('continue on fail: the same one request, then every item on Failure with the message', async () => {
		const { simulator, engine } = await world({ apiSecret: WRONG_SECRET });
		const ids = ['pay-card-0001', 'pay-card-0002'];
		const { error, success, failure } = await engine.run(
			ids.map((paymentId) => ({ paymentId, mode: 'full' })),
			portOneRefund(),
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(calls(simulator)).toEqual(['GET /payments/pay-card-0001']);
		expect(simulator.payments.moneyMoved).toEqual([]);
		expect(success).toEqual([]);
		expect(failure.map((i) => [i.json.paymentId, i.json.outcome, i.json.error])).toEqual(
			ids.map((id) => [
				id,
				'error',
				'PortOne refused the API secret (HTTP 401 UNAUTHORIZED: 인증 정보가 올바르지 않습니다.)',
			]),
		);
	});

	test('a V1-looking key in a run: refused before anything is sent', async () => {
		const { simulator, engine } = await world({ apiSecret: V1_KEY });
		const { error } = await engine.run([{ paymentId: 'pay-card-0001' }], portOnePaymentGet());
		expect(simulator.log).toHaveLength(0);
		expect(error.message).toMatch(/^The API Secret looks like an i'mport V1 REST API key/);
		expect(error.description).toBe('Nothing was sent. Fix the PortOne V2 API credential.');
	});
});
