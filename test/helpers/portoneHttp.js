'use strict';
/**
 * Shared pieces of the PortOne V2 simulator's raw-HTTP tests: a simulator per test, an axios
 * client that never throws on a status, idempotency keys, and a webhook receiver on 127.0.0.1
 * that keeps every request's raw body and headers.
 */
const http = require('node:http');
const axios = require('axios');
const { createPortOneSimulator } = require('../portone-simulator/server');

/** Fixed start time (2026-03-02T00:00:00Z) so dates in assertions never depend on the day run. */
const START = Date.parse('2026-03-02T00:00:00.000Z');

function clientFor(baseURL, secret) {
	return axios.create({
		baseURL,
		headers: secret ? { Authorization: `PortOne ${secret}` } : {},
		validateStatus: () => true,
		// One connection per request, so a reset hits only the request it was meant for.
		httpAgent: new http.Agent({ keepAlive: false }),
	});
}

/**
 * Starts a fresh simulator before each test of the file and stops it after; returns a getter
 * object: `t.sim`, `t.api` (account A), `t.apiB` (account B), `t.bare` (no Authorization).
 */
function simulatorPerTest(options = {}) {
	const t = {};
	beforeEach(async () => {
		t.sim = createPortOneSimulator({ startAt: START, ...options });
		const baseURL = await t.sim.start();
		const [a, b] = t.sim.accounts.list;
		t.api = clientFor(baseURL, a.apiSecret);
		t.apiB = clientFor(baseURL, b.apiSecret);
		t.bare = clientFor(baseURL);
		t.storeA1 = a.storeIds[0];
		t.storeA2 = a.storeIds[1];
		t.storeB = b.storeIds[0];
	});
	afterEach(async () => {
		await t.sim.stop();
	});
	return t;
}

let keySerial = 0;
/** A fresh, well-formed Idempotency-Key header value (quoted, 16+ ASCII characters). */
const idemKey = (label = 'key') =>
	`"test-${label}-${String(++keySerial).padStart(8, '0')}-${process.pid}"`;

/** `?requestBody=` as the SDK sends list queries. */
const requestBody = (body) => `requestBody=${encodeURIComponent(JSON.stringify(body))}`;

/** A receiver answering `status()` (default 200) and keeping { headers, body } of each request. */
async function startReceiver() {
	const received = [];
	const receiver = { received, status: () => 200 };
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			received.push({
				method: req.method,
				url: req.url,
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			res.writeHead(receiver.status(received.length));
			res.end('ok');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${server.address().port}/webhook`;
	receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
	return receiver;
}

module.exports = { START, clientFor, simulatorPerTest, idemKey, requestBody, startReceiver };
