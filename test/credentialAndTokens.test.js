'use strict';
/** Credential and tokens through n8n's real engine: one token per run, refresh on 401, tier, base URL. */
const {
	startWorld,
	ids,
	outcomes,
	expectNoSecrets,
	receiptRequests,
	IMP_SECRET,
	resetCapturedLogs,
} = require('./helpers/setup');
const { cancel } = require('./helpers/parameters');
const { IamportApi } = require('../dist/credentials/IamportApi.credentials.js');
const { checkedBaseUrl, checkedTierCode } = require('../dist/nodes/Iamport/transport/account.js');

// Each test scans only the logs of its own runs for secrets.
beforeEach(resetCapturedLogs);

/** Like n8n's httpRequest helper for what preAuthentication asks (full response, HTTP errors resolved); runs go through n8n-core's own. */
function httpRequestOf() {
	const axios = require('axios');
	return async ({ method, url, body, headers, timeout }) => {
		const answer = await axios({
			method,
			url,
			data: body,
			headers,
			timeout,
			validateStatus: () => true,
		});
		return { statusCode: answer.status, headers: answer.headers, body: answer.data };
	};
}

let world;
afterEach(async () => {
	if (world) await world.simulator.stop();
	world = undefined;
});

describe('access tokens', () => {
	test('1,000 items: one token request, every item once, in order, concurrency bounded', async () => {
		world = await startWorld();
		world.simulator.faults.setLatency(2); // answers overlap, as over a real network
		const sheet = world.simulator.store.addIssuedPayments(1000).map((imp_uid) => ({ imp_uid }));
		const { success, failure, error } = await world.engine.run(
			sheet,
			cancel({ skipAlreadyCancelled: false, options: { concurrency: 8 } }),
		);
		expect(error).toBeUndefined();
		expect(failure).toHaveLength(0);
		expect(ids(success)).toEqual(sheet.map((i) => i.imp_uid));
		expect(success.map((i) => i.pairedItem.item)).toEqual(sheet.map((_i, n) => n));
		expect(new Set(outcomes(success))).toEqual(new Set(['cancelled']));
		expect(world.simulator.tokenRequests()).toHaveLength(1);
		expect(world.simulator.requests('DELETE')).toHaveLength(1000);
		expect(world.simulator.stats.maxInFlight).toBeLessThanOrEqual(8);
		expect(world.simulator.stats.maxInFlight).toBeGreaterThan(1);
		expect([...world.simulator.store.cancellations.values()].every((n) => n === 1)).toBe(true);
	});

	test('the token is stored in the credential and reused by the next run (no new token request)', async () => {
		world = await startWorld();
		await world.engine.run([{ imp_uid: 'imp_100000000001' }], cancel());
		expect(world.engine.storedCredential.accessToken).toBe(world.simulator.issuedTokens[0]);
		await world.engine.run([{ imp_uid: 'imp_100000000002' }], cancel());
		expect(world.simulator.tokenRequests()).toHaveLength(1);
		// Sent as a Bearer token.
		for (const request of receiptRequests(world.simulator)) {
			expect(request.headers.authorization).toBe(`Bearer ${world.simulator.issuedTokens[0]}`);
		}
	});

	test('a token that expires mid-run is refreshed exactly once and no item is lost or repeated', async () => {
		world = await startWorld();
		const sheet = world.simulator.store.addIssuedPayments(40).map((imp_uid) => ({ imp_uid }));
		// 31 minutes pass when the 20th request arrives: the 30-minute token is dead from then on.
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.seq === 20) world.simulator.clock.advance(31 * 60);
		};
		const { success, failure, error } = await world.engine.run(
			sheet,
			cancel({ skipAlreadyCancelled: false, options: { concurrency: 1 } }),
		);
		expect(error).toBeUndefined();
		expect(failure).toHaveLength(0);
		expect(ids(success)).toEqual(sheet.map((i) => i.imp_uid));
		expect(world.simulator.tokenRequests()).toHaveLength(2);
		expect(world.simulator.issuedTokens).toHaveLength(2);
		expect(world.engine.credentialsHelper.preAuthenticationCalls).toEqual([
			{ credentialsExpired: false },
			{ credentialsExpired: true },
		]);
		expect(world.simulator.log.filter((e) => e.status === 401)).toHaveLength(1);
		expect(world.engine.storedCredential.accessToken).toBe(world.simulator.issuedTokens[1]);
		expect([...world.simulator.store.cancellations.values()].every((n) => n === 1)).toBe(true);
	});

	test('expiry under concurrency: refreshes share one token request, every item answered once', async () => {
		world = await startWorld();
		const sheet = world.simulator.store.addIssuedPayments(200).map((imp_uid) => ({ imp_uid }));
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.seq === 60) world.simulator.clock.advance(31 * 60);
		};
		const { success, failure } = await world.engine.run(
			sheet,
			cancel({ skipAlreadyCancelled: false, options: { concurrency: 10 } }),
		);
		expect(failure).toHaveLength(0);
		expect(ids(success)).toEqual(sheet.map((i) => i.imp_uid));
		// The first token, then one shared refresh; i'mport hands the same live token to any late asker.
		expect(world.simulator.issuedTokens).toHaveLength(2);
		expect(world.simulator.tokenRequests().length).toBeLessThanOrEqual(1 + 10);
		expect([...world.simulator.store.cancellations.values()].every((n) => n === 1)).toBe(true);
	});

	test('a wrong secret fails with a plain message, one token request for the whole run, nothing cancelled', async () => {
		world = await startWorld({ credential: { impSecret: 'wrong-secret-value' } });
		const sheet = [
			{ imp_uid: 'imp_100000000001' },
			{ imp_uid: 'imp_100000000002' },
			{ imp_uid: 'imp_100000000003' },
		];
		const run = await world.engine.run(sheet, cancel(), { onError: 'continueRegularOutput' });
		expect(run.success).toHaveLength(0);
		expect(run.failure).toHaveLength(3);
		for (const item of run.failure) {
			expect(item.json.outcome).toBe('error');
			expect(item.json.error).toMatch(/refused the API key or API secret \(HTTP 401/);
		}
		expect(world.simulator.tokenRequests()).toHaveLength(1);
		expect(receiptRequests(world.simulator)).toHaveLength(0);
		const text = JSON.stringify(run.result);
		expect(text.includes('wrong-secret-value')).toBe(false);
		expectNoSecrets(world.simulator, run.result);

		const stopped = await world.engine.run(sheet, cancel());
		expect(stopped.error.message).toMatch(/refused the API key or API secret/);
		expect(stopped.error.context.itemIndex).toBe(0);
		expect(JSON.stringify(stopped.result).includes('wrong-secret-value')).toBe(false);
	});

	test("credentials refused by i'mport even after a refresh are an error, not a Failure item", async () => {
		world = await startWorld();
		world.simulator.faults.add({ method: 'DELETE', action: 'unauthorized', times: Infinity });
		const { error } = await world.engine.run(
			[{ imp_uid: 'imp_100000000001' }],
			cancel({ skipAlreadyCancelled: false }),
		);
		expect(error.message).toMatch(/refused the access token \(HTTP 401\)/);
		// n8n-core refreshed once by itself, then gave up.
		expect(world.simulator.requests('DELETE')).toHaveLength(2);
		expect(
			world.engine.credentialsHelper.preAuthenticationCalls.filter((c) => c.credentialsExpired),
		).toHaveLength(1);
	});
});

