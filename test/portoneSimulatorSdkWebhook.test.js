'use strict';
/**
 * The yardstick for webhooks: @portone/server-sdk's `Webhook.verify` accepts every delivery the
 * simulator signs (both versions as JSON, rotated secrets, every retry at its own time), rejects
 * tampered ones, and — since its verify ends with `JSON.parse(payload)` (portone-io/server-sdk
 * `javascript/src/webhook.ts`) — passes the signature of a form-encoded 2024-01-01 delivery and
 * then throws SyntaxError.
 * Date.now is set to the simulator's clock while verify runs (it allows 5 minutes either way).
 */
const { Webhook } = require('@portone/server-sdk');
const { simulatorPerTest, startReceiver } = require('./helpers/portoneHttp');
const { newSecret } = require('./portone-simulator/webhooks');

const t = simulatorPerTest();
const SECRET = newSecret();
let receiver;
beforeEach(async () => {
	receiver = await startReceiver();
	t.sim.webhooks.configure({
		url: receiver.url,
		secrets: [SECRET],
		version: '2024-04-25',
		format: 'json',
	});
});
afterEach(() => receiver.close());

/** Webhook.verify with Date.now at `ms` (default: the simulator's now); resolves to its result or error. */
async function verifyAt(secret, delivery, ms = t.sim.clock.nowMs()) {
	const spy = jest.spyOn(Date, 'now').mockReturnValue(ms);
	try {
		return await Webhook.verify(secret, delivery.body, delivery.headers).then(
			(value) => ({ value }),
			(error) => ({ error }),
		);
	} finally {
		spy.mockRestore();
	}
}
const reasonOf = (outcome) =>
	outcome.error instanceof Webhook.WebhookVerificationError ? outcome.error.reason : outcome.error;

async function cancelsAndPaid() {
	await t.api.post('/payments/pay-card-0001/cancel', { reason: 'x', amount: 1000 });
	await t.api.post('/payments/pay-card-0001/cancel', { reason: 'y' });
	await t.api.post('/payments/pay-async-0001/cancel', { reason: 'z' });
	t.sim.webhooks.emitTransaction(t.sim.payments.record('pay-card-0002'), 'Transaction.Paid');
	await t.sim.webhooks.idle();
}

test('the test vector verifies at its time, not 301 s later, not with one more byte', async () => {
	const vector = {
		body: '{"type":"Transaction.Paid","timestamp":"2024-04-25T10:00:00.000Z","data":{"paymentId":"example-payment-id","storeId":"store-ae356798-3d20-4969-b739-14c6b0e1a667","transactionId":"55451513-9763-4a7a-bb43-78a4c65be843"}}',
		headers: {
			'webhook-id': 'dummy-webhook-id',
			'webhook-timestamp': '1714039200',
			'webhook-signature': 'v1,qmNcYHU8w9hP22fshTiuuIP9XZrhl6h0hjCr1zh7DRs=',
		},
	};
	const secret = 'whsec_pzQGE83cSIRKM4/WH5QY+g==';
	expect((await verifyAt(secret, vector, 1714039200_000)).value).toEqual(JSON.parse(vector.body));
	expect(reasonOf(await verifyAt(secret, vector, 1714039501_000))).toBe('TIMESTAMP_TOO_OLD');
	expect(
		reasonOf(await verifyAt(secret, { ...vector, body: `${vector.body} ` }, 1714039200_000)),
	).toBe('NO_MATCHING_SIGNATURE');
});

test('2024-04-25 JSON: every event the simulator sends verifies and is a webhook type the SDK knows', async () => {
	await cancelsAndPaid();
	expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual([
		'Transaction.PartialCancelled',
		'Transaction.Cancelled',
		'Transaction.CancelPending',
		'Transaction.Paid',
	]);
	for (const delivery of receiver.received) {
		const { value, error } = await verifyAt(SECRET, delivery);
		expect(error).toBeUndefined();
		expect(value).toEqual(JSON.parse(delivery.body));
		expect(Webhook.isUnrecognizedWebhook(value)).toBe(false);
	}
});

