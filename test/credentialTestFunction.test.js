'use strict';
/**
 * The I'mport credential's test (its testedBy function in n8n-core's CredentialTestContext)
 * against the simulator: the key, secret and tier in the dialog, setup mistakes, transport
 * failures.
 */
const { CredentialTestContext } = require('n8n-core');
const { createSimulator } = require('./simulator/server');
const { tokenBinding } = require('../dist/nodes/Iamport/transport/account.js');
const { testIamportCredential } = require('../dist/nodes/Iamport/methods/credentialTest.js');
const {
	stopWorldsAfterEach,
	A,
	B,
	ACCOUNTS,
	worlds,
	plainServer,
	closedPort,
} = require('./helpers/credentialWorlds');

stopWorldsAfterEach();

describe('the credential test (testedBy function, n8n-core CredentialTestContext)', () => {
	const runTest = (data) =>
		testIamportCredential.call(new CredentialTestContext({}), {
			id: 'c1',
			name: 'c',
			type: 'iamportApi',
			data,
		});

	async function simulator() {
		const sim = createSimulator({ accounts: ACCOUNTS });
		worlds.push({ simulator: sim });
		return { sim, baseUrl: await sim.start() };
	}

	test('right key and secret: OK, after asking for a new token with them', async () => {
		const { sim, baseUrl } = await simulator();
		const result = await runTest({ ...A, baseUrl, tierCode: '' });
		expect(result).toEqual({ status: 'OK', message: "i'mport accepted the API key and secret" });
		expect(sim.log.map((e) => [e.method, e.rawPath, e.tokenOf, e.status])).toEqual([
			['POST', '/users/getToken', null, 200],
			['GET', '/banks', A.impKey, 200],
		]);
	});

	test('a wrong secret is an Error even when a valid stored token comes with the dialog data', async () => {
		const { sim, baseUrl } = await simulator();
		const { response } = await (
			await fetch(`${baseUrl}/users/getToken`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ imp_key: A.impKey, imp_secret: A.impSecret }),
			})
		).json();
		const stored = response.access_token;
		const data = {
			...A,
			impSecret: 'wrong-secret',
			baseUrl,
			tierCode: '',
			accessToken: stored,
			tokenBinding: tokenBinding(stored, { ...A, baseUrl }),
		};
		const result = await runTest(data);
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			"i'mport refused the API key or API secret (HTTP 401: 아임포트 API 키 또는 시크릿이 올바르지 않습니다.). Check both in the credential: the REST API key and secret of the V1 API tab (a PortOne V2 API Secret belongs in the PortOne V2 API credential).",
		);
		expect(sim.log.filter((e) => e.tokenOf !== null)).toEqual([]);
	});

	test('an accepted tier: OK naming the tier; the Tier header went with the check', async () => {
		const { sim, baseUrl } = await simulator();
		const result = await runTest({ ...B, baseUrl, tierCode: 'T01' });
		expect(result).toEqual({
			status: 'OK',
			message: 'i\'mport accepted the API key and secret, and the Agency Tier Code "T01"',
		});
		expect(sim.requests('GET', '/banks')[0].headers.tier).toBe('T01');
	});

	test("a refused tier: Error naming the tier, with i'mport's own message", async () => {
		const { baseUrl } = await simulator();
		const result = await runTest({ ...B, baseUrl, tierCode: 'ZZZ' });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'i\'mport refused the Agency Tier Code "ZZZ" (HTTP 401: 요청하신 Tier(ZZZ)에 대한 권한이 없습니다.). The API key and secret are right; check the tier code, and that this agency account may act for that sub-merchant.',
		);
	});

	test('setup mistakes are reported before anything is sent', async () => {
		const { sim, baseUrl } = await simulator();
		expect(await runTest({ ...A, baseUrl, tierCode: 'zz' })).toEqual({
			status: 'Error',
			message: expect.stringMatching(/Tier Code must be exactly 3/),
		});
		expect(await runTest({ ...A, baseUrl: 'http://192.0.2.10' })).toEqual({
			status: 'Error',
			message: expect.stringMatching(/must start with https/),
		});
		expect(await runTest({ impKey: A.impKey, impSecret: '', baseUrl })).toEqual({
			status: 'Error',
			message: 'Enter both the API Key and the API Secret',
		});
		expect(sim.log).toHaveLength(0);
	});

	test('transport failures in words: TLS to a plain-http port, connection refused', async () => {
		const plain = await plainServer();
		const tls = await runTest({ ...A, baseUrl: `https://127.0.0.1:${plain}` });
		expect(tls.status).toBe('Error');
		expect(tls.message).toMatch(/does not speak HTTPS \(TLS\).*\(EPROTO\)$/);
		const refused = await runTest({ ...A, baseUrl: `http://127.0.0.1:${await closedPort()}` });
		expect(refused.message).toMatch(
			/nothing accepts connections there \(connection refused\)\. Check the host and port of the Base URL$/,
		);
	});

	test('no secret or token in any result', async () => {
		const { sim, baseUrl } = await simulator();
		const results = [
			await runTest({ ...A, baseUrl }),
			await runTest({ ...A, impSecret: 'wrong-secret', baseUrl }),
			await runTest({ ...B, baseUrl, tierCode: 'ZZZ' }),
		];
		const text = JSON.stringify(results);
		for (const secret of [A.impSecret, B.impSecret, 'wrong-secret', ...sim.issuedTokens])
			expect(text.includes(secret)).toBe(false);
	});
});
