'use strict';
/**
 * A key, secret, base URL or tier change in a saved I'mport credential, through n8n-core's
 * WorkflowExecute against the simulator: a stored token is never sent with settings it was not
 * issued for.
 */
const { createSimulator } = require('./simulator/server');
const { outcomes, visibleText, receiptRequests } = require('./helpers/setup');
const { cancel } = require('./helpers/parameters');
const {
	stopWorldsAfterEach,
	A,
	B,
	ACCOUNTS,
	worlds,
	world,
	get,
} = require('./helpers/credentialWorlds');

stopWorldsAfterEach();

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
