'use strict';
/** Shared test setup: a fresh simulator and engine per test, and the secret scan. */
const util = require('node:util');
const { createSimulator } = require('../simulator/server');
const { createEngine, capturedLogs, resetCapturedLogs } = require('./engine');

const IMP_KEY = 'test_imp_key';
const IMP_SECRET = 'test_imp_secret_DO_NOT_LEAK';

async function startWorld({ credential = {}, simulator: simulatorOptions } = {}) {
	const simulator = createSimulator(simulatorOptions);
	const baseUrl = await simulator.start();
	const engine = createEngine({ impKey: IMP_KEY, impSecret: IMP_SECRET, baseUrl, ...credential });
	return { simulator, engine, baseUrl };
}

/**
 * Registers jest hooks for a test file: before each test the captured logs are cleared and a
 * fresh simulator and engine start; after it the simulator stops. The object returned holds the
 * current test's { simulator, engine, baseUrl }.
 */
function freshWorldPerTest(options) {
	const world = {};
	beforeEach(async () => {
		resetCapturedLogs();
		Object.assign(world, await startWorld(options));
	});
	afterEach(async () => {
		await world.simulator.stop();
	});
	return world;
}

/** Input items from imp_uids, one each. */
const items = (...impUids) => impUids.map((imp_uid) => ({ imp_uid }));
const ids = (items) => items.map((item) => item.json.imp_uid ?? item.json.merchant_uid);
const outcomes = (items) => items.map((item) => item.json.outcome);

/**
 * Everything a user or an operator could see of a run, as text: output items, errors with
 * their hidden properties and causes, and n8n's logs.
 */
function visibleText(...things) {
	return [...things, capturedLogs]
		.map(
			(thing) =>
				`${JSON.stringify(thing, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}\n${util.inspect(thing, { depth: 12, showHidden: true })}`,
		)
		.join('\n');
}

/** The secret strings of a run: the API secret and every token the simulator issued. */
function secretsOf(simulator) {
	return [IMP_SECRET, ...simulator.issuedTokens];
}

function expectNoSecrets(simulator, ...things) {
	const text = visibleText(...things);
	for (const secret of secretsOf(simulator)) {
		expect(text.includes(secret)).toBe(false);
	}
}

/** The receipt paths a run reached: every request other than the token request. */
const receiptRequests = (simulator) =>
	simulator.log.filter((entry) => entry.rawPath !== '/users/getToken');

module.exports = {
	startWorld,
	freshWorldPerTest,
	items,
	ids,
	outcomes,
	expectNoSecrets,
	visibleText,
	receiptRequests,
	resetCapturedLogs,
	IMP_SECRET,
};
