'use strict';
/**
 * A stored token is bound to the base URL, key and secret it was issued for (pure functions):
 * the binding, isTokenBoundTo, and the credential's authenticate sending the token only when bound.
 */
const { IamportApi } = require('../dist/credentials/IamportApi.credentials.js');
const {
	accountOf,
	tokenBinding,
	isTokenBoundTo,
} = require('../dist/nodes/Iamport/transport/account.js');

describe('token binding (pure)', () => {
	const account = {
		baseUrl: 'https://api.iamport.kr',
		impKey: 'key',
		impSecret: 'secret-value-123',
	};

	test('same token and account give the same binding; any change of token, URL, key or secret changes it', () => {
		const binding = tokenBinding('tok', account);
		expect(binding).toMatch(/^v1:[0-9a-f]{64}$/);
		expect(tokenBinding('tok', { ...account })).toBe(binding);
		const changed = [
			tokenBinding('tok2', account),
			tokenBinding('tok', { ...account, baseUrl: 'https://proxy.example.com' }),
			tokenBinding('tok', { ...account, impKey: 'key2' }),
			tokenBinding('tok', { ...account, impSecret: 'secret-value-124' }),
			// Field boundaries are unambiguous: moving a character from one field to the next changes it.
			tokenBinding('tok', { ...account, impKey: 'keys', impSecret: 'ecret-value-123' }),
		];
		expect(new Set([binding, ...changed]).size).toBe(changed.length + 1);
	});

	test('the binding holds no part of the secret, key or token', () => {
		const binding = tokenBinding('token-abcdef', account);
		for (const part of ['secret', 'value-123', 'key', 'token', 'abcdef'])
			expect(binding.includes(part)).toBe(false);
	});

	test('isTokenBoundTo: only the stored token with its own binding and the same fields', () => {
		const credentials = {
			...account,
			accessToken: 'tok',
			tokenBinding: tokenBinding('tok', account),
		};
		expect(isTokenBoundTo(credentials, accountOf(credentials))).toBe(true);
		// base URL spelled with a trailing slash: the same address
		expect(
			isTokenBoundTo(
				{ ...credentials, baseUrl: 'https://api.iamport.kr/' },
				accountOf({ ...credentials, baseUrl: 'https://api.iamport.kr/' }),
			),
		).toBe(true);
		for (const changes of [
			{ impKey: 'other' },
			{ impSecret: 'other' },
			{ baseUrl: 'https://proxy.example.com' },
			{ accessToken: 'other-token' },
			{ accessToken: '' },
			{ tokenBinding: '' },
			{ tokenBinding: undefined },
			{ tokenBinding: 'v1:00' },
		]) {
			const edited = { ...credentials, ...changes };
			expect(isTokenBoundTo(edited, accountOf(edited))).toBe(false);
		}
	});

	test('authenticate sends the token only when bound, and drops what an earlier call set', async () => {
		const type = new IamportApi();
		const credentials = {
			...account,
			tierCode: 'T01',
			accessToken: 'tok',
			tokenBinding: tokenBinding('tok', account),
		};
		const bound = await type.authenticate(credentials, {
			url: '/banks',
			headers: { 'X-Keep': '1' },
		});
		expect(bound.headers).toEqual({ 'X-Keep': '1', Authorization: 'Bearer tok', Tier: 'T01' });
		expect(bound.baseURL).toBe('https://api.iamport.kr');
		// Same options object again (as n8n-core passes it after a refresh), now with other fields.
		const unbound = await type.authenticate(
			{ ...credentials, impSecret: 'changed', tierCode: '' },
			bound,
		);
		expect(unbound.headers).toEqual({ 'X-Keep': '1' });
	});
});
