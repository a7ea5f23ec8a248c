'use strict';
/**
 * For the simulator's own raw-HTTP tests: registers jest hooks that start a fresh simulator per test
 * with a token already taken, and stop it after. The object returned holds the current test's
 * `sim` and `http` (axios with the Bearer token, every status resolved, one connection per request
 * so an injected reset hits only its own request) and `advance(seconds)`, which moves the clock and
 * takes a fresh token (a token lives 30 minutes). unauthorisedAnswers(): a route asked without a
 * valid token.
 */
const nodeHttp = require('node:http');
const axios = require('axios');
const { createSimulator } = require('../simulator/server');

const CREDENTIAL = { imp_key: 'test_imp_key', imp_secret: 'test_imp_secret_DO_NOT_LEAK' };

/**
 * What `method path` (with `data`) is answered without a valid token: `bare` with no Authorization
 * header, `wrong` with `Bearer <wrongToken>`. Plain axios, every status resolved.
 */
async function unauthorisedAnswers(baseUrl, method, path, data, wrongToken) {
	const request = (headers) =>
		axios.request({ method, url: `${baseUrl}${path}`, data, headers, validateStatus: () => true });
	return {
		bare: await request(undefined),
		wrong: await request({ Authorization: `Bearer ${wrongToken}` }),
	};
}

function rawSimulatorPerTest(startAt) {
	const world = {
		async advance(seconds) {
			world.sim.clock.advance(seconds);
			const { data } = await axios.post(`${world.sim.baseUrl}/users/getToken`, CREDENTIAL);
			world.http.defaults.headers.Authorization = `Bearer ${data.response.access_token}`;
		},
	};
	beforeEach(async () => {
		world.sim = createSimulator({ startAt });
		const baseURL = await world.sim.start();
		const { data } = await axios.post(`${baseURL}/users/getToken`, CREDENTIAL);
		world.http = axios.create({
			baseURL,
			headers: { Authorization: `Bearer ${data.response.access_token}` },
			validateStatus: () => true,
			httpAgent: new nodeHttp.Agent({ keepAlive: false }),
		});
	});
	afterEach(async () => {
		await world.sim.stop();
	});
	return world;
}

module.exports = { rawSimulatorPerTest, unauthorisedAnswers };
