'use strict';
/**
 * PortOne Trigger (V2): webhooks sent and signed by the V2 simulator exactly as PortOne sends them,
 * posted over HTTP to the built node served through n8n-core's WebhookContext
 * (helpers/portoneTriggerWorld.js); the ones that start the workflow, with the payment look-up
 * through n8n-core's helpers and the PortOne V2 API credential, and no secret in anything it
 * answers, emits or logs. Real n8n: e2e.
 */
const { visibleText } = require('./helpers/setup');
const {
	portOneTriggerPerTest,
	SECRET,
	OLD_SECRET,
	OTHER_SECRET,
	nowS,
} = require('./helpers/portoneTriggerWorld');

const t = portOneTriggerPerTest();
const { capturedLogs, serve, lookups, paid, deliver } = t;

describe('signed webhooks start the workflow', () => {
	test('2024-04-25: verified, the payment looked up and emitted as PortOne reports it; event_key is the webhook-id', async () => {
		await serve();
		const result = await deliver(paid(), { id: 'msg_fixed_0001' });
		expect(result.status).toBe(200);
		expect(JSON.parse(result.answer)).toEqual({ received: true });
		const [item] = t.served.emitted();
		expect(item).toMatchObject({
			id: 'pay-card-0001',
			status: 'PAID',
			payment_found: true,
			event_key: 'msg_fixed_0001',
		});
		expect(item.webhook).toMatchObject({
			id: 'msg_fixed_0001',
			type: 'Transaction.Paid',
			version: '2024-04-25',
			paymentId: 'pay-card-0001',
		});
		expect(lookups().map((e) => e.rawPath)).toEqual(['/payments/pay-card-0001']);
	});

	test.each(['json', 'form'])('2024-01-01 as %s: read as the same event', async (format) => {
		await serve();
		const event = paid('pay-card-0002');
		const result = await deliver(event, { version: '2024-01-01', format });
		expect(result.status).toBe(200);
		const [item] = t.served.emitted();
		expect(item.webhook).toMatchObject({
			type: 'Transaction.Paid',
			version: '2024-01-01',
			status: 'Paid',
			paymentId: 'pay-card-0002',
		});
	});

	test('PortOne retries keep the webhook-id: the same event_key on every attempt (for Remove Duplicates)', async () => {
		await serve();
		const first = await deliver(paid(), { id: 'msg_retry_0001', timestamp: nowS() - 120 });
		const second = await deliver(paid(), { id: 'msg_retry_0001' });
		expect([first.status, second.status]).toEqual([200, 200]);
		expect(t.served.emitted().map((i) => i.event_key)).toEqual([
			'msg_retry_0001',
			'msg_retry_0001',
		]);
	});

	test('the simulator sends a cancel webhook when a refund succeeds; the trigger gets it as PortOne would send it', async () => {
		await serve();
		const record = t.sim.payments.record('pay-card-0002');
		t.sim.webhooks.emitTransaction(record, 'Transaction.PartialCancelled', {
			cancellationId: 'c-1',
		});
		await t.sim.webhooks.idle();
		expect(t.sim.webhooks.attempts.at(-1).status).toBe(200);
		expect(t.served.emitted()[0].webhook).toMatchObject({
			type: 'Transaction.PartialCancelled',
			cancellationId: 'c-1',
		});
	});

	test('rotation: the previous secret still verifies while it is in the credential; both signatures at once too', async () => {
		await serve({}, { webhookSecret: SECRET, previousWebhookSecret: OLD_SECRET });
		expect((await deliver(paid(), { secrets: [OLD_SECRET] })).status).toBe(200);
		expect((await deliver(paid(), { secrets: [OLD_SECRET, SECRET] })).status).toBe(200);
		expect(t.served.emitted()).toHaveLength(2);
		expect(capturedLogs.some((l) => /signed with the previous secret/.test(l.message))).toBe(true);
	});

	test('a webhook for a payment PortOne does not know is emitted with payment_found: false', async () => {
		await serve();
		expect((await deliver(paid('pay-nobody-knows'))).status).toBe(200);
		expect(t.served.emitted()[0]).toMatchObject({
			payment_found: false,
			event_key: expect.any(String),
		});
	});

	test('Look Up the Payment off: the webhook alone, nothing looked up', async () => {
		await serve({ lookUp: false });
		await deliver(paid());
		expect(t.served.emitted()[0].id).toBeUndefined();
		expect(lookups()).toHaveLength(0);
	});
});

test('no API secret or webhook secret in any answer, item or log', async () => {
	await serve();
	const answers = [await deliver(paid()), await deliver(paid(), { secrets: [OTHER_SECRET] })];
	const text = visibleText(answers, t.served.emitted(), capturedLogs);
	for (const secret of [...t.sim.accounts.list.map((a) => a.apiSecret), SECRET, SECRET.slice(6)]) {
		expect(text.includes(secret)).toBe(false);
	}
});
