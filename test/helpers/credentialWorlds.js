'use strict';
/**
 * What the I'mport credential tests that run the node or the credential test share
 * (test/credentialKeyChange, …TokenStepFailures, …TestFunction.test.js): merchants A and B of
 * the simulator, worlds (simulator and engine) and plain servers stopped after each test, a
 * loopback port nothing listens on, and Cash Receipt → Get's parameters.
 */
const http = require('node:http');
const { closedPort } = require('./closedPort');
const { startWorld, resetCapturedLogs } = require('./setup');

const A = { impKey: 'merchant_a_key', impSecret: 'merchant_a_secret_DO_NOT_LEAK' };
const B = { impKey: 'merchant_b_key', impSecret: 'merchant_b_secret_DO_NOT_LEAK', tiers: ['T01'] };
const ACCOUNTS = [A, B];

const worlds = [];
const servers = [];

/**
 * Registers the jest hooks of a test file: the captured logs cleared before each test, the worlds
 * and servers it started stopped after it.
 */
function stopWorldsAfterEach() {
	// Each test scans only the logs of its own runs for secrets.
	beforeEach(resetCapturedLogs);

	afterEach(async () => {
		for (const world of worlds.splice(0)) await world.simulator.stop();
		for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
	});
}

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

const get = (impUid) => ({ resource: 'cashReceipt', operation: 'get', impUid });

module.exports = {
	A,
	B,
	ACCOUNTS,
	worlds,
	stopWorldsAfterEach,
	world,
	plainServer,
	closedPort,
	get,
};
