'use strict';
/**
 * The PortOne V2 simulator's webhook signer: the Standard Webhooks signature, checked against a
 * test vector and an independent HMAC here (the SDK's own verify is in
 * portoneSimulatorSdkWebhook.test.js), and secret rotation.
 */
const { sign, newSecret } = require('./portone-simulator/webhooks');
const { SECRET, verifies, webhookReceiverPerTest } = require('./helpers/portoneWebhookReceiver');

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

const t = webhookReceiverPerTest();

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
