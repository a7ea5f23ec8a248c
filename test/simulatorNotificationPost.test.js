'use strict';
/**
 * The simulators' webhook poster (test/simulator/notifications.js `post`, which the V2 webhook
 * sender uses too) on kept-alive sockets: node's default agent reuses a connection, which emits
 * no second 'connect', so the connect timeout must not outlive the connection being made.
 */
const http = require('node:http');
const { post } = require('./simulator/notifications');

let server;
let url;
const connections = [];

beforeAll(async () => {
	// Answers the first request at once and every later one after 300 ms.
	let served = 0;
	server = http.createServer((req, res) => {
		req.resume();
		const wait = served++ === 0 ? 0 : 300;
		setTimeout(() => res.end('{"received":true}'), wait);
	});
	server.keepAliveTimeout = 10_000;
	server.on('connection', (socket) => connections.push(socket));
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${server.address().port}/webhook`;
});
afterAll(async () => {
	for (const socket of connections) socket.destroy();
	await new Promise((resolve) => server.close(resolve));
});

test('a slow answer on a reused connection is an answer, not a "connect timeout"; no listener piles up on the socket', async () => {
	const results = [];
	for (let n = 0; n < 12; n++)
		results.push(await post(url, { n }, { connectTimeoutMs: 100, readTimeoutMs: 5000 }));
	expect(results.map((r) => r.status ?? r.error)).toEqual(Array(12).fill(200));
	// The scenario holds: the requests shared a connection.
	expect(connections.length).toBeLessThan(12);
	const kept = Object.values(http.globalAgent.freeSockets).flat();
	expect(kept.length).toBeGreaterThan(0);
	expect(kept.map((socket) => socket.listenerCount('connect'))).toEqual(kept.map(() => 0));
});
