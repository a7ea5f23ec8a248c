'use strict';
/**
 * What the test/portoneSimulatorWebhook*.test.js files share: a V2 simulator per test whose
 * webhooks go, signed with one secret, to a receiver on 127.0.0.1 (`t.receiver`, new per test), and
 * an independent check of the Standard Webhooks signature (an HMAC computed here, not the
 * simulator's signer).
 */
const crypto = require('node:crypto');
const { simulatorPerTest, startReceiver } = require('./portoneHttp');
const { newSecret } = require('../portone-simulator/webhooks');

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

/** simulatorPerTest()'s `t`, plus `t.receiver` configured as the webhook URL with SECRET. */
function webhookReceiverPerTest() {
	const t = simulatorPerTest();
	beforeEach(async () => {
		t.receiver = await startReceiver();
		t.sim.webhooks.configure({ url: t.receiver.url, secrets: [SECRET] });
	});
	afterEach(() => t.receiver.close());
	return t;
}

module.exports = { SECRET, verifies, webhookReceiverPerTest };
