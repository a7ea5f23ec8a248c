'use strict';
/**
 * verifySignature (nodes/PortOneTrigger/signature.ts) on PortOne's test vector
 * (helpers/portoneSignatureVector.js): which signature entries match, rotation between two
 * secrets, the secrets it refuses, and programming errors as TypeErrors.
 */
const { sign } = require('./portone-simulator/webhooks');
const {
	VECTOR,
	OTHER_SECRET,
	check,
	withHeaders,
	reasonOf,
} = require('./helpers/portoneSignatureVector');

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
