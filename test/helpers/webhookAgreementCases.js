'use strict';
/**
 * The generated deliveries of test/portoneTriggerSdkAgreement.test.js: seeded valid deliveries from
 * the V2 simulator's signer (test/portone-simulator/webhooks.js) and broken ones made from each, every
 * case with the exact outcome expected from our verifySignature and from @portone/server-sdk.
 */
const { signedDelivery, sign, LEGACY_STATUS } = require('../portone-simulator/webhooks');
const { seededRandom } = require('../simulator/faults');

const SEED = 20240425;
const BASES = 30;
const OK = 'verified';
/** The documented disagreements: [what we answer, what the SDK answers]. */
const DISAGREEMENTS = {
	// The SDK's parseInt reads "1714039200x", "+…", " …" as the number; we accept digits only.
	strict_timestamp: ['bad_timestamp', OK],
	// Node joins a repeated header with ", "; the SDK reads the joined value as more entries.
	joined_repeat_header: ['duplicated_headers', OK],
	// atob skips a tab inside base64; we do not treat whitespace as part of a signature.
	whitespace_in_base64: ['no_matching_signature', OK],
	// The signature matches, then the SDK's final JSON.parse throws on a form body (2024-01-01 allows form).
	form_body_json_parse: [OK, 'SyntaxError'],
};

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

const good = (d) =>
	d.format === 'form' ? ['form_body_json_parse', OK, 'SyntaxError'] : [null, OK, OK];
const bothRefuse = (ours, sdk) => () => [null, ours, sdk];
/** A delivery that only our rules refuse (in JSON; the SDK refuses a form body anyway). */
const strictOnly = (kind) => (d) => {
	const [ours, sdk] = DISAGREEMENTS[kind];
	return d.format === 'form' ? [null, ours, 'SyntaxError'] : [kind, ours, sdk];
};
const mapEntries = (value, change) => value.split(' ').map(change).join(' ');
const signatureBytes = (entry) => Buffer.from(entry.slice(3), 'base64');
const withHeader = (d, name, value) => ({ ...d, headers: { ...d.headers, [name]: value } });
const without = (d, name) => {
	const headers = { ...d.headers };
	delete headers[name];
	return { ...d, headers };
};
const resigned = (d, timestamp) => ({
	...d,
	headers: {
		...d.headers,
		'webhook-timestamp': timestamp,
		'webhook-signature': sign({ id: d.id, timestamp, body: d.body, secrets: d.signer }),
	},
});
const sig = (d) => d.headers['webhook-signature'];
const atOffset = (d, seconds) => ({ ...d, nowMs: (d.timestamp + seconds) * 1000 + 999 });

