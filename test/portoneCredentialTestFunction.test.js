'use strict';
/**
 * The PortOne V2 API credential's test function (the editor's Test / Save) run in n8n-core's
 * CredentialTestContext against the V2 simulator, with every answer it can give. No API secret
 * may appear in any result or n8n log line.
 */
const { CredentialTestContext } = require('n8n-core');
const { createPortOneSimulator } = require('./portone-simulator/server');
const { STORE_A2, STORE_B } = require('./portone-simulator/accounts');
const { capturedLogs, resetCapturedLogs } = require('./helpers/engine');
const { visibleText } = require('./helpers/setup');
const { testPortOneCredential } = require('../dist/nodes/PortOne/methods/credentialTest.js');
const { V1_HINT, WRONG_SECRET, V1_KEY, localServers } = require('./helpers/portoneCredential');

beforeEach(resetCapturedLogs);
const { simulator, plainServer, closedPort } = localServers();

const results = [];
/** The credential test as n8n runs it for the dialog: the node's testedBy function in a CredentialTestContext. */
async function runTest(data) {
	const result = await testPortOneCredential.call(new CredentialTestContext({}), {
		id: 'portone-cred',
		name: 'PortOne V2 API',
		type: 'portOneApi',
		data,
	});
	results.push(result);
	return result;
}

/** The requestBody the check sent, decoded, and the Authorization header it carried. */
const sentCheck = (entry) => ({
	path: entry.rawPath,
	requestBody: JSON.parse(entry.query.get('requestBody')),
	authorization: entry.headers.authorization,
	status: entry.status,
});

