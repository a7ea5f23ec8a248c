'use strict';
/**
 * The PortOne V2 simulator's webhook sender: the Standard Webhooks signature (checked against
 * a test vector and an independent HMAC here; the SDK's own verify is
 * in portoneSimulatorSdk.test.js), both webhook versions and formats, secret rotation, retries
 * driven by the clock with the same webhook-id and a fresh timestamp, events sent on cancels,
 * and raw sends for negative cases.
 */
const crypto = require('node:crypto');
const { simulatorPerTest, startReceiver, START } = require('./helpers/portoneHttp');
const { sign, encode, newSecret, MAX_ATTEMPTS } = require('./portone-simulator/webhooks');

// Test vector: the secret of portone-io/server-sdk `javascript/tests/webhook.test.ts`; the signature
// computed by the Standard Webhooks scheme and accepted by @portone/server-sdk 0.19.0's verify
// (portoneSimulatorSdkWebhook.test.js checks that at the vector's timestamp).
const VECTOR = {
	secret: 'whsec_pzQGE83cSIRKM4/WH5QY+g==',
	id: 'dummy-webhook-id',
	timestamp: '1714039200',
	body: '{"type":"Transaction.Paid","timestamp":"2024-04-25T10:00:00.000Z","data":{"paymentId":"example-payment-id","storeId":"store-ae356798-3d20-4969-b739-14c6b0e1a667","transactionId":"55451513-9763-4a7a-bb43-78a4c65be843"}}',
	signature: 'v1,qmNcYHU8w9hP22fshTiuuIP9XZrhl6h0hjCr1zh7DRs=',
};

/** An independent check: does any v1 entry of the header match HMAC(secret, id.ts.body)? */
function verifies(secret, { headers, body }) {
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	const expected = crypto
		.createHmac('sha256', key)
		.update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
		.digest('base64');
	return (headers['webhook-signature'] ?? '')
		.split(' ')
		.some((entry) => entry === `v1,${expected}`);
}

const SECRET = newSecret();
const t = simulatorPerTest();
let receiver;
beforeEach(async () => {
	receiver = await startReceiver();
	t.sim.webhooks.configure({ url: receiver.url, secrets: [SECRET] });
});
afterEach(() => receiver.close());

const cancel = (id, body) => t.api.post(`/payments/${id}/cancel`, body);

describe('signature', () => {
	test('the signer reproduces the test vector; one changed byte does not', () => {
		expect(
			sign({
				id: VECTOR.id,
				timestamp: VECTOR.timestamp,
				body: VECTOR.body,
				secrets: [VECTOR.secret],
			}),
		).toBe(VECTOR.signature);
		expect(
			sign({
				id: VECTOR.id,
				timestamp: VECTOR.timestamp,
				body: `${VECTOR.body} `,
				secrets: [VECTOR.secret],
			}),
		).not.toBe(VECTOR.signature);
		expect(
			sign({ id: VECTOR.id, timestamp: '1714039201', body: VECTOR.body, secrets: [VECTOR.secret] }),
		).not.toBe(VECTOR.signature);
		// Without the whsec_ prefix the same key.
		expect(
			sign({
				id: VECTOR.id,
				timestamp: VECTOR.timestamp,
				body: VECTOR.body,
				secrets: ['pzQGE83cSIRKM4/WH5QY+g=='],
			}),
		).toBe(VECTOR.signature);
	});

	test('two active secrets (rotation) give two v1 entries, each valid alone; a third is refused', () => {
		const other = newSecret();
		const header = sign({ id: 'msg_1', timestamp: '1', body: '{}', secrets: [SECRET, other] });
		expect(header.split(' ')).toHaveLength(2);
		expect(header.split(' ').every((e) => e.startsWith('v1,'))).toBe(true);
		const delivery = {
			headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': '1', 'webhook-signature': header },
			body: '{}',
		};
		expect([
			verifies(SECRET, delivery),
			verifies(other, delivery),
			verifies(newSecret(), delivery),
		]).toEqual([true, true, false]);
		expect(() => t.sim.webhooks.configure({ secrets: [SECRET, other, newSecret()] })).toThrow(
			/at most two/,
		);
	});
});

