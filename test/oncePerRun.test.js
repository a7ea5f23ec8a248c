'use strict';
/**
 * What the node reads once per run instead of once per request, through n8n's real engine: the
 * credential (decrypted once; a token renewed after a 401 still reaches every later request, the
 * stored credential and the next run).
 */
const { startWorld, ids, outcomes, receiptRequests } = require('./helpers/setup');
const { cancel } = require('./helpers/parameters');

let world;
afterEach(async () => {
	if (world) await world.simulator.stop();
	world = undefined;
});

/** Counts the credential loads (n8n decrypts from its database at each). */
function countCredentialLoads(engine) {
	const helper = engine.credentialsHelper;
	const getDecrypted = helper.getDecrypted.bind(helper);
	const counter = { loads: 0 };
	helper.getDecrypted = async (...args) => {
		counter.loads++;
		return await getDecrypted(...args);
	};
	return counter;
}

describe('once per run', () => {
	test('the credential is loaded once per run, not once per request', async () => {
		world = await startWorld();
		const counter = countCredentialLoads(world.engine);
		const sheet = world.simulator.store.addIssuedPayments(30).map((imp_uid) => ({ imp_uid }));
		const { success, error } = await world.engine.run(sheet, cancel({ options: { concurrency: 5 } }));
		expect(error).toBeUndefined();
		expect(outcomes(success)).toEqual(sheet.map(() => 'cancelled'));
		expect(receiptRequests(world.simulator)).toHaveLength(60); // GET, then DELETE
		expect(counter.loads).toBe(1);
		await world.engine.run(sheet.slice(0, 3), cancel());
		expect(counter.loads).toBe(2);
	});

	test('a token renewed mid-run serves the rest of the run, is stored, and serves the next run', async () => {
		world = await startWorld();
		const counter = countCredentialLoads(world.engine);
		const sheet = world.simulator.store.addIssuedPayments(60).map((imp_uid) => ({ imp_uid }));
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.seq === 25) world.simulator.clock.advance(31 * 60);
		};
		const { success, failure } = await world.engine.run(
			sheet,
			cancel({ skipAlreadyCancelled: false, options: { concurrency: 4 } }),
		);
		world.simulator.hooks.onRequest = undefined;
		expect(failure).toHaveLength(0);
		expect(ids(success)).toEqual(sheet.map((i) => i.imp_uid));
		expect(world.simulator.issuedTokens).toHaveLength(2);
		// The requests in flight when the token died were refused (at most one per worker) and sent
		// again with the new token; from then on every request carries it.
		const refused = world.simulator.log.filter((e) => e.status === 401);
		expect(refused.length).toBeGreaterThanOrEqual(1);
		expect(refused.length).toBeLessThanOrEqual(4);
		const lastRequests = receiptRequests(world.simulator).slice(-30);
		expect(lastRequests.map((e) => e.headers.authorization)).toEqual(lastRequests.map(() => `Bearer ${world.simulator.issuedTokens[1]}`));
		expect(world.engine.storedCredential.accessToken).toBe(world.simulator.issuedTokens[1]);
		expect([...world.simulator.store.cancellations.values()].every((n) => n === 1)).toBe(true);
		expect(counter.loads).toBe(1);

		const tokenRequestsBefore = world.simulator.tokenRequests().length;
		const next = await world.engine.run([{ imp_uid: 'imp_100000000001' }], cancel());
		expect(outcomes(next.success)).toEqual(['cancelled']);
		expect(world.simulator.tokenRequests()).toHaveLength(tokenRequestsBefore);
		expect(world.simulator.log.at(-1).headers.authorization).toBe(`Bearer ${world.simulator.issuedTokens[1]}`);
	});
});