/** name, make(delivery, generator) → delivery, expected(delivery) → [disagreement, ours, sdk] */
const MUTATIONS = [
	['as sent', (d) => d, good],
	[
		'receiver secret without whsec_',
		(d) => ({ ...d, receiver: d.receiver.map((s) => s.replace(/^whsec_/, '')) }),
		good,
	],
	['signed 300 s ago', (d) => atOffset(d, 300), good],
	[
		'signed 301 s ago',
		(d) => atOffset(d, 301),
		bothRefuse('timestamp_too_old', 'TIMESTAMP_TOO_OLD'),
	],
	['signed 300 s ahead', (d) => atOffset(d, -300), good],
	[
		'signed 301 s ahead',
		(d) => atOffset(d, -301),
		bothRefuse('timestamp_too_new', 'TIMESTAMP_TOO_NEW'),
	],
	[
		'flipped signature bit',
		(d, g) =>
			withHeader(
				d,
				'webhook-signature',
				mapEntries(sig(d), (e) => {
					const b = signatureBytes(e);
					b[g.int(b.length)] ^= 1 << g.int(8);
					return `v1,${b.toString('base64')}`;
				}),
			),
		bothRefuse('no_matching_signature', 'NO_MATCHING_SIGNATURE'),
	],
	[
		'wrong secret',
		(d, g) => ({ ...d, receiver: [g.secret()] }),
		bothRefuse('no_matching_signature', 'NO_MATCHING_SIGNATURE'),
	],
	[
		'truncated signature',
		(d, g) =>
			withHeader(
				d,
				'webhook-signature',
				mapEntries(sig(d), (e) => e.slice(0, -2 - g.int(20))),
			),
		bothRefuse('no_matching_signature', 'NO_MATCHING_SIGNATURE'),
	],
	[
		'v1a only',
		(d) => withHeader(d, 'webhook-signature', sig(d).replace(/v1,/g, 'v1a,')),
		bothRefuse('no_matching_signature', 'NO_MATCHING_SIGNATURE'),
	],
	[
		'another webhook-id',
		(d) => withHeader(d, 'webhook-id', `${d.id}0`),
		bothRefuse('no_matching_signature', 'NO_MATCHING_SIGNATURE'),
	],
	[
		'trailing space in body',
		(d) => ({ ...d, body: `${d.body} ` }),
		bothRefuse('no_matching_signature', 'NO_MATCHING_SIGNATURE'),
	],
	[
		'leading new line in body',
		(d) => ({ ...d, body: `\n${d.body}` }),
		bothRefuse('no_matching_signature', 'NO_MATCHING_SIGNATURE'),
	],
	[
		'space inside body',
		(d) => ({ ...d, body: d.body.replace(/[:&]/, (c) => `${c} `) }),
		bothRefuse('no_matching_signature', 'NO_MATCHING_SIGNATURE'),
	],
	[
		'body re-serialised',
		(d) => ({
			...d,
			body:
				d.format === 'form'
					? new URLSearchParams([...new URLSearchParams(d.body)].reverse()).toString()
					: JSON.stringify(JSON.parse(d.body), null, 2),
		}),
		bothRefuse('no_matching_signature', 'NO_MATCHING_SIGNATURE'),
	],
	...['x', '.0', ' '].map((suffix) => [
		`timestamp "…${suffix}", re-signed`,
		(d) => resigned(d, `${d.timestamp}${suffix}`),
		strictOnly('strict_timestamp'),
	]),
	...['+', ' '].map((prefix) => [
		`timestamp "${prefix}…", re-signed`,
		(d) => resigned(d, `${prefix}${d.timestamp}`),
		strictOnly('strict_timestamp'),
	]),
	...['x', '+', ' '].map((junk) => [
		`timestamp with "${junk}" after signing`,
		(d) =>
			withHeader(
				d,
				'webhook-timestamp',
				junk === 'x' ? `${d.timestamp}x` : `${junk}${d.timestamp}`,
			),
		bothRefuse('bad_timestamp', 'NO_MATCHING_SIGNATURE'),
	]),
	...['webhook-id', 'webhook-timestamp', 'webhook-signature'].flatMap((name) => [
		[
			`no ${name}`,
			(d) => without(d, name),
			bothRefuse('missing_headers', 'MISSING_REQUIRED_HEADERS'),
		],
		[
			`${name} twice (array)`,
			(d) => withHeader(d, name, [d.headers[name], d.headers[name]]),
			bothRefuse('duplicated_headers', 'MISSING_REQUIRED_HEADERS'),
		],
		[
			`${name} twice (two cases)`,
			(d) => withHeader(d, name.toUpperCase(), d.headers[name]),
			bothRefuse('duplicated_headers', 'MISSING_REQUIRED_HEADERS'),
		],
	]),
	[
		'webhook-signature twice (joined by Node)',
		(d) => withHeader(d, 'webhook-signature', `${sig(d)}, ${sig(d)}`),
		strictOnly('joined_repeat_header'),
	],
	[
		'webhook-signature joined with a forged one',
		(d) => withHeader(d, 'webhook-signature', `${sig(d)}, v1,AAAA`),
		strictOnly('joined_repeat_header'),
	],
	[
		'webhook-timestamp twice (joined by Node)',
		(d) => withHeader(d, 'webhook-timestamp', `${d.timestamp}, ${d.timestamp}`),
		bothRefuse('duplicated_headers', 'NO_MATCHING_SIGNATURE'),
	],
	[
		'webhook-id twice (joined by Node)',
		(d) => withHeader(d, 'webhook-id', `${d.id}, ${d.id}`),
		bothRefuse('no_matching_signature', 'NO_MATCHING_SIGNATURE'),
	],
	[
		'one good signature among others',
		(d, g) => {
			const entries = [
				...sig(d).split(' '),
				`v1,${g.bytes(32).toString('base64')}`,
				`v1a,${g.bytes(32).toString('base64')}`,
				'v1,%%%',
				'v2',
				'',
			];
			entries.sort(() => g.random() - 0.5);
			return withHeader(d, 'webhook-signature', entries.join(' '));
		},
		good,
	],
	[
		'header names capitalised',
		(d) => ({
			...d,
			headers: Object.fromEntries(
				Object.entries(d.headers).map(([k, v]) => [
					k.replace(/(^|-)\w/g, (c) => c.toUpperCase()),
					v,
				]),
			),
		}),
		good,
	],
	[
		'signature without padding',
		(d) => withHeader(d, 'webhook-signature', sig(d).replace(/=/g, '')),
		good,
	],
	[
		'spare bits of the last base64 character changed',
		(d) =>
			withHeader(
				d,
				'webhook-signature',
				mapEntries(sig(d), (e) => {
					const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
					const last = alphabet.indexOf(e.at(-2));
					return `${e.slice(0, -2)}${alphabet[last ^ 1]}=`;
				}),
			),
		good,
	],
	[
		'a third field after the signature',
		(d) =>
			withHeader(
				d,
				'webhook-signature',
				mapEntries(sig(d), (e) => `${e},x`),
			),
		good,
	],
	[
		'tab inside a signature',
		(d) =>
			withHeader(
				d,
				'webhook-signature',
				mapEntries(sig(d), (e) => `${e.slice(0, 9)}\t${e.slice(9)}`),
			),
		strictOnly('whitespace_in_base64'),
	],
	[
		'receiver secret broken',
		(d, g) => ({ ...d, receiver: [g.pick(['', 'whsec_', 'whsec_***', 'whsec_YWJj='])] }),
		bothRefuse('bad_secret', 'InvalidInputError'),
	],
];

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