describe('events on cancels, version 2024-04-25', () => {
	test("a partial then a full cancel send PartialCancelled and Cancelled, signed, with this attempt's time", async () => {
		const first = await cancel('pay-card-0001', { reason: 'x', amount: 1000 });
		t.sim.clock.advance(90);
		await cancel('pay-card-0001', { reason: 'y' });
		await t.sim.webhooks.idle();
		expect(receiver.received).toHaveLength(2);
		const [partial, full] = receiver.received;
		expect(partial.headers['content-type']).toBe('application/json');
		expect(JSON.parse(partial.body)).toEqual({
			type: 'Transaction.PartialCancelled',
			timestamp: new Date(START).toISOString(),
			data: {
				paymentId: 'pay-card-0001',
				storeId: t.storeA1,
				transactionId: t.sim.payments.get('pay-card-0001').transactionId,
				cancellationId: first.data.cancellation.id,
			},
		});
		expect(JSON.parse(full.body).type).toBe('Transaction.Cancelled');
		expect([partial.headers['webhook-timestamp'], full.headers['webhook-timestamp']]).toEqual([
			String(START / 1000),
			String(START / 1000 + 90),
		]);
		expect(partial.headers['webhook-id']).not.toBe(full.headers['webhook-id']);
		expect(receiver.received.every((r) => verifies(SECRET, r))).toBe(true);
	});

	test('CancelPending for REQUESTED, then PartialCancelled when the PG completes; nothing with skipWebhook', async () => {
		await cancel('pay-async-0001', { reason: 'x', amount: 100 });
		t.sim.payments.completeCancellation('pay-async-0001');
		await cancel('pay-card-0002', { reason: 'x', skipWebhook: true });
		await t.sim.webhooks.idle();
		expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual([
			'Transaction.CancelPending',
			'Transaction.PartialCancelled',
		]);
	});

	test('2024-04-25 cannot be sent form-encoded', () => {
		expect(() => t.sim.webhooks.configure({ format: 'form' })).toThrow(/application\/json only/);
		expect(() =>
			t.sim.webhooks.emit(
				{ type: 'Transaction.Paid', timestamp: 'x', data: {} },
				{ format: 'form' },
			),
		).toThrow(/application\/json only/);
		expect(t.sim.webhooks.config.format).toBe('json');
	});
});

describe('version 2024-01-01', () => {
	test.each([
		['json', 'application/json', (b) => JSON.parse(b)],
		[
			'form',
			'application/x-www-form-urlencoded',
			(b) => Object.fromEntries(new URLSearchParams(b)),
		],
	])(
		'as %s: {payment_id, tx_id, status}, signed the same way',
		async (format, contentType, parse) => {
			t.sim.webhooks.configure({ version: '2024-01-01', format });
			await cancel('pay-async-0001', { reason: 'x' });
			t.sim.payments.completeCancellation('pay-async-0001');
			await t.sim.webhooks.idle();
			const transactionId = t.sim.payments.get('pay-async-0001').transactionId;
			expect(receiver.received.map((r) => [r.headers['content-type'], parse(r.body)])).toEqual([
				[
					contentType,
					{ payment_id: 'pay-async-0001', tx_id: transactionId, status: 'CancelPending' },
				],
				[contentType, { payment_id: 'pay-async-0001', tx_id: transactionId, status: 'Cancelled' }],
			]);
			expect(receiver.received.every((r) => verifies(SECRET, r))).toBe(true);
		},
	);

	test('events the old version does not know are not sent', () => {
		expect(
			encode({ type: 'BillingKey.Issued', timestamp: 'x', data: {} }, '2024-01-01', 'json'),
		).toBe(null);
		t.sim.webhooks.configure({ version: '2024-01-01' });
		expect(
			t.sim.webhooks.emit({ type: 'Transaction.DisputeCreated', timestamp: 'x', data: {} }),
		).toBe(null);
	});
});

describe('retries', () => {
	test('same webhook-id and body, a new timestamp per attempt, 1 then 4 minutes after each failure', async () => {
		receiver.status = (n) => (n <= 2 ? 500 : 204);
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
		const sent = receiver.received;
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
		receiver.status = () => 503;
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
		await receiver.close();
		const lost = t.sim.webhooks.emitTransaction(
			t.sim.payments.record('pay-card-0002'),
			'Transaction.Paid',
		);
		await t.sim.webhooks.idle();
		expect(lost.attempts[0]).toMatchObject({ status: 0, error: expect.any(String) });
		expect(lost.state).toBe('pending');
		receiver = await startReceiver();
	});

	test('seeded jitter is repeatable', async () => {
		const { createWebhookSender } = require('./portone-simulator/webhooks');
		receiver.status = () => 500;
		const delays = [];
		for (let run = 0; run < 2; run++) {
			const sender = createWebhookSender({ clock: t.sim.clock, jitterSeconds: 30, seed: 5 });
			sender.configure({ url: receiver.url, secrets: [SECRET] });
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
		await t.sim.webhooks.sendRaw(receiver.url, {
			body: 'not json',
			contentType: 'text/plain',
			headers: { 'webhook-id': 'x', 'webhook-signature': 'v1,AAAA' },
		});
		expect(receiver.received[0]).toMatchObject({
			body: 'not json',
			headers: { 'content-type': 'text/plain', 'webhook-id': 'x', 'webhook-signature': 'v1,AAAA' },
		});
		expect(receiver.received[0].headers).not.toHaveProperty('webhook-timestamp');
	});

	test('without a configured secret the webhook carries no signature (inferred)', async () => {
		t.sim.webhooks.configure({ secrets: [] });
		t.sim.webhooks.emitTransaction(t.sim.payments.record('pay-card-0001'), 'Transaction.Paid');
		await t.sim.webhooks.idle();
		expect(receiver.received[0].headers).toHaveProperty('webhook-id');
		expect(receiver.received[0].headers).not.toHaveProperty('webhook-signature');
	});
});
