'use strict';
/**
 * What the node reads once per run instead of once per request or item, through n8n's real engine:
 * the credential (decrypted once; a token renewed after a 401 still reaches every later request,
 * the stored credential and the next run) and parameters that hold no expression (one that holds
 * an expression is still evaluated for each item).
 */
const { startWorld, ids, outcomes, receiptRequests } = require('./helpers/setup');
const { ExecuteContext } = require('n8n-core');
const { cancel, issue } = require('./helpers/parameters');

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
		const { success, error } = await world.engine.run(
			sheet,
			cancel({ options: { concurrency: 5 } }),
		);
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
		expect(lastRequests.map((e) => e.headers.authorization)).toEqual(
			lastRequests.map(() => `Bearer ${world.simulator.issuedTokens[1]}`),
		);
		expect(world.engine.storedCredential.accessToken).toBe(world.simulator.issuedTokens[1]);
		expect([...world.simulator.store.cancellations.values()].every((n) => n === 1)).toBe(true);
		expect(counter.loads).toBe(1);

		const tokenRequestsBefore = world.simulator.tokenRequests().length;
		const next = await world.engine.run([{ imp_uid: 'imp_100000000001' }], cancel());
		expect(outcomes(next.success)).toEqual(['cancelled']);
		expect(world.simulator.tokenRequests()).toHaveLength(tokenRequestsBefore);
		expect(world.simulator.log.at(-1).headers.authorization).toBe(
			`Bearer ${world.simulator.issuedTokens[1]}`,
		);
	});
	test('a parameter given as an expression is still read for each item', async () => {
		world = await startWorld();
		const sheet = [
			{ imp_uid: 'imp_100000000001', dry: true },
			{ imp_uid: 'imp_100000000002', dry: false },
			{ imp_uid: 'imp_200000000001', dry: true },
		];
		const { success, failure } = await world.engine.run(
			sheet,
			cancel({ dryRun: '={{ $json.dry }}', skipAlreadyCancelled: false }),
		);
		expect(outcomes(success)).toEqual(['would_cancel', 'cancelled']);
		expect(outcomes(failure)).toEqual(['not_found']);
		expect(receiptRequests(world.simulator).map((e) => `${e.method} ${e.rawPath}`)).toEqual([
			'GET /receipts/imp_100000000001',
			'DELETE /receipts/imp_100000000002',
			'GET /receipts/imp_200000000001',
		]);
	});

	test('a parameter without an expression is read once per run, one with an expression once per item', async () => {
		world = await startWorld();
		const reads = jest.spyOn(ExecuteContext.prototype, '_getNodeParameter');
		try {
			const sheet = world.simulator.store.addIssuedPayments(12).map((imp_uid) => ({ imp_uid }));
			const { success } = await world.engine.run(
				sheet,
				cancel({ skipAlreadyCancelled: false, options: { concurrency: 3 } }),
			);
			expect(outcomes(success)).toEqual(sheet.map(() => 'cancelled'));
			const valueReads = (name) =>
				reads.mock.calls.filter(
					([parameter, , , options]) => parameter === name && !options?.rawExpressions,
				).length;
			expect(valueReads('dryRun')).toBe(1);
			expect(valueReads('skipAlreadyCancelled')).toBe(1);
			expect(valueReads('impUid')).toBe(12);
		} finally {
			reads.mockRestore();
		}
	});

	test('a fixed parameter read once applies to every item', async () => {
		world = await startWorld();
		const sheet = world.simulator.store.addIssuedPayments(12).map((imp_uid) => ({ imp_uid }));
		const { success } = await world.engine.run(
			sheet,
			cancel({ dryRun: true, options: { concurrency: 3 } }),
		);
		expect(outcomes(success)).toEqual(sheet.map(() => 'would_cancel'));
		expect(world.simulator.requests('DELETE')).toHaveLength(0);
		expect(world.simulator.requests('GET')).toHaveLength(12);
	});

	test('a collection with an expression inside is read for each item, the fixed fields with it', async () => {
		world = await startWorld();
		for (const id of ['imp_per_item_1', 'imp_per_item_2'])
			world.simulator.store.addPayment(id, { receipt: 'none' });
		const sheet = [
			{ imp_uid: 'imp_per_item_1', phone: '01011112222', name: '김하나' },
			{ imp_uid: 'imp_per_item_2', phone: '01033334444', name: '이둘' },
		];
		const { success, failure } = await world.engine.run(
			sheet,
			issue({ issueOptions: { buyer_name: '={{ $json.name }}', type: 'person' } }),
		);
		expect(failure).toHaveLength(0);
		expect(outcomes(success)).toEqual(['issued', 'issued']);
		expect(world.simulator.requests('POST', '/receipts/').map((e) => e.body)).toEqual([
			{ identifier: '01011112222', buyer_name: '김하나', type: 'person' },
			{ identifier: '01033334444', buyer_name: '이둘', type: 'person' },
		]);
	});
});
