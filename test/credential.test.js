'use strict';
/**
 * A stored token is bound to the base URL, key and secret it was issued for; the credential test
 * checks the key, secret and tier in the dialog. Pure functions first, then runs through n8n-core's
 * WorkflowExecute against the simulator, then the test function in n8n-core's CredentialTestContext.
 */
const http = require('node:http');
const { CredentialTestContext } = require('n8n-core');
const { createSimulator } = require('./simulator/server');
const {
	startWorld,
	outcomes,
	visibleText,
	receiptRequests,
	resetCapturedLogs,
} = require('./helpers/setup');
const { cancel } = require('./helpers/parameters');
const { IamportApi } = require('../dist/credentials/IamportApi.credentials.js');
const {
	accountOf,
	tokenBinding,
	isTokenBoundTo,
} = require('../dist/nodes/Iamport/transport/account.js');
const { networkFailureMessage } = require('../dist/nodes/Iamport/transport/token.js');
const { networkCodeOf } = require('../dist/nodes/engine/thrown.js');
const { testIamportCredential } = require('../dist/nodes/Iamport/methods/credentialTest.js');

const A = { impKey: 'merchant_a_key', impSecret: 'merchant_a_secret_DO_NOT_LEAK' };
const B = { impKey: 'merchant_b_key', impSecret: 'merchant_b_secret_DO_NOT_LEAK', tiers: ['T01'] };
const ACCOUNTS = [A, B];

const worlds = [];
const servers = [];
// Each test scans only the logs of its own runs for secrets.
beforeEach(resetCapturedLogs);

