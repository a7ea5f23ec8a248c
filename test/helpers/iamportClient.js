'use strict';
/**
 * For the yardstick tests (test/iamportClientYardstick*.test.js): registers jest hooks that start a
 * fresh simulator at the real time (the client checks token expiry against the real clock, so one
 * token serves every call) with i'mport's own Node client pointed at it, and stop it after. The
 * object returned holds the current test's { sim, iamport, start }.
 */
const { Iamport } = require('iamport-rest-client-nodejs');
const { createSimulator } = require('../simulator/server');

const DAY = 24 * 60 * 60;

function iamportClientPerTest() {
	const world = {};
	beforeEach(async () => {
		world.start = Math.floor(Date.now() / 1000);
		world.sim = createSimulator({ startAt: world.start });
		const baseUrl = await world.sim.start();
		world.iamport = new Iamport({
			apiKey: 'test_imp_key',
			apiSecret: 'test_imp_secret_DO_NOT_LEAK',
			baseUrl,
		});
	});
	afterEach(async () => {
		await world.sim.stop();
	});

	/** The client's promise settled: { data } on success, { failure } with what it rejected with. */
	world.settle = (request) =>
		request.request(world.iamport).then(
			(res) => ({ data: res.data }),
			(failure) => ({ failure }),
		);
	return world;
}

const at = (seconds) => new Date(seconds * 1000);

module.exports = { iamportClientPerTest, at, DAY };
