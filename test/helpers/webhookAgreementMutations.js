'use strict';
/**
 * The mutations of test/portoneTriggerSdkAgreement.test.js: each turns one valid delivery into a
 * case (a header, the body, the clock or the receiver's secrets changed) and names the outcome
 * expected from our verifySignature and from @portone/server-sdk (webhookAgreementOutcomes.js).
 */
const { sign } = require('../portone-simulator/webhooks');
const { good, bothRefuse, strictOnly } = require('./webhookAgreementOutcomes');

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

module.exports = { MUTATIONS };