afterEach(async () => {
	for (const world of worlds.splice(0)) await world.simulator.stop();
	for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function world(options) {
	const started = await startWorld(options);
	worlds.push(started);
	return started;
}

/** A plain-http server that answers like i'mport would not: for TLS and non-i'mport answers. */
async function plainServer(handler = (_req, res) => res.end('<html>hello</html>')) {
	const server = http.createServer(handler);
	servers.push(server);
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return server.address().port;
}

/** A loopback port nothing listens on. */
async function closedPort() {
	const server = http.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

const get = (impUid) => ({ resource: 'cashReceipt', operation: 'get', impUid });

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

describe('transport failure wording (pure)', () => {
	test.each([
		['EPROTO', /does not speak HTTPS \(TLS\).*use http:\/\/.*\(EPROTO\)$/],
		['ERR_SSL_WRONG_VERSION_NUMBER', /does not speak HTTPS/],
		['ECONNREFUSED', /connection refused\). Check the host and port of the Base URL$/],
		['ENOTFOUND', /could not be resolved \(DNS\)/],
		['EAI_AGAIN', /could not be resolved \(DNS\)/],
		['EHOSTUNREACH', /cannot be reached.*\(unreachable\)/],
		['ENETUNREACH', /\(unreachable\)/],
		['ETIMEDOUT', /no answer in time \(timeout\)/],
		['ECONNABORTED', /no answer in time \(timeout\)/],
		['ECONNRESET', /connection was closed/],
		[
			'DEPTH_ZERO_SELF_SIGNED_CERT',
			/certificate was not accepted.*\(DEPTH_ZERO_SELF_SIGNED_CERT\)$/,
		],
		['SOMETHING_ELSE', /a network error \(SOMETHING_ELSE\)$/],
		[undefined, /a network error \(no error code\)$/],
	])('%s', (code, words) => {
		const message = networkFailureMessage(code, 'https://127.0.0.1:8787');
		// n8n's NodeApiError swaps a message naming a common code for a generic sentence: name none.
		for (const common of [
			'ECONNREFUSED',
			'ECONNRESET',
			'ENOTFOUND',
			'ETIMEDOUT',
			'ECONNABORTED',
			'EHOSTUNREACH',
			'EAI_AGAIN',
		]) {
			expect(message.includes(common)).toBe(false);
		}
		expect(message).toMatch(
			/^i'mport could not be reached at https:\/\/127\.0\.0\.1:8787 for an access token: /,
		);
		expect(message).toMatch(words);
	});

	test('n8n shows each message as written (NodeApiError swaps messages naming common codes for generic ones)', () => {
		const { NodeApiError } = require('n8n-workflow');
		const node = {
			id: 'n',
			name: "I'mport",
			type: 'n8n-nodes-iamport.iamport',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const codes = [
			'EPROTO',
			'ERR_SSL_WRONG_VERSION_NUMBER',
			'ECONNREFUSED',
			'ENOTFOUND',
			'EAI_AGAIN',
			'EHOSTUNREACH',
			'ENETUNREACH',
			'ETIMEDOUT',
			'ECONNABORTED',
			'ECONNRESET',
			'EPIPE',
			'CERT_HAS_EXPIRED',
			'DEPTH_ZERO_SELF_SIGNED_CERT',
			undefined,
		];
		for (const code of codes) {
			const message = networkFailureMessage(code, 'https://api.iamport.kr');
			expect(new NodeApiError(node, { message }, { message }).message).toBe(message);
		}
	});

	test('networkCodeOf finds the code on the error, its cause or an aggregate, or reads the TLS message', () => {
		expect(networkCodeOf({ code: 'ECONNREFUSED' })).toBe('ECONNREFUSED');
		expect(networkCodeOf({ message: 'x', cause: { code: 'EPROTO' } })).toBe('EPROTO');
		expect(networkCodeOf({ errors: [{ code: 'ECONNREFUSED' }] })).toBe('ECONNREFUSED');
		expect(
			networkCodeOf({
				message: 'write EPROTO ...:ssl routines:tls_get_more_records:packet length too long',
			}),
		).toBe('EPROTO');
		expect(networkCodeOf({ message: 'timeout of 100ms exceeded' })).toBe('ETIMEDOUT');
		expect(networkCodeOf({ message: 'boom' })).toBeUndefined();
	});
});

describe('a key change in a saved credential (through n8n-core)', () => {
	test("A -> B with the stored token kept: the next run carries B's token, never A's", async () => {
		const { simulator, engine } = await world({ credential: A, simulator: { accounts: ACCOUNTS } });
		const first = await engine.run([{ imp_uid: 'imp_100000000001' }], get('imp_100000000001'));
		expect(outcomes(first.success)).toEqual(['found']);
		const tokenA = simulator.issuedTokens[0];
		expect(engine.storedCredential.accessToken).toBe(tokenA);
		expect(engine.storedCredential.tokenBinding).toMatch(/^v1:/);
		const bindingA = engine.storedCredential.tokenBinding;

		// The editor: key and secret changed, the hidden token and binding sent back as placeholders (kept).
		engine.editCredential({ impKey: B.impKey, impSecret: B.impSecret });
		const switchedAt = simulator.log.length;
		const second = await engine.run([{ imp_uid: 'imp_100000000002' }], get('imp_100000000002'));
		expect(second.error).toBeUndefined();
		expect(outcomes(second.success)).toEqual(['found']);

		const after = simulator.log.slice(switchedAt);
		const tokenB = simulator.issuedTokens[1];
		expect(tokenB).toBeDefined();
		expect(tokenB).not.toBe(tokenA);
		// Merchant A's token never went out after the switch: first without a token (401), a token
		// request with B's key, then the look-up with B's token.
		expect(after.filter((e) => e.tokenOf === A.impKey)).toEqual([]);
		expect(after.map((e) => [e.method, e.rawPath, e.tokenOf, e.status])).toEqual([
			['GET', '/receipts/imp_100000000002', null, 401],
			['POST', '/users/getToken', null, 200],
			['GET', '/receipts/imp_100000000002', B.impKey, 200],
		]);
		expect(JSON.parse(after[1].rawBody).imp_key).toBe(B.impKey);
		expect(engine.credentialsHelper.preAuthenticationCalls.at(-1)).toEqual({
			credentialsExpired: true,
		});
		// The new token and its binding were stored (n8n stores every key preAuthentication returns).
		expect(engine.storedCredential.accessToken).toBe(tokenB);
		expect(engine.storedCredential.tokenBinding).not.toBe(bindingA);

		// A third run reuses B's token: no 401, no token request.
		const thirdAt = simulator.log.length;
		await engine.run([{ imp_uid: 'imp_100000000001' }], get('imp_100000000001'));
		expect(simulator.log.slice(thirdAt).map((e) => [e.rawPath, e.tokenOf, e.status])).toEqual([
			['/receipts/imp_100000000001', B.impKey, 200],
		]);
		// Nothing derived from a secret or a token reached an output, error or log.
		const text = visibleText(first.result, second.result);
		for (const secret of [
			A.impSecret,
			B.impSecret,
			tokenA,
			tokenB,
			bindingA,
			engine.storedCredential.tokenBinding,
		]) {
			expect(text.includes(secret)).toBe(false);
		}
	});

	test("A -> B with many items and concurrency: every request after the switch carries B's token or none", async () => {
		const { simulator, engine } = await world({ credential: A, simulator: { accounts: ACCOUNTS } });
		await engine.run([{ imp_uid: 'imp_100000000001' }], get('imp_100000000001'));
		engine.editCredential({ impKey: B.impKey, impSecret: B.impSecret });
		const switchedAt = simulator.log.length;
		const sheet = simulator.store.addIssuedPayments(200).map((imp_uid) => ({ imp_uid }));
		const { success, failure } = await engine.run(
			sheet,
			cancel({ skipAlreadyCancelled: false, options: { concurrency: 10 } }),
		);
		expect(failure).toHaveLength(0);
		expect(success).toHaveLength(200);
		const after = simulator.log.slice(switchedAt);
		expect(after.filter((e) => e.tokenOf === A.impKey)).toEqual([]);
		expect(receiptRequests({ log: after }).filter((e) => e.status === 401)).toHaveLength(1);
		expect(simulator.requests('DELETE').filter((e) => e.tokenOf === B.impKey)).toHaveLength(200);
		expect([...simulator.store.cancellations.values()].every((n) => n === 1)).toBe(true);
	});

	test('a wrong new secret fails the run at the token step: the stored token is not used', async () => {
		const { simulator, engine } = await world({ credential: A, simulator: { accounts: ACCOUNTS } });
		await engine.run([{ imp_uid: 'imp_100000000001' }], get('imp_100000000001'));
		engine.editCredential({ impSecret: 'a-mistyped-new-secret' });
		const switchedAt = simulator.log.length;
		const { error, result } = await engine.run([{ imp_uid: 'imp_100000000002' }], cancel());
		expect(error.message).toMatch(
			/refused the API key or API secret \(HTTP 401: 아임포트 API 키 또는 시크릿이 올바르지 않습니다\.\)/,
		);
		const after = simulator.log.slice(switchedAt);
		expect(after.filter((e) => e.tokenOf !== null)).toEqual([]);
		expect(simulator.requests('DELETE').filter((e) => e.status !== 401)).toHaveLength(0);
		expect(simulator.store.cancellations.size).toBe(0);
		expect(visibleText(result).includes('a-mistyped-new-secret')).toBe(false);
	});

	test('a base URL change: the token of one server is never sent to another', async () => {
		const one = await world({ credential: A, simulator: { accounts: ACCOUNTS } });
		const other = createSimulator({ accounts: ACCOUNTS });
		worlds.push({ simulator: other });
		const otherUrl = await other.start();
		await one.engine.run([{ imp_uid: 'imp_100000000001' }], get('imp_100000000001'));
		one.engine.editCredential({ baseUrl: otherUrl });
		const { success } = await one.engine.run(
			[{ imp_uid: 'imp_100000000001' }],
			get('imp_100000000001'),
		);
		expect(outcomes(success)).toEqual(['found']);
		// The second server never saw a token it did not issue.
		expect(other.log.filter((e) => e.tokenOf === 'unknown')).toEqual([]);
		expect(other.log.map((e) => [e.rawPath, e.tokenOf, e.status])).toEqual([
			['/receipts/imp_100000000001', null, 401],
			['/users/getToken', null, 200],
			['/receipts/imp_100000000001', A.impKey, 200],
		]);
	});

	test('a token stored by an older version (no binding) is replaced once, then reused', async () => {
		const { simulator, engine } = await world({ credential: A, simulator: { accounts: ACCOUNTS } });
		await engine.run([{ imp_uid: 'imp_100000000001' }], get('imp_100000000001'));
		engine.editCredential({ tokenBinding: undefined });
		const at = simulator.log.length;
		await engine.run([{ imp_uid: 'imp_100000000001' }], get('imp_100000000001'));
		await engine.run([{ imp_uid: 'imp_100000000001' }], get('imp_100000000001'));
		expect(simulator.log.slice(at).map((e) => [e.rawPath, e.tokenOf, e.status])).toEqual([
			['/receipts/imp_100000000001', null, 401],
			['/users/getToken', null, 200],
			['/receipts/imp_100000000001', A.impKey, 200],
			['/receipts/imp_100000000001', A.impKey, 200],
		]);
	});

	test('a tier change needs no new token (a token belongs to the key), the Tier header follows the field', async () => {
		const { simulator, engine } = await world({ credential: B, simulator: { accounts: ACCOUNTS } });
		await engine.run([{ imp_uid: 'imp_100000000001' }], get('imp_100000000001'));
		engine.editCredential({ tierCode: 'T01' });
		const at = simulator.log.length;
		const { success } = await engine.run(
			[{ imp_uid: 'imp_tier_T01_0001' }],
			get('imp_tier_T01_0001'),
		);
		expect(outcomes(success)).toEqual(['found']);
		expect(
			simulator.log.slice(at).map((e) => [e.rawPath, e.tokenOf, e.headers.tier, e.status]),
		).toEqual([['/receipts/imp_tier_T01_0001', B.impKey, 'T01', 200]]);
	});
});

describe('transport failures at the token step (through n8n-core)', () => {
	test('https:// to a plain-http port says so, and no HTTP request ever reaches it', async () => {
		let requests = 0;
		const port = await plainServer((_req, res) => {
			requests++;
			res.end('{}');
		});
		const { engine } = await world({ credential: { ...A, baseUrl: `https://127.0.0.1:${port}` } });
		const { error } = await engine.run(
			[{ imp_uid: 'imp_100000000001' }],
			cancel({ options: { retries: 0 } }),
		);
		expect(error.message).toMatch(/does not speak HTTPS \(TLS\).*use http:\/\/ \(EPROTO\)$/);
		expect(error.description).toMatch(
			/access token could not be obtained, so the request was not sent/,
		);
		expect(requests).toBe(0);
	});

	test('a port nothing listens on: connection refused, in words', async () => {
		const port = await closedPort();
		const { engine } = await world({ credential: { ...A, baseUrl: `http://127.0.0.1:${port}` } });
		const { error } = await engine.run(
			[{ imp_uid: 'imp_100000000001' }],
			cancel({ options: { retries: 0 } }),
		);
		expect(error.message).toMatch(
			/^i'mport could not be reached at http:\/\/127\.0\.0\.1:\d+ for an access token: nothing accepts connections there \(connection refused\)/,
		);
	});

	test("a server that is not i'mport: the Base URL is named as the likely mistake", async () => {
		const port = await plainServer((_req, res) => {
			res.writeHead(404, { 'content-type': 'text/html' });
			res.end('<html>not here</html>');
		});
		const { engine } = await world({ credential: { ...A, baseUrl: `http://127.0.0.1:${port}` } });
		const { error } = await engine.run([{ imp_uid: 'imp_100000000001' }], cancel());
		expect(error.message).toMatch(
			/answered the token request with HTTP 404, but not the way i'mport's API does\. Check the Base URL/,
		);
	});
});

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
