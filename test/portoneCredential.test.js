'use strict';
/**
 * The PortOne V2 API credential: its test function (the editor's Test / Save) run in n8n-core's
 * CredentialTestContext against the V2 simulator, with every answer it can give; its
 * `authenticate`; and, through n8n-core's WorkflowExecute, what a run does with a refused secret
 * (one request: n8n-core's resend after a 401 is switched off, a V2 secret has no token to renew).
 * No API secret may appear in any result, error or n8n log line.
 */
const http = require('node:http');
const { CredentialTestContext } = require('n8n-core');
const { createPortOneSimulator } = require('./portone-simulator/server');
const { STORE_A2, STORE_B } = require('./portone-simulator/accounts');
const { capturedLogs, resetCapturedLogs } = require('./helpers/engine');
const { visibleText } = require('./helpers/setup');
const { startPortOneWorld, calls } = require('./helpers/portoneSetup');
const { portOnePaymentGet, portOneRefund } = require('./helpers/parameters');
const { PortOneApi } = require('../dist/credentials/PortOneApi.credentials.js');
const { testPortOneCredential } = require('../dist/nodes/PortOne/methods/credentialTest.js');

const V1_HINT =
	"Use a V2 API Secret (PortOne console → Integration → Identification codes & API Keys → V2 API). An i'mport V1 REST API key or secret does not work here: those belong in the I'mport API credential.";
const WRONG_SECRET = 'portone-v2-mistyped-secret-DO-NOT-LEAK-000';
/** An i'mport V1 REST API key: digits only. */
const V1_KEY = '4312057219836541';

const simulators = [];
const servers = [];
beforeEach(resetCapturedLogs);
afterEach(async () => {
	for (const simulator of simulators.splice(0)) await simulator.stop();
	for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function simulator() {
	const sim = createPortOneSimulator();
	simulators.push(sim);
	const baseUrl = await sim.start();
	return { sim, baseUrl, secret: sim.accounts.list[0].apiSecret };
}

/** A plain-http server on 127.0.0.1 answering with `handler`, counting what reached it. */
async function plainServer(handler = (_req, res) => res.end('<html>hello</html>')) {
	const server = http.createServer((req, res) => {
		server.requests++;
		handler(req, res);
	});
	server.requests = 0;
	servers.push(server);
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return server;
}

/** A loopback port nothing listens on. */
async function closedPort() {
	const server = http.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

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

describe('a run with a refused secret (through n8n-core)', () => {
	const worlds = [];
	afterEach(async () => {
		for (const world of worlds.splice(0)) await world.simulator.stop();
	});
	async function world(credential) {
		const started = await startPortOneWorld({ credential });
		worlds.push(started);
		return started;
	}

	test.each([
		['Payment Get', portOnePaymentGet(), (id) => ({ paymentId: id })],
		['Payment Cancel (refund)', portOneRefund(), (id) => ({ paymentId: id, mode: 'full' })],
	])(
		'%s: stops after the first 401 (one request, the other items never sent) with the clear message',
		async (_name, parameters, item) => {
			const { simulator, engine } = await world({ apiSecret: WRONG_SECRET });
			const ids = ['pay-card-0001', 'pay-card-0002', 'pay-easypay-0001'];
			const { error, success, failure } = await engine.run(ids.map(item), parameters);
			expect(calls(simulator)).toEqual(['GET /payments/pay-card-0001']);
			expect(simulator.log.map((e) => e.status)).toEqual([401]);
			expect(error.message).toBe(
				'PortOne refused the API secret (HTTP 401 UNAUTHORIZED: 인증 정보가 올바르지 않습니다.)',
			);
			expect(error.description).toBe(`Nothing was changed. ${V1_HINT}`);
			expect([...success, ...failure]).toEqual([]);
			expect(simulator.payments.moneyMoved).toEqual([]);
			const text = visibleText(error, capturedLogs);
			for (const secret of [WRONG_SECRET, ...simulator.accounts.list.map((a) => a.apiSecret)])
				expect(text.includes(secret)).toBe(false);
		},
	);

	test('continue on fail: the same one request, then every item on Failure with the message', async () => {
		const { simulator, engine } = await world({ apiSecret: WRONG_SECRET });
		const ids = ['pay-card-0001', 'pay-card-0002'];
		const { error, success, failure } = await engine.run(
			ids.map((paymentId) => ({ paymentId, mode: 'full' })),
			portOneRefund(),
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(calls(simulator)).toEqual(['GET /payments/pay-card-0001']);
		expect(simulator.payments.moneyMoved).toEqual([]);
		expect(success).toEqual([]);
		expect(failure.map((i) => [i.json.paymentId, i.json.outcome, i.json.error])).toEqual(
			ids.map((id) => [
				id,
				'error',
				'PortOne refused the API secret (HTTP 401 UNAUTHORIZED: 인증 정보가 올바르지 않습니다.)',
			]),
		);
	});

	test('a V1-looking key in a run: refused before anything is sent', async () => {
		const { simulator, engine } = await world({ apiSecret: V1_KEY });
		const { error } = await engine.run([{ paymentId: 'pay-card-0001' }], portOnePaymentGet());
		expect(simulator.log).toHaveLength(0);
		expect(error.message).toMatch(/^The API Secret looks like an i'mport V1 REST API key/);
		expect(error.description).toBe('Nothing was sent. Fix the PortOne V2 API credential.');
	});
});
