'use strict';
/**
 * The PortOne V2 simulator's webhook retries, driven by the clock with the same webhook-id and a
 * fresh timestamp, giving up after the last resend, seeded jitter; and raw sends for negative
 * cases, and webhooks without a secret.
 */
const { startReceiver, START } = require('./helpers/portoneHttp');
const { MAX_ATTEMPTS } = require('./portone-simulator/webhooks');
const { SECRET, verifies, webhookReceiverPerTest } = require('./helpers/portoneWebhookReceiver');

const t = webhookReceiverPerTest();

describe('retries', () => {
	test('same webhook-id and body, a new timestamp per attempt, 1 then 4 minutes after each failure', async () => {
		t.receiver.status = (n) => (n <= 2 ? 500 : 204);
		const delivery = t.sim.webhooks.emitTransaction(
			t.sim.payments.record('pay-card-0001'),
			'Transaction.Paid',
		);
		await t.sim.webhooks.idle();
		t.sim.clock.advance(59);
		expect(await t.sim.webhooks.runDue()).toEqual([]);
		t.sim.clock.advance(1);
		expect((await t.sim.webhooks.runDue()).map((a) => a.status)).toEqual([500]);
		t.sim.clock.advance(4 * 60 - 1);
		expect(await t.sim.webhooks.runDue()).toEqual([]);
		t.sim.clock.advance(1);
		expect((await t.sim.webhooks.runDue()).map((a) => a.status)).toEqual([204]);
		expect(delivery.state).toBe('succeeded');
		const sent = t.receiver.received;
		expect(sent.map((r) => r.headers['webhook-id'])).toEqual([
			delivery.id,
			delivery.id,
			delivery.id,
		]);
		expect(new Set(sent.map((r) => r.body)).size).toBe(1);
		expect(sent.map((r) => Number(r.headers['webhook-timestamp']) - START / 1000)).toEqual([
			0, 60, 300,
		]);
		expect(sent.every((r) => verifies(SECRET, r))).toBe(true);
		expect(JSON.parse(sent[2].body).timestamp).toBe(new Date(START).toISOString());
	});

	test('gives up after the first attempt and 5 resends; an unreachable URL counts as a failure', async () => {
		t.receiver.status = () => 503;
		const delivery = t.sim.webhooks.emitTransaction(
			t.sim.payments.record('pay-card-0001'),
			'Transaction.Paid',
		);
		await t.sim.webhooks.idle();
		for (let guard = 0; guard < 10 && delivery.state === 'pending'; guard++) {
			t.sim.clock.advance(256 * 60);
			await t.sim.webhooks.runDue();
		}
		expect(delivery.state).toBe('failed');
		expect(delivery.attempts).toHaveLength(MAX_ATTEMPTS);
		await t.receiver.close();
		const lost = t.sim.webhooks.emitTransaction(
			t.sim.payments.record('pay-card-0002'),
			'Transaction.Paid',
		);
		await t.sim.webhooks.idle();
		expect(lost.attempts[0]).toMatchObject({ status: 0, error: expect.any(String) });
		expect(lost.state).toBe('pending');
		t.receiver = await startReceiver();
	});

	test('seeded jitter is repeatable', async () => {
		const { createWebhookSender } = require('./portone-simulator/webhooks');
		t.receiver.status = () => 500;
		const delays = [];
		for (let run = 0; run < 2; run++) {
			const sender = createWebhookSender({ clock: t.sim.clock, jitterSeconds: 30, seed: 5 });
			sender.configure({ url: t.receiver.url, secrets: [SECRET] });
			const d = sender.emit({ type: 'Transaction.Paid', timestamp: 'x', data: {} });
			await sender.idle();
			delays.push(d.nextAttemptAt - t.sim.clock.now());
		}
		expect(delays[0]).toBe(delays[1]);
		expect(delays[0]).toBeGreaterThanOrEqual(60);
		expect(delays[0]).toBeLessThan(90);
	});
});

describe('raw sends and no secret', () => {
	test('sendRaw posts any body with any headers, for negative cases', async () => {
		await t.sim.webhooks.sendRaw(t.receiver.url, {
			body: 'not json',
			contentType: 'text/plain',
			headers: { 'webhook-id': 'x', 'webhook-signature': 'v1,AAAA' },
		});
		expect(t.receiver.received[0]).toMatchObject({
			body: 'not json',
			headers: { 'content-type': 'text/plain', 'webhook-id': 'x', 'webhook-signature': 'v1,AAAA' },
		});
		expect(t.receiver.received[0].headers).not.toHaveProperty('webhook-timestamp');
	});

	test('without a configured secret the webhook carries no signature (inferred)', async () => {
		t.sim.webhooks.configure({ secrets: [] });
		t.sim.webhooks.emitTransaction(t.sim.payments.record('pay-card-0001'), 'Transaction.Paid');
		await t.sim.webhooks.idle();
		expect(t.receiver.received[0].headers).toHaveProperty('webhook-id');
		expect(t.receiver.received[0].headers).not.toHaveProperty('webhook-signature');
	});
});
