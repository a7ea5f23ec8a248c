'use strict';
/**
 * Fault suites: 500 receipts per run while the simulator misbehaves (one fault type at a time,
 * then a seeded mix). Every input item must yield exactly one output or error item, in order, no
 * receipt may be cancelled twice, and what the output says must match what i'mport did.
 */
const crypto = require('node:crypto');
const { expectEachItemOnceInOrder } = require('./helpers/itemsOut');
const { startWorld, expectNoSecrets, resetCapturedLogs } = require('./helpers/setup');
const { cancel } = require('./helpers/parameters');

// Each test scans only the logs of its own runs for secrets.
beforeEach(resetCapturedLogs);

const ITEMS = 500;
const FAULT_RATE = 0.2;
const FAULTS = {
	429: { action: 'status', status: 429, headers: { 'Retry-After': '0' } },
	502: { action: 'status', status: 502, body: '<html>Bad Gateway</html>' },
	503: { action: 'status', status: 503 },
	504: { action: 'status', status: 504 },
	reset: { action: 'reset' },
	applyThenReset: { action: 'applyThenReset' },
	hang: { action: 'hang' },
	nonJson: { action: 'nonJson' },
	expiredToken: { action: 'unauthorized' },
};

/**
 * Decides per request whether and which fault hits it, from a hash of the seed, the request and
 * how many times that request was seen, so a run repeats whatever order requests arrive in.
 */
function seededFaults(seed, types) {
	const seen = new Map();
	return (entry) => {
		if (!entry.rawPath.startsWith('/receipts/')) return undefined;
		const key = `${entry.method} ${entry.rawPath}`;
		const attempt = (seen.get(key) ?? 0) + 1;
		seen.set(key, attempt);
		const hash = crypto.createHash('sha256').update(`${seed}|${key}|${attempt}`).digest();
		if (hash.readUInt32BE(0) / 2 ** 32 >= FAULT_RATE) return undefined;
		return types[hash.readUInt32BE(4) % types.length];
	};
}

async function runWithFaults(types, seed) {
	const world = await startWorld();
	const { simulator, engine } = world;
	const chooser = seededFaults(seed, types);
	const chosen = new Map();
	simulator.hooks.onRequest = (entry) => chosen.set(entry.seq, chooser(entry));
	for (const type of types) {
		simulator.faults.add({
			...FAULTS[type],
			times: Infinity,
			when: (entry) => chosen.get(entry.seq) === type,
		});
	}
	// A third of the receipts were cancelled before, so skip/already_cancelled paths are exercised too.
	const idsList = simulator.store.addIssuedPayments(ITEMS, `chaos_${seed}_`);
	idsList.forEach((id, n) => {
		if (n % 3 === 0) simulator.store.payments.get(id).receipt.cancelled_at = 1;
	});
	const cancelledBefore = new Set(idsList.filter((_id, n) => n % 3 === 0));
	const run = await engine.run(
		idsList.map((imp_uid) => ({ imp_uid })),
		cancel({ options: { concurrency: 10, retries: 3, retryWaitMs: 1, timeoutMs: 200 } }),
		{ onError: 'continueRegularOutput' },
	);
	await simulator.stop();
	return { world, run, idsList, cancelledBefore };
}

function checkInvariants({ world, run, idsList, cancelledBefore }) {
	const { simulator } = world;
	expect(run.error).toBeUndefined();
	// One item out per item in, none lost, none duplicated; each output in input order.
	expectEachItemOnceInOrder([run.success, run.failure], ITEMS);
	const all = [...run.success, ...run.failure];
	// Never cancelled twice.
	for (const count of simulator.store.cancellations.values()) expect(count).toBe(1);

	const summary = {};
	for (const item of all) {
		const id = idsList[item.pairedItem.item];
		const receipt = simulator.store.payments.get(id).receipt;
		const outcome = item.json.outcome;
		summary[outcome] = (summary[outcome] ?? 0) + 1;
		if (outcome !== 'error') expect(item.json.imp_uid).toBe(id);
		if (outcome === 'cancelled') {
			// This run cancelled it, once.
			expect(cancelledBefore.has(id)).toBe(false);
			expect(simulator.store.cancellations.get(id)).toBe(1);
		} else if (outcome === 'already_cancelled') {
			expect(receipt.cancelled_at).toBeGreaterThan(0);
		} else if (outcome === 'error') {
			// If i'mport did cancel it, the error must say it may have gone through.
			if (!cancelledBefore.has(id) && simulator.store.cancellations.get(id)) {
				expect(item.json.description).toMatch(/may or may not have gone through/);
			}
		} else {
			throw new Error(`unexpected outcome ${outcome} for ${id}: ${JSON.stringify(item.json)}`);
		}
		// Nothing this run cancelled goes unreported.
		if (!cancelledBefore.has(id) && simulator.store.cancellations.get(id)) {
			expect(['cancelled', 'already_cancelled', 'error']).toContain(outcome);
		}
	}
	expectNoSecrets(simulator, run.result);
	return summary;
}

const summaries = {};
afterAll(() => {
	console.log(
		`fault suites, ${ITEMS} items each, outcome counts:\n${JSON.stringify(summaries, null, 1)}`,
	);
});

describe.each(Object.keys(FAULTS))('fault %s on 20%% of requests', (type) => {
	test("every item accounted for, no double cancel, outputs match what i'mport did", async () => {
		const outcome = await runWithFaults([type], 7);
		summaries[type] = checkInvariants(outcome);
	});
});

describe('a seeded mix of every fault', () => {
	test.each([1, 2])('seed %i', async (seed) => {
		const outcome = await runWithFaults(Object.keys(FAULTS), seed);
		summaries[`mix seed ${seed}`] = checkInvariants(outcome);
	});
});
