'use strict';
/**
 * The PortOne V2 API credential's `authenticate`: the Authorization header and Base URL it sets,
 * and what it refuses before anything is sent. The secret never appears in its errors.
 */
const { PortOneApi } = require('../dist/credentials/PortOneApi.credentials.js');
const { V1_KEY } = require('./helpers/portoneCredential');

describe('authenticate', () => {
	const type = new PortOneApi();
	const secret = 'portone-v2-secret-for-authenticate-DO-NOT-LEAK';

	test('Authorization: PortOne <secret> and the Base URL; the other headers kept', async () => {
		const options = await type.authenticate(
			{ apiSecret: ` ${secret} `, baseUrl: 'http://127.0.0.1:8788/' },
			{ url: '/payments/x', method: 'GET', headers: { 'Idempotency-Key': '"k"', Accept: 'x' } },
		);
		expect(options).toEqual({
			url: '/payments/x',
			method: 'GET',
			baseURL: 'http://127.0.0.1:8788',
			headers: { 'Idempotency-Key': '"k"', Accept: 'x', Authorization: `PortOne ${secret}` },
		});
		const defaults = await type.authenticate({ apiSecret: secret }, { url: '/payments/x' });
		expect(defaults.baseURL).toBe('https://api.portone.io');
	});

	test('an Authorization set earlier (any spelling) is dropped: one header, with this secret', async () => {
		const first = await type.authenticate({ apiSecret: 'old-secret-value-0001' }, { url: '/p' });
		const again = await type.authenticate(
			{ apiSecret: secret },
			{ ...first, headers: { ...first.headers, authorization: 'Bearer x', AUTHORIZATION: 'y' } },
		);
		expect(again.headers).toEqual({ Authorization: `PortOne ${secret}` });
	});

	test('a V1-looking key, an empty secret, or http:// off loopback: refused, nothing to send', async () => {
		const named = (error) => ({ name: error.name, message: error.message });
		await expect(
			type.authenticate({ apiSecret: V1_KEY }, { url: '/p' }).catch(named),
		).resolves.toEqual({
			name: 'PortOneCredentialError',
			message: expect.stringMatching(/^The API Secret looks like an i'mport V1 REST API key/),
		});
		await expect(
			type.authenticate({ apiSecret: '' }, { url: '/p' }).catch(named),
		).resolves.toMatchObject({ name: 'PortOneCredentialError' });
		const offLoopback = await type
			.authenticate({ apiSecret: secret, baseUrl: 'http://203.0.113.5' }, { url: '/p' })
			.catch((error) => error);
		expect(offLoopback.message).toMatch(/must start with https:\/\//);
		expect(offLoopback.message.includes(secret)).toBe(false);
	});
});
