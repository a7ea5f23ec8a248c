'use strict';
/**
 * What the test/portoneCredential*.test.js files share: the secrets they try (a mistyped V2
 * secret, an i'mport V1 key), the hint the credential gives on a refused one, and the local
 * servers the credential test is pointed at (the V2 simulator, a plain-http server, a closed port),
 * all stopped after each test.
 */
const http = require('node:http');
const { closedPort } = require('./closedPort');
const { createPortOneSimulator } = require('../portone-simulator/server');

const V1_HINT =
	"Use a V2 API Secret (PortOne console → Integration → Identification codes & API Keys → V2 API). An i'mport V1 REST API key or secret does not work here: those belong in the I'mport API credential.";
const WRONG_SECRET = 'portone-v2-mistyped-secret-DO-NOT-LEAK-000';
/** An i'mport V1 REST API key: digits only. */
const V1_KEY = '4312057219836541';

/** Registers the after-each cleanup and returns the servers' makers. */
function localServers() {
	const simulators = [];
	const servers = [];
	afterEach(async () => {
		for (const simulator of simulators.splice(0)) await simulator.stop();
		for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
	});

	async function simulator() {
		const sim = createPortOneSimulator();
		simulators.push(sim);
		const baseUrl = await sim.start();
		return { sim, baseUrl, secret: sim.accounts.list[0].apiSecret };
	}

	/** A plain-http server on 127.0.0.1 answering with `handler`, counting what reached it. */
	async function plainServer(handler = (_req, res) => res.end('<html>hello</html>')) {
		const server = http.createServer((req, res) => {
			server.requests++;
			handler(req, res);
		});
		server.requests = 0;
		servers.push(server);
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		return server;
	}

	return { simulator, plainServer, closedPort };
}

module.exports = { V1_HINT, WRONG_SECRET, V1_KEY, localServers };