describe('agency tier', () => {
	test("the Tier header goes with every call and reaches the sub-merchant's receipts", async () => {
		world = await startWorld({ credential: { tierCode: 'T01' } });
		const { success } = await world.engine.run([{ imp_uid: 'imp_tier_T01_0001' }], cancel());
		expect(outcomes(success)).toEqual(['cancelled']);
		for (const request of receiptRequests(world.simulator))
			expect(request.headers.tier).toBe('T01');
	});

	test('a malformed tier code fails before anything is sent', async () => {
		world = await startWorld({ credential: { tierCode: 't-1' } });
		const { error } = await world.engine.run([{ imp_uid: 'imp_100000000001' }], cancel());
		expect(error.message).toMatch(/Tier Code must be exactly 3 characters/);
		expect(world.simulator.log).toHaveLength(0);
	});

	test("a tier the agency may not act for is refused by i'mport and reported as an error", async () => {
		world = await startWorld({ credential: { tierCode: 'ZZZ' } });
		const { error } = await world.engine.run([{ imp_uid: 'imp_100000000001' }], cancel());
		expect(error.message).toMatch(/HTTP 401/);
		expect(error.description).toMatch(/Tier/);
	});
});

describe('credential checks', () => {
	test.each([
		['http://example.com', /must start with https/],
		['ftp://127.0.0.1', /must start with https/],
		['https://user:pw@api.iamport.kr', /must not contain/],
		['not a url', /not a valid URL/],
	])('base URL %s is refused', (url, message) => {
		expect(() => checkedBaseUrl(url)).toThrow(message);
	});

	test.each([
		['', 'https://api.iamport.kr'],
		['https://api.iamport.kr/', 'https://api.iamport.kr'],
		['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
		['http://127.5.6.7', 'http://127.5.6.7'],
		['http://localhost:1234/', 'http://localhost:1234'],
		['http://[::1]:9000', 'http://[::1]:9000'],
	])('base URL %j is accepted as %s', (url, expected) => {
		expect(checkedBaseUrl(url)).toBe(expected);
	});

	test.each(['A1B', 'T01', '999'])('tier %s is valid', (tier) =>
		expect(checkedTierCode(tier)).toBe(tier),
	);
	test.each(['a1b', 'AB', 'ABCD', 'A-1'])('tier %s is refused', (tier) =>
		expect(() => checkedTierCode(tier)).toThrow(),
	);

	test('a plain-http base URL off loopback makes the run fail before any request', async () => {
		world = await startWorld({ credential: { baseUrl: 'http://192.0.2.10:8080' } });
		const { error } = await world.engine.run([{ imp_uid: 'imp_100000000001' }], cancel());
		expect(error.message).toMatch(/must start with https/);
	});

	test('preAuthentication returns the token and its binding; a wrong secret fails plainly', async () => {
		world = await startWorld();
		const credentialType = new IamportApi();
		const credentials = {
			impKey: 'test_imp_key',
			impSecret: IMP_SECRET,
			baseUrl: world.baseUrl,
			tierCode: '',
		};
		const output = await credentialType.preAuthentication.call(
			{ helpers: { httpRequest: httpRequestOf() } },
			credentials,
		);
		expect(Object.keys(output).sort()).toEqual(['accessToken', 'tokenBinding']);
		expect(output.accessToken).toBe(world.simulator.issuedTokens[0]);
		expect(output.tokenBinding).toMatch(/^v1:[0-9a-f]{64}$/);

		const wrong = { ...credentials, impSecret: 'nope', accessToken: '' };
		await expect(
			credentialType.preAuthentication.call({ helpers: { httpRequest: httpRequestOf() } }, wrong),
		).rejects.toThrow(/refused the API key or API secret/);
	});
});
