'use strict';
/**
 * verifySignature (nodes/PortOneTrigger/signature.ts): the test vector of PortOne's webhook
 * signature (helpers/portoneSignatureVector.js), the webhook-id / -timestamp / -signature headers
 * (missing, repeated, in any case), and the timestamp rules where we are stricter than the SDK.
 */
const { DEFAULT_TOLERANCE_SECONDS } = require('../dist/nodes/PortOneTrigger/signature.js');
const { sign } = require('./portone-simulator/webhooks');
const { VECTOR, check, withHeaders, reasonOf } = require('./helpers/portoneSignatureVector');

describe('the test vector', () => {
	test('verifies, as a string or as the raw bytes; the webhook-id is the event key', () => {
		expect(check()).toEqual({
			verified: true,
			webhookId: 'dummy-webhook-id',
			timestamp: 1714039200,
			secretIndex: 0,
		});
		expect(check({ rawBody: Buffer.from(VECTOR.body) }).verified).toBe(true);
	});

	test('one extra trailing space in the body: no_matching_signature', () => {
		expect(reasonOf(check({ rawBody: `${VECTOR.body} ` }))).toBe('no_matching_signature');
		expect(reasonOf(check({ rawBody: JSON.stringify(JSON.parse(VECTOR.body), null, 1) }))).toBe(
			'no_matching_signature',
		);
	});

	test('the clock 301 s later: timestamp_too_old; 301 s earlier: timestamp_too_new', () => {
		const late = check({ nowSeconds: VECTOR.now + 301 });
		expect(late).toEqual({
			verified: false,
			reason: 'timestamp_too_old',
			detail: 'Signed 301 s ago; at most 300 s are allowed',
		});
		expect(reasonOf(check({ nowSeconds: VECTOR.now - 301 }))).toBe('timestamp_too_new');
	});

	test('exactly 300 s either way passes (as the SDK); fractions of now are dropped', () => {
		expect(DEFAULT_TOLERANCE_SECONDS).toBe(300);
		expect(check({ nowSeconds: VECTOR.now + 300 }).verified).toBe(true);
		expect(check({ nowSeconds: VECTOR.now - 300 }).verified).toBe(true);
		expect(check({ nowSeconds: VECTOR.now + 300.999 }).verified).toBe(true);
		expect(reasonOf(check({ nowSeconds: VECTOR.now - 300.001 }))).toBe('timestamp_too_new');
		expect(check({ nowSeconds: VECTOR.now + 60, toleranceSeconds: 60 }).verified).toBe(true);
		expect(reasonOf(check({ nowSeconds: VECTOR.now + 61, toleranceSeconds: 60 }))).toBe(
			'timestamp_too_old',
		);
	});
});

describe('headers', () => {
	test.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
		'%s absent, empty or undefined: missing_headers',
		(name) => {
			const without = { ...VECTOR.headers };
			delete without[name];
			for (const headers of [without, withHeaders({ [name]: '' }), withHeaders({ [name]: [] })]) {
				const result = check({ headers });
				expect(reasonOf(result)).toBe('missing_headers');
				expect(result.detail).toContain(name);
			}
		},
	);

	test('no headers at all says a secret may not be issued yet', () => {
		expect(check({ headers: {} }).detail).toMatch(
			/^Missing webhook-id, webhook-timestamp, webhook-signature \(is a webhook secret issued/,
		);
		expect(check({ headers: undefined }).reason).toBe('missing_headers');
	});

	test('names in any case; arrays of one value (req.headersDistinct) are one header', () => {
		const mixed = {
			'Webhook-Id': VECTOR.headers['webhook-id'],
			'WEBHOOK-TIMESTAMP': [VECTOR.headers['webhook-timestamp']],
			'webhook-Signature': VECTOR.headers['webhook-signature'],
		};
		expect(check({ headers: mixed }).verified).toBe(true);
	});

	test.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
		'%s twice (an array, or the same name in two cases): duplicated_headers',
		(name) => {
			const value = VECTOR.headers[name];
			const asArray = check({ headers: withHeaders({ [name]: [value, value] }) });
			expect(asArray).toEqual({
				verified: false,
				reason: 'duplicated_headers',
				detail: `Sent more than once: ${name}`,
			});
			const twoCases = check({ headers: withHeaders({ [name.toUpperCase()]: value }) });
			expect(reasonOf(twoCases)).toBe('duplicated_headers');
		},
	);

	test('a timestamp or signature joined by ", " (how Node joins a repeat) is duplicated', () => {
		const signature = VECTOR.headers['webhook-signature'];
		for (const headers of [
			withHeaders({ 'webhook-signature': `${signature}, ${signature}` }),
			withHeaders({ 'webhook-timestamp': '1714039200, 1714039200' }),
		])
			expect(reasonOf(check({ headers }))).toBe('duplicated_headers');
		// A joined webhook-id is not detectable; it is signed content and simply does not match.
		expect(reasonOf(check({ headers: withHeaders({ 'webhook-id': 'a, b' }) }))).toBe(
			'no_matching_signature',
		);
	});
});

describe('timestamp', () => {
	/** Signed over the odd timestamp itself, so only the timestamp rule can refuse it. */
	const signedAt = (timestamp) =>
		check({
			headers: withHeaders({
				'webhook-timestamp': timestamp,
				'webhook-signature': sign({
					id: VECTOR.headers['webhook-id'],
					timestamp,
					body: VECTOR.body,
					secrets: [VECTOR.secret],
				}),
			}),
		});

	test.each([
		'1714039200x',
		'+1714039200',
		' 1714039200',
		'1714039200 ',
		'1714039200.0',
		'1.7e9',
		'-1714039200',
		'0x6630b6a0',
		'１７１４０３９２００',
		'1714039200000000',
	])('%j, even when signed, is bad_timestamp (digits only)', (timestamp) => {
		const result = signedAt(timestamp);
		expect(result).toEqual({
			verified: false,
			reason: 'bad_timestamp',
			detail: 'webhook-timestamp must be UNIX seconds, digits only',
		});
	});

	test('leading zeros are digits: signed as sent, they verify', () => {
		expect(signedAt('01714039200').verified).toBe(true);
	});

	test('the time is checked before the signature: an old, forged delivery is too old', () => {
		const forged = withHeaders({ 'webhook-signature': 'v1,AAAA' });
		expect(reasonOf(check({ headers: forged, nowSeconds: VECTOR.now + 1000 }))).toBe(
			'timestamp_too_old',
		);
	});
});