describe('the credential test (testedBy function, n8n-core CredentialTestContext)', () => {
	test('a valid secret: OK, "accepted"; one GET /payments for one payment, the secret as PortOne <secret>', async () => {
		const { sim, baseUrl, secret } = await simulator();
		expect(await runTest({ apiSecret: secret, baseUrl })).toEqual({
			status: 'OK',
			message: 'PortOne accepted the API secret',
		});
		expect(sim.log.map(sentCheck)).toEqual([
			{
				path: '/payments',
				requestBody: { page: { number: 0, size: 1 } },
				authorization: `PortOne ${secret}`,
				status: 200,
			},
		]);
	});

	test('spaces around the pasted secret and a trailing slash on the Base URL are dropped', async () => {
		const { sim, baseUrl, secret } = await simulator();
		const result = await runTest({ apiSecret: `  ${secret}\n`, baseUrl: `${baseUrl}/` });
		expect(result.status).toBe('OK');
		expect(sim.log.map((e) => [e.rawPath, e.headers.authorization])).toEqual([
			['/payments', `PortOne ${secret}`],
		]);
	});

	test('a Store ID the secret may use: OK naming it; the check filters on it', async () => {
		const { sim, baseUrl, secret } = await simulator();
		expect(await runTest({ apiSecret: secret, baseUrl, storeId: ` ${STORE_A2} ` })).toEqual({
			status: 'OK',
			message: `PortOne accepted the API secret and the Store ID "${STORE_A2}"`,
		});
		expect(sim.log.map(sentCheck)[0].requestBody).toEqual({
			page: { number: 0, size: 1 },
			filter: { storeId: STORE_A2 },
		});
	});

	test("a Store ID the secret may not use (403): Error naming the Store ID, with PortOne's words", async () => {
		const { sim, baseUrl, secret } = await simulator();
		const result = await runTest({ apiSecret: secret, baseUrl, storeId: STORE_B });
		expect(result).toEqual({
			status: 'Error',
			message: `PortOne refused the Store ID "${STORE_B}" (HTTP 403 FORBIDDEN: 접근 권한이 없습니다: 이 API 시크릿으로는 상점 ${STORE_B}에 접근할 수 없습니다.). The secret is valid; check that its account may use this store, or leave the Store ID empty.`,
		});
		expect(sim.log.map((e) => e.status)).toEqual([403]);
	});

	test("a wrong secret (401): Error saying to use a V2 API Secret, and that V1 keys belong in the I'mport API credential", async () => {
		const { sim, baseUrl } = await simulator();
		expect(await runTest({ apiSecret: WRONG_SECRET, baseUrl })).toEqual({
			status: 'Error',
			message: `PortOne refused the API secret (HTTP 401 UNAUTHORIZED: 인증 정보가 올바르지 않습니다.). ${V1_HINT}`,
		});
		// With a Store ID too: the secret is what was refused, not the store.
		const withStore = await runTest({ apiSecret: WRONG_SECRET, baseUrl, storeId: STORE_A2 });
		expect(withStore.message).toMatch(/^PortOne refused the API secret \(HTTP 401/);
		expect(sim.log.map((e) => e.status)).toEqual([401, 401]);
	});

	test('a V1-looking key (digits only): Error before anything is sent, naming both credentials', async () => {
		const { sim, baseUrl } = await simulator();
		expect(await runTest({ apiSecret: V1_KEY, baseUrl })).toEqual({
			status: 'Error',
			message:
				"The API Secret looks like an i'mport V1 REST API key (digits only). The PortOne V2 API credential needs a V2 API Secret: PortOne console → Integration → Identification codes & API Keys → V2 API. A V1 key and secret belong in the I'mport API credential.",
		});
		expect(await runTest({ apiSecret: '', baseUrl })).toEqual({
			status: 'Error',
			message: 'Enter the V2 API Secret in the PortOne V2 API credential',
		});
		expect(sim.log).toHaveLength(0);
	});

	test('http:// to a host that is not loopback: Error before anything is sent', async () => {
		const { secret } = await simulator();
		for (const baseUrl of [
			'http://192.0.2.10',
			'http://api.portone.io',
			'http://127.0.0.1.nip.io',
		]) {
			expect(await runTest({ apiSecret: secret, baseUrl })).toEqual({
				status: 'Error',
				message:
					'The Base URL must start with https:// (plain http:// is only allowed for a loopback address such as 127.0.0.1, so the API secret never travels unencrypted)',
			});
		}
		expect(
			(await runTest({ apiSecret: secret, baseUrl: 'https://user:pw@api.portone.io' })).message,
		).toBe('The Base URL must not contain a user name, password, query or fragment');
	});

	test('https:// to a plain-http port: Error saying the server does not speak HTTPS; no HTTP request reached it', async () => {
		const { secret } = await simulator();
		const plain = await plainServer();
		const result = await runTest({
			apiSecret: secret,
			baseUrl: `https://127.0.0.1:${plain.address().port}`,
		});
		expect(result).toEqual({
			status: 'Error',
			message: `PortOne could not be reached at https://127.0.0.1:${plain.address().port}: the server there does not speak HTTPS (TLS): the Base URL starts with https:// but the port seems to be plain HTTP. For a local simulator or proxy on a loopback address use http:// (EPROTO)`,
		});
		expect(plain.requests).toBe(0);
	});

	test('a port nothing listens on: Error, connection refused, in words', async () => {
		const { secret } = await simulator();
		const port = await closedPort();
		expect(await runTest({ apiSecret: secret, baseUrl: `http://127.0.0.1:${port}` })).toEqual({
			status: 'Error',
			message: `PortOne could not be reached at http://127.0.0.1:${port}: nothing accepts connections there (connection refused). Check the host and port of the Base URL`,
		});
	});

	test("a server that is not PortOne's API: Error naming the Base URL", async () => {
		const { secret } = await simulator();
		const plain = await plainServer((_req, res) => {
			res.writeHead(404, { 'content-type': 'text/html' });
			res.end('<html>not here</html>');
		});
		const baseUrl = `http://127.0.0.1:${plain.address().port}`;
		expect(await runTest({ apiSecret: secret, baseUrl })).toEqual({
			status: 'Error',
			message: `The Base URL ${baseUrl} answered HTTP 404, but not the way PortOne's API does. Check the Base URL.`,
		});
	});

	test('a 2xx that is not a payment list (a proxy or a mock answering anything): Error, not "accepted"', async () => {
		const { secret } = await simulator();
		const plain = await plainServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
		const baseUrl = `http://127.0.0.1:${plain.address().port}`;
		expect(await runTest({ apiSecret: secret, baseUrl })).toEqual({
			status: 'Error',
			message: `The Base URL ${baseUrl} answered HTTP 200, but not the way PortOne's API does. Check the Base URL.`,
		});
		expect(plain.requests).toBe(1);
	});

	test('no API secret of the simulator, nor the mistyped one, in any result or n8n log line', () => {
		const text = visibleText(results, capturedLogs);
		expect(results.length).toBeGreaterThan(10);
		for (const secret of [
			...createPortOneSimulator({ seed: false }).accounts.list.map((a) => a.apiSecret),
			WRONG_SECRET,
		])
			expect(text.includes(secret)).toBe(false);
	});
});
