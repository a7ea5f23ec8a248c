'use strict';
/**
 * verifySignature (nodes/PortOneTrigger/signature.ts): the test vector of PortOne's webhook
 * signature (computed with the Standard Webhooks scheme, checked against @portone/server-sdk's
 * Webhook.verify), every reason, rotation, and the rules where we are stricter than the SDK.
 */
const {
	verifySignature,
	DEFAULT_TOLERANCE_SECONDS,
} = require('../dist/nodes/PortOneTrigger/signature.js');
const { sign } = require('./portone-simulator/webhooks');

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

describe('signatures', () => {
	const signatureOf = (secret, body = VECTOR.body) =>
		sign({ id: 'dummy-webhook-id', timestamp: '1714039200', body, secrets: [secret] });
	const good = VECTOR.headers['webhook-signature'];
	const withSignature = (value) => check({ headers: withHeaders({ 'webhook-signature': value }) });

	test('one good entry among unknown versions, bad ones and undecodable ones verifies', () => {
		const other = signatureOf(OTHER_SECRET);
		expect(withSignature(`v1a,${good.slice(3)} ${other} v1,%%% v1 v2,x  ${good}`).verified).toBe(
			true,
		);
		expect(withSignature(`${good},ignored-third-field`).verified).toBe(true);
	});

	test('v1a only, V1, flipped, truncated, whitespace inside base64: no_matching_signature', () => {
		const flipped = Buffer.from(good.slice(3), 'base64');
		flipped[7] ^= 1;
		for (const value of [
			`v1a,${good.slice(3)}`,
			`V1,${good.slice(3)}`,
			`v1,${flipped.toString('base64')}`,
			good.slice(0, -4),
			`v1,${Buffer.from(good.slice(3), 'base64').subarray(0, 31).toString('base64')}`,
			`v1,${good.slice(3, 10)}\t${good.slice(10)}`,
			'v1,',
			',',
		]) {
			const result = withSignature(value);
			expect(reasonOf(result)).toBe('no_matching_signature');
			expect(result.detail).toMatch(/^No signature matched with 1 secret\(s\): \d v1 signature/);
		}
	});

	test('base64 read as atob reads it: padding optional, spare bits of the last character ignored', () => {
		expect(withSignature(good.replace(/=+$/, '')).verified).toBe(true);
		// 32 bytes leave 2 spare bits in the 43rd character: "s" (0b101100) and "t" (0b101101) decode alike.
		expect(withSignature(good.replace('DRs=', 'DRt=')).verified).toBe(true);
		expect(reasonOf(withSignature(good.replace('DRs=', 'DRw=')))).toBe('no_matching_signature');
	});

	test('the wrong secret: no_matching_signature, and the detail names no secret or signature', () => {
		const result = check({ secrets: [OTHER_SECRET] });
		expect(reasonOf(result)).toBe('no_matching_signature');
		for (const secret of [OTHER_SECRET, OTHER_SECRET.slice(6), VECTOR.secret])
			expect(result.detail).not.toContain(secret.slice(6, 20));
		expect(result.detail).not.toContain(good.slice(3, 20));
	});

	test('rotation: either of two secrets verifies and says which one matched', () => {
		expect(check({ secrets: [VECTOR.secret, OTHER_SECRET] }).secretIndex).toBe(0);
		expect(check({ secrets: [OTHER_SECRET, VECTOR.secret] }).secretIndex).toBe(1);
		const both = `${signatureOf(OTHER_SECRET)} ${good}`;
		expect(
			check({ headers: withHeaders({ 'webhook-signature': both }), secrets: [OTHER_SECRET] })
				.verified,
		).toBe(true);
	});

	test('the whsec_ prefix is optional; whitespace around a secret is dropped', () => {
		expect(check({ secrets: [VECTOR.secret.slice(6)] }).verified).toBe(true);
		expect(check({ secrets: [` ${VECTOR.secret}\n`] }).verified).toBe(true);
	});

	test('signed over the raw bytes: the same text in another encoding does not verify', () => {
		const body = '{"type":"Transaction.Paid","data":{"paymentId":"주문-1"}}';
		const headers = withHeaders({ 'webhook-signature': signatureOf(VECTOR.secret, body) });
		expect(check({ rawBody: body, headers }).verified).toBe(true);
		expect(check({ rawBody: Buffer.from(body, 'utf8'), headers }).verified).toBe(true);
		expect(reasonOf(check({ rawBody: Buffer.from(body, 'utf16le'), headers }))).toBe(
			'no_matching_signature',
		);
	});
});

describe('secrets', () => {
	test.each([
		[[], 'No webhook secret is set'],
		[[VECTOR.secret, OTHER_SECRET, VECTOR.secret], 'At most 2 webhook secrets, not 3'],
		[[''], 'Webhook secret 1 of 1 is empty or not base64'],
		[['whsec_'], 'Webhook secret 1 of 1 is empty'],
		[['whsec_not base64!'], 'not base64'],
		[['whsec_pzQGE83cSIRKM4/WH5QY+g='], 'not base64'],
		[[VECTOR.secret, 'whsec_pzQG E83c'], 'Webhook secret 2 of 2 is empty or not base64'],
		[[VECTOR.secret, 42], 'Webhook secret 2 of 2'],
		[undefined, 'No webhook secret is set'],
	])('%j: bad_secret', (secrets, detail) => {
		const result = check({ secrets });
		expect(reasonOf(result)).toBe('bad_secret');
		expect(result.detail).toContain(detail);
	});

	test('a bad secret is reported before anything sent is looked at, even a good signature', () => {
		expect(reasonOf(check({ secrets: [VECTOR.secret, 'whsec_!'] }))).toBe('bad_secret');
		expect(reasonOf(check({ secrets: [''], headers: {} }))).toBe('bad_secret');
	});
});

test('a programming error is a TypeError, not a verdict', () => {
	expect(() => check({ rawBody: { parsed: true } })).toThrow(TypeError);
	expect(() => check({ nowSeconds: Number.NaN })).toThrow(/nowSeconds/);
	expect(() => check({ nowSeconds: '1714039200' })).toThrow(/nowSeconds/);
	expect(() => check({ toleranceSeconds: -1 })).toThrow(/toleranceSeconds/);
});
