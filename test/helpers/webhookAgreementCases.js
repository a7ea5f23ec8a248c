'use strict';
/**
 * The generated deliveries of test/portoneTriggerSdkAgreement.test.js: seeded valid deliveries from
 * the V2 simulator's signer (test/portone-simulator/webhooks.js) and broken ones made from each, every
 * case with the exact outcome expected from our verifySignature and from @portone/server-sdk (the
 * broken ones: webhookAgreementMutations.js; the outcomes: webhookAgreementOutcomes.js).
 */
const { signedDelivery, LEGACY_STATUS } = require('../portone-simulator/webhooks');
const { seededRandom } = require('../simulator/faults');
const { OK, DISAGREEMENTS } = require('./webhookAgreementOutcomes');
const { MUTATIONS } = require('./webhookAgreementMutations');

const SEED = 20240425;
const BASES = 30;

const TYPES_2024_04_25 = [
	...Object.keys(LEGACY_STATUS),
	'Transaction.DisputeCreated',
	'Transaction.DisputeResolved',
	'Transaction.Confirm',
	'BillingKey.Ready',
	'BillingKey.Issued',
	'BillingKey.Failed',
	'BillingKey.Deleted',
	'BillingKey.Updated',
	'Transaction.SomethingNew',
];
const SHAPES = [
	['2024-04-25', 'json'],
	['2024-01-01', 'json'],
	['2024-01-01', 'form'],
];

function generator(seed) {
	const random = seededRandom(seed);
	const int = (n) => Math.floor(random() * n);
	const pick = (list) => list[int(list.length)];
	const bytes = (n) => Buffer.from(Array.from({ length: n }, () => int(256)));
	const secret = (prefixed = true) => `${prefixed ? 'whsec_' : ''}${bytes(24).toString('base64')}`;
	return { random, int, pick, bytes, secret };
}

/** One valid delivery from the simulator's signer, and the receiver's secrets and clock. */
function baseDelivery(g, n) {
	const [version, format] = SHAPES[n % SHAPES.length];
	const signer = [g.secret(n % 4 !== 1)];
	const rotating = n % 5 >= 3;
	if (rotating) signer.push(g.secret(g.random() < 0.5));
	const previous = g.secret();
	// Receivers mid-rotation: the new secret only, the old one only, both; or one PortOne no longer uses.
	const receiver = rotating
		? g.pick([[signer[0]], [signer[1]], [signer[1], signer[0]]])
		: g.pick([[signer[0]], [signer[0], previous], [previous, signer[0]]]);
	const type =
		version === '2024-01-01' ? g.pick(Object.keys(LEGACY_STATUS)) : g.pick(TYPES_2024_04_25);
	const paymentId = g.pick(['order', '주문', 'pay_2026', 'a b+c']) + `-${g.int(100000)}`;
	const data = type.startsWith('BillingKey.')
		? { billingKey: `billing-key-${g.bytes(8).toString('hex')}`, storeId: 'store-test' }
		: { paymentId, storeId: 'store-test', transactionId: g.bytes(16).toString('hex') };
	if (/Cancel/.test(type)) data.cancellationId = g.bytes(8).toString('hex');
	const timestamp = 1714039200 + g.int(50_000_000);
	const event = { type, timestamp: new Date(timestamp * 1000).toISOString(), data };
	const id = `msg_${g.bytes(12).toString('hex')}`;
	const delivery = signedDelivery({ event, version, format, secrets: signer, id, timestamp });
	return {
		name: `#${n} ${version} ${format} ${type} ${signer.length} secret(s)`,
		format,
		body: delivery.body,
		headers: delivery.headers,
		id,
		timestamp,
		signer,
		receiver,
		nowMs: (timestamp + g.int(601) - 300) * 1000 + g.int(1000),
	};
}

function generateCases(seed) {
	const g = generator(seed);
	const cases = [];
	for (let n = 0; n < BASES; n++) {
		const base = baseDelivery(g, n);
		for (const [name, make, expected] of MUTATIONS) {
			const delivery = make(base, g);
			const [disagreement, ours, sdk] = expected(delivery);
			cases.push({
				...delivery,
				name: `${base.name}: ${name}`,
				asBuffer: cases.length % 2 === 0,
				disagreement,
				ours,
				sdk,
			});
		}
	}
	return cases;
}

module.exports = { SEED, BASES, OK, DISAGREEMENTS, MUTATIONS, generateCases };