test("2024-01-01 JSON verifies; 2024-01-01 form passes the signature, then the SDK's JSON.parse throws SyntaxError", async () => {
	t.sim.webhooks.configure({ version: '2024-01-01', format: 'json' });
	t.sim.webhooks.emitTransaction(t.sim.payments.record('pay-card-0001'), 'Transaction.Paid');
	t.sim.webhooks.configure({ format: 'form' });
	t.sim.webhooks.emitTransaction(t.sim.payments.record('pay-card-0001'), 'Transaction.Paid');
	await t.sim.webhooks.idle();
	const [json, form] = receiver.received;
	expect((await verifyAt(SECRET, json)).value).toEqual({
		payment_id: 'pay-card-0001',
		tx_id: t.sim.payments.get('pay-card-0001').transactionId,
		status: 'Paid',
	});
	const parsed = await verifyAt(SECRET, form);
	expect(parsed.error).toBeInstanceOf(SyntaxError);
	expect(parsed.error).not.toBeInstanceOf(Webhook.WebhookVerificationError);
	// The signature really was checked before that: a tampered form body fails on it instead.
	expect(
		reasonOf(await verifyAt(SECRET, { ...form, body: form.body.replace('Paid', 'Cancelled') })),
	).toBe('NO_MATCHING_SIGNATURE');
});

test('rotation: with two active secrets a delivery verifies with either, not with a third', async () => {
	const next = newSecret();
	t.sim.webhooks.configure({ secrets: [SECRET, next] });
	await cancelsAndPaid();
	for (const delivery of receiver.received) {
		expect(delivery.headers['webhook-signature'].split(' ')).toHaveLength(2);
		expect((await verifyAt(SECRET, delivery)).error).toBeUndefined();
		expect((await verifyAt(next, delivery)).error).toBeUndefined();
		expect(reasonOf(await verifyAt(newSecret(), delivery))).toBe('NO_MATCHING_SIGNATURE');
	}
});

test('tampered body, another webhook-id, a missing header, a raw unsigned send: rejected', async () => {
	t.sim.webhooks.emitTransaction(t.sim.payments.record('pay-card-0001'), 'Transaction.Paid');
	await t.sim.webhooks.idle();
	const [delivery] = receiver.received;
	const body = JSON.parse(delivery.body);
	const tampered = JSON.stringify({ ...body, data: { ...body.data, paymentId: 'pay-card-0002' } });
	expect(reasonOf(await verifyAt(SECRET, { ...delivery, body: tampered }))).toBe(
		'NO_MATCHING_SIGNATURE',
	);
	expect(
		reasonOf(await verifyAt(SECRET, { ...delivery, body: JSON.stringify(body, null, 1) })),
	).toBe('NO_MATCHING_SIGNATURE');
	expect(
		reasonOf(
			await verifyAt(SECRET, {
				...delivery,
				headers: { ...delivery.headers, 'webhook-id': 'msg_other' },
			}),
		),
	).toBe('NO_MATCHING_SIGNATURE');
	const unsigned = Object.fromEntries(
		Object.entries(delivery.headers).filter(([name]) => name !== 'webhook-signature'),
	);
	expect(reasonOf(await verifyAt(SECRET, { ...delivery, headers: unsigned }))).toBe(
		'MISSING_REQUIRED_HEADERS',
	);
	await t.sim.webhooks.sendRaw(receiver.url, {
		body: delivery.body,
		headers: {
			'webhook-id': 'x',
			'webhook-timestamp': String(t.sim.clock.now()),
			'webhook-signature': 'v1,AAAA',
		},
	});
	expect(reasonOf(await verifyAt(SECRET, receiver.received[1]))).toBe('NO_MATCHING_SIGNATURE');
});

test("retries: each attempt verifies at its own time; the first attempt's headers are too old by the fourth", async () => {
	receiver.status = (n) => (n <= 3 ? 500 : 200);
	const delivery = t.sim.webhooks.emitTransaction(
		t.sim.payments.record('pay-card-0001'),
		'Transaction.Paid',
	);
	await t.sim.webhooks.idle();
	expect((await verifyAt(SECRET, receiver.received[0])).error).toBeUndefined();
	for (const minutes of [1, 4, 16]) {
		t.sim.clock.advance(minutes * 60);
		await t.sim.webhooks.runDue();
		expect((await verifyAt(SECRET, receiver.received.at(-1))).error).toBeUndefined();
	}
	expect(delivery.state).toBe('succeeded');
	expect(receiver.received).toHaveLength(4);
	expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
	expect(reasonOf(await verifyAt(SECRET, receiver.received[0]))).toBe('TIMESTAMP_TOO_OLD');
});
