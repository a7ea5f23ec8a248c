'use strict';
/**
 * A loopback port with nothing listening, for the tests (and scripts/outage.js) that need a
 * connection refused: listen on port 0, note the port, close.
 */
const net = require('node:net');

async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

module.exports = { closedPort };
