'use strict';
/**
 * Transport failures at the token step, through n8n-core's WorkflowExecute: https:// to a
 * plain-http port, a closed port, a server that is not i'mport, each said in words.
 */
const { cancel } = require('./helpers/parameters');
const {
	stopWorldsAfterEach,
	A,
	world,
	plainServer,
	closedPort,
} = require('./helpers/credentialWorlds');

stopWorldsAfterEach();

describe('transport failures at the token step (through n8n-core)', () => {
	test('https:// to a plain-http port says so, and no HTTP request ever reaches it', async () => {
		let requests = 0;
		const port = await plainServer((_req, res) => {
			requests++;
			res.end('{}');
		});
		const { engine } = await world({ credential: { ...A, baseUrl: `https://127.0.0.1:${port}` } });
		const { error } = await engine.run(
			[{ imp_uid: 'imp_100000000001' }],
			cancel({ options: { retries: 0 } }),
		);
		expect(error.message).toMatch(/does not speak HTTPS \(TLS\).*use http:\/\/ \(EPROTO\)$/);
		expect(error.description).toMatch(
			/access token could not be obtained, so the request was not sent/,
		);
		expect(requests).toBe(0);
	});

	test('a port nothing listens on: connection refused, in words', async () => {
		const port = await closedPort();
		const { engine } = await world({ credential: { ...A, baseUrl: `http://127.0.0.1:${port}` } });
		const { error } = await engine.run(
			[{ imp_uid: 'imp_100000000001' }],
			cancel({ options: { retries: 0 } }),
		);
		expect(error.message).toMatch(
			/^i'mport could not be reached at http:\/\/127\.0\.0\.1:\d+ for an access token: nothing accepts connections there \(connection refused\)/,
		);
	});

	test("a server that is not i'mport: the Base URL is named as the likely mistake", async () => {
		const port = await plainServer((_req, res) => {
			res.writeHead(404, { 'content-type': 'text/html' });
			res.end('<html>not here</html>');
		});
		const { engine } = await world({ credential: { ...A, baseUrl: `http://127.0.0.1:${port}` } });
		const { error } = await engine.run([{ imp_uid: 'imp_100000000001' }], cancel());
		expect(error.message).toMatch(
			/answered the token request with HTTP 404, but not the way i'mport's API does\. Check the Base URL/,
		);
	});
});
