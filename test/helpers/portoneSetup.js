'use strict';
/**
 * The PortOne V2 node's test world: a fresh V2 simulator and an n8n-core engine running the
 * PortOne node with the PortOne V2 API credential pointed at it, per test; and the secret scan.
 */
const { createPortOneSimulator } = require('../portone-simulator/server');
const { createEngine, resetCapturedLogs } = require('./engine');
const { visibleText } = require('./setup');

async function startPortOneWorld({ credential = {}, simulator: simulatorOptions } = {}) {
	const simulator = createPortOneSimulator(simulatorOptions);
	const baseUrl = await simulator.start();
	const [account] = simulator.accounts.list;
	const engine = createEngine(
		{ apiSecret: account.apiSecret, baseUrl, ...credential },
		{ api: 'portone' },
	);
	return { simulator, engine, baseUrl, account };
}

/** Registers jest hooks: before each test a fresh simulator and engine; after it the simulator stops. */
function portOneWorldPerTest(options) {
	const world = {};
	beforeEach(async () => {
		resetCapturedLogs();
		Object.assign(world, await startPortOneWorld(options));
	});
	afterEach(async () => {
		await world.simulator.stop();
	});
	return world;
}

/** Neither an API secret nor a webhook secret of the simulator in anything a user or operator sees. */
function expectNoPortOneSecrets(simulator, ...things) {
	const text = visibleText(...things);
	for (const account of simulator.accounts.list)
		expect(text.includes(account.apiSecret)).toBe(false);
}

/** The requests that reached the simulator, as "METHOD url". */
const calls = (simulator) => simulator.log.map((e) => `${e.method} ${e.rawUrl ?? e.url}`);

module.exports = { startPortOneWorld, portOneWorldPerTest, expectNoPortOneSecrets, calls };
