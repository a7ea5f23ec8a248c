'use strict';
/**
 * PortOne Trigger (V2): webhooks sent and signed by the V2 simulator exactly as PortOne sends them,
 * posted over HTTP to the built node served through n8n-core's WebhookContext
 * (helpers/portoneTriggerWorld.js); the ones that start nothing: refused with 401 and a warning
 * that says why, and verified ones this workflow does not take (not selected, Confirm, a bad
 * body, PortOne not answering the look-up). Real n8n: e2e.
 */
const { signedDelivery } = require('./portone-simulator/webhooks');
const { post } = require('./simulator/notifications');
const {
	portOneTriggerPerTest,
	SECRET,
	OTHER_SECRET,
	nowS,
} = require('./helpers/portoneTriggerWorld');

const t = portOneTriggerPerTest();
const { capturedLogs, serve, lookups, paid, deliver } = t;

describe('refused: 401, nothing started, nothing looked up, a warning that says why', () => {
	test.each([
		[
			'a forged signature (another secret)',
			() => ({ secrets: [OTHER_SECRET] }),
			/no_matching_signature/,
		],
		['a stale timestamp (301 s old)', () => ({ timestamp: nowS() - 301 }), /timestamp_too_old/],
		[
			'a timestamp from the future (301 s)',
			() => ({ timestamp: nowS() + 301 }),
			/timestamp_too_new/,
		],
		[
			'no webhook-signature header',
			() => ({ headers: { 'webhook-signature': '' } }),
			/missing_headers/,
		],
		[
			'a body changed after signing (one space)',
			(event) => ({ body: `${JSON.stringify(event)} ` }),
			/no_matching_signature/,
		],
	])('%s', async (_name, change, reason) => {
		await serve();
		const event = paid();
		// Built when the test runs: a timestamp taken earlier would drift into the tolerance.
		const result = await deliver(event, change(event));
		expect(result.status).toBe(401);
		expect(t.served.emitted()).toHaveLength(0);
		expect(lookups()).toHaveLength(0);
		expect(capturedLogs.some((l) => l.level === 'warn' && reason.test(l.message))).toBe(true);
	});

	test('a captured delivery replayed past the tolerance is refused by its timestamp', async () => {
		await serve();
		const signed = signedDelivery({
			event: paid(),
			secrets: [SECRET],
			id: 'msg_captured',
			timestamp: nowS() - 400,
		});
		const replay = await post(t.served.url, signed.body, {
			contentType: signed.contentType,
			headers: signed.headers,
		});
		expect(replay.status).toBe(401);
	});

	test('no webhook secret in the credential: every webhook refused, an error in the log', async () => {
		await serve({}, { webhookSecret: '' });
		expect((await deliver(paid())).status).toBe(401);
		expect(
			capturedLogs.some((l) => l.level === 'error' && /no Webhook Secret/.test(l.message)),
		).toBe(true);
	});
});

describe('verified but not for this workflow', () => {
	test('an event not selected, and an unknown type: 200, nothing started, nothing looked up', async () => {
		await serve();
		expect((await deliver({ ...paid(), type: 'Transaction.Ready' })).status).toBe(200);
		expect((await deliver({ ...paid(), type: 'Transaction.SomethingNew' })).status).toBe(200);
		expect(t.served.emitted()).toHaveLength(0);
		expect(lookups()).toHaveLength(0);
	});

	test('Transaction.Confirm is never approved: 409, nothing started', async () => {
		await serve({ events: ['Transaction.Paid'] });
		const result = await deliver({
			type: 'Transaction.Confirm',
			timestamp: t.sim.clock.iso(),
			data: { paymentId: 'pay-card-0001', storeId: 'x', transactionId: 't', totalAmount: 1000 },
		});
		expect(result.status).toBe(409);
		expect(t.served.emitted()).toHaveLength(0);
	});

	test.each([
		['an empty body', ''],
		['a body that is not JSON', 'hello'],
		['JSON that is not an object', '[1,2]'],
		[
			'a paymentId with a path character',
			JSON.stringify({
				type: 'Transaction.Paid',
				timestamp: '2026-01-01T00:00:00Z',
				data: { paymentId: '../x', storeId: 's' },
			}),
		],
	])('signed, but %s: 400, nothing started or looked up', async (_name, body) => {
		await serve();
		const signed = signedDelivery({
			event: paid(),
			secrets: [SECRET],
			id: 'msg_bad',
			timestamp: nowS(),
		});
		const { webhookHeaders } = require('./portone-simulator/webhooks');
		const headers = webhookHeaders({ id: 'msg_bad', timestamp: nowS(), body, secrets: [SECRET] });
		const result = await post(t.served.url, body, { contentType: signed.contentType, headers });
		expect([400, 422]).toContain(result.status);
		expect(t.served.emitted()).toHaveLength(0);
		expect(lookups()).toHaveLength(0);
	});

	test('PortOne cannot be asked about the payment: 503 (PortOne sends it again), nothing started', async () => {
		await serve({ options: { timeoutMs: 3000 } });
		t.sim.faults.add({
			method: 'GET',
			path: '/payments/',
			action: 'status',
			status: 503,
			times: Infinity,
		});
		expect((await deliver(paid())).status).toBe(503);
		expect(t.served.emitted()).toHaveLength(0);
	});
});
