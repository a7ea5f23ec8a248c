'use strict';
/**
 * A PortOne V2 (api.portone.io) look-alike on 127.0.0.1 for the V2 node's tests, built from
 * PortOne's official schema (portone-io/developers.portone.io `src/schema/v2.openapi.json`) and
 * API overview (`src/routes/(root)/api/rest-v2/[...slug].tsx`): `Authorization: PortOne <secret>`,
 * storeId per request, the payment and cash-receipt operations with every documented error at its
 * `x-portone-status-code`, Idempotency-Key on POSTs, webhooks, a request log, a controllable clock
 * and fault injection (faults.js).
 *
 *   const sim = createPortOneSimulator({ webhook: { url, secrets: ['whsec_…'] } });
 *   const baseUrl = await sim.start();        // http://127.0.0.1:<random port>
 *   sim.payments.get('pay-card-0001'); sim.clock.advance(3 * 3600); sim.faults.add({...});
 *   await sim.stop();
 *
 * How a request is read, checked and run (in order, and what each step answers): requestPlan.js.
 */
const http = require('node:http');
const { createClock } = require('./clock');
const { createAccounts } = require('./accounts');
const { createPaymentStore } = require('./paymentStore');
const { createCashReceiptStore } = require('./cashReceiptStore');
const { seedPayments } = require('./paymentSeeds');
const { createIdempotency } = require('./idempotency');
const { createPortOneFaults } = require('./faults');
const { createWebhookSender } = require('./webhooks');
const { error } = require('./errors');
const { ROUTES } = require('./routes');
const { completeCancellation } = require('./cancel');
const { createRequestPlanner } = require('./requestPlan');
const { readBody } = require('../simulator/request');

/**
 * Faults that answer in PortOne's place before it sees the request (nothing runs, no key is
 * kept), as does a rule marked `beforePortOne` (faults.js `hangBefore`).
 */
const BEFORE_PORTONE = new Set(['status', 'reset', 'nonJson']);

/**
 * @param {object} [options]
 * @param {Array<{apiSecret:string, storeIds:string[], merchantId:string}>} [options.accounts]
 * @param {Array<object>} [options.channels]  see accounts.js
 * @param {number|string} [options.startAt]   simulated time at start (epoch ms or RFC 3339)
 * @param {'returned'|'matches'} [options.totalCount]  what PageInfo.totalCount counts (paging.js)
 * @param {'reject'|'replay'} [options.idempotencyMismatch]  see idempotency.js
 * @param {object} [options.webhook]  { url, secrets, version, format } (webhooks.js)
 * @param {boolean} [options.seed]  false starts with no payments or receipts
 */
function createPortOneSimulator(options = {}) {
	const clock = createClock(options.startAt);
	const accounts = createAccounts(options);
	const payments = createPaymentStore({ clock, accounts });
	const cashReceipts = createCashReceiptStore({ clock, accounts, payments });
	const webhooks = createWebhookSender({
		clock,
		jitterSeconds: options.webhookJitterSeconds,
		seed: options.webhookSeed,
	});
	if (options.webhook) webhooks.configure(options.webhook);
	const idempotency = createIdempotency({ clock, mismatch: options.idempotencyMismatch });
	const faults = createPortOneFaults();
	const log = [];
	const stats = { inFlight: 0, maxInFlight: 0 };
	/** onRequest(entry): runs as each request arrives (e.g. to move the clock or pick a fault) */
	const hooks = { onRequest: undefined };
	const openSockets = new Set();
	const sim = {
		clock,
		accounts,
		payments,
		cashReceipts,
		webhooks,
		idempotency,
		faults,
		log,
		stats,
		hooks,
		options: { totalCount: options.totalCount ?? 'returned' },
	};
	payments.completeCancellation = (paymentId, opts) => completeCancellation(sim, paymentId, opts);
	if (options.seed !== false) seedPayments(payments, cashReceipts, clock);
	const { prepare, planRun } = createRequestPlanner(sim);
	let server;
	let baseUrl;

	async function handle(req, res) {
		const rawUrl = req.url ?? '/';
		const queryAt = rawUrl.indexOf('?');
		const rawBody = await readBody(req);
		const entry = {
			seq: log.length,
			at: clock.iso(),
			method: req.method,
			rawUrl,
			rawPath: queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt),
			query: new URLSearchParams(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1)),
			headers: { ...req.headers },
			rawBody,
			status: null,
		};
		log.push(entry);
		stats.inFlight++;
		stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
		res.on('close', () => stats.inFlight--);
		if (hooks.onRequest) hooks.onRequest(entry);
		const send = (status, body) => {
			entry.status = status;
			entry.answer = body;
			const text = JSON.stringify(body);
			res.writeHead(status, {
				'content-type': 'application/json; charset=utf-8',
				'content-length': Buffer.byteLength(text),
			});
			res.end(text);
		};
		const fault = faults.take(entry);
		if (fault && (BEFORE_PORTONE.has(fault.action) || fault.beforePortOne)) {
			await faults.apply(fault, { req, res, entry, send, run: () => error('NOT_FOUND', 'unused') });
			return;
		}
		const run = planRun(prepare(req, entry), entry);
		const hold = faults.takeHold(entry);
		if (hold) {
			hold.arrive(entry);
			await hold.released;
		}
		if (fault && (await faults.apply(fault, { req, res, entry, send, run }))) return;
		await faults.delay();
		send(...run());
	}

	return {
		...sim,
		get baseUrl() {
			return baseUrl;
		},
		/** requests that reached the server, by method and path prefix */
		requests: (method, prefix) =>
			log.filter(
				(e) => (!method || e.method === method) && (!prefix || e.rawPath.startsWith(prefix)),
			),
		async start(port = 0) {
			server = http.createServer((req, res) => {
				handle(req, res).catch((e) => {
					if (!res.headersSent) {
						res.writeHead(500, { 'content-type': 'application/json' });
						res.end(JSON.stringify({ type: 'SIMULATOR_BUG', message: String(e && e.stack) }));
					}
				});
			});
			server.keepAliveTimeout = 5000;
			server.on('connection', (socket) => {
				openSockets.add(socket);
				socket.on('close', () => openSockets.delete(socket));
			});
			await new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, '127.0.0.1', resolve);
			});
			baseUrl = `http://127.0.0.1:${server.address().port}`;
			return baseUrl;
		},
		async stop() {
			await webhooks.idle();
			if (!server) return;
			faults.releaseHangs();
			for (const socket of openSockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve()));
			server = undefined;
		},
	};
}

module.exports = { createPortOneSimulator, ROUTES };
