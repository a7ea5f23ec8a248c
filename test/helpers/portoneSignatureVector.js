'use strict';
/**
 * What the test/portoneTriggerSignature*.unit.test.js files share: the test vector of PortOne's
 * webhook signature (computed with the Standard Webhooks scheme, checked against
 * @portone/server-sdk's Webhook.verify), a second secret, and verifySignature
 * (nodes/PortOneTrigger/signature.ts) called on the vector with some of it changed.
 */
const { verifySignature } = require('../../dist/nodes/PortOneTrigger/signature.js');

const VECTOR = {
	secret: 'whsec_pzQGE83cSIRKM4/WH5QY+g==',
	body: '{"type":"Transaction.Paid","timestamp":"2024-04-25T10:00:00.000Z","data":{"paymentId":"example-payment-id","storeId":"store-ae356798-3d20-4969-b739-14c6b0e1a667","transactionId":"55451513-9763-4a7a-bb43-78a4c65be843"}}',
	headers: {
		'webhook-id': 'dummy-webhook-id',
		'webhook-timestamp': '1714039200',
		'webhook-signature': 'v1,qmNcYHU8w9hP22fshTiuuIP9XZrhl6h0hjCr1zh7DRs=',
	},
	now: 1714039200,
};
const OTHER_SECRET = 'whsec_c2Vjb25kLXNlY3JldC1mb3ItdGVzdHM=';

const check = (overrides = {}) =>
	verifySignature({
		rawBody: VECTOR.body,
		headers: VECTOR.headers,
		secrets: [VECTOR.secret],
		nowSeconds: VECTOR.now,
		...overrides,
	});
const withHeaders = (changes) => ({ ...VECTOR.headers, ...changes });
const reasonOf = (result) => (result.verified ? 'verified' : result.reason);

module.exports = { VECTOR, OTHER_SECRET, check, withHeaders, reasonOf };
