'use strict';
/**
 * An i'mport (api.iamport.kr) look-alike on 127.0.0.1, built from i'mport's Swagger spec
 * (portone-io/developers.portone.io `src/schema/v1.openapi.json`): token issue/reuse/expiry, Bearer or raw tokens, the Tier header, the /receipts,
 * /payments, /vbanks and /subscribe families with the spec's documented statuses, a request log,
 * a count of applied state changes (`changes`),
 * a controllable clock and fault injection. Used by the tests, the demo and the benchmark.
 * Tokens and the Tier check: tokens.js; reading a request's body and path: request.js.
 */
const http = require('node:http');
const { createStore } = require('./store');
const { createFaults } = require('./faults');
const { createTokens } = require('./tokens');
const { readBody, parseBody, segmentsOf } = require('./request');

/**
 * The API families, one module each: `prefix` is the first path segment it answers, and
 * `route({ method, segments, body, query, store, clock, tier, entry })` returns [httpStatus, envelope].
 * A family with state of its own exports `create({ clock, store, families })` instead, made once per
 * simulator in this order (`families` holds the ones made before it: /vbanks changes /payments' payments).
 * Add a family with one line.
 */
const ROUTE_MODULES = [
	require('./receipts'),
	require('./payments'),
	require('./vbanks'),
	require('./subscribe'),
];

/** StandardCodeListResponse for GET /banks */
const BANKS = [
	{ code: '004', name: 'KB국민은행' },
	{ code: '020', name: '우리은행' },
	{ code: '088', name: '신한은행' },
];

function envelope(code, message, response) {
	return { code, message, response };
}

/**
 * @param {object} [options]
 * @param {Array<{impKey:string, impSecret:string, tiers?:string[]}>} [options.accounts]
 *   accounts that may ask for tokens; `tiers` lists sub-merchant tier codes an agency may act for
 * @param {number} [options.startAt] simulated UNIX time (seconds) at start
 */
function createSimulator(options = {}) {
	const accounts = options.accounts ?? [
		{ impKey: 'test_imp_key', impSecret: 'test_imp_secret_DO_NOT_LEAK', tiers: ['T01', 'AB9'] },
	];
	let clockOffset = 0;
	const clock = {
		base: options.startAt ?? Math.floor(Date.now() / 1000),
		/** simulated UNIX seconds */
		now: () => clock.base + clockOffset,
		advance: (seconds) => {
			clockOffset += seconds;
		},
	};
	const store = createStore(clock);
	const families = new Map();
	for (const family of ROUTE_MODULES) {
		families.set(family.prefix, family.create ? family.create({ clock, store, families }) : family);
	}
	/** the payments family's store and test API (add, cancel, appliedRefunds, ...) */
	const payments = families.get('payments');
	const faults = createFaults();
	const { tokens, issuedTokens, issueToken, authenticate, tokenOwner } = createTokens({
		accounts,
		clock,
	});
	/** every request, in arrival order */
	const log = [];
	const openSockets = new Set();
	/** requests being answered right now, and the most at once */
	const stats = { inFlight: 0, maxInFlight: 0 };
	/** test hooks: onRequest(entry) runs as each request arrives (e.g. to move the clock) */
	const hooks = { onRequest: undefined };
	let server;
	let baseUrl;

	async function handle(req, res) {
		const rawUrl = req.url ?? '/';
		const queryAt = rawUrl.indexOf('?');
		const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
		const raw = await readBody(req);
		const entry = {
			seq: log.length,
			arrivedAt: Date.now(),
			method: req.method,
			rawUrl,
			rawPath,
			segments: segmentsOf(rawPath),
			headers: { ...req.headers },
			rawBody: raw,
			// the client's end of the connection (127.0.0.1:remotePort), to tell which local process sent it
			remotePort: req.socket.remotePort,
			status: null,
			// whose token came with the request (the key it was issued to), so tests can tell accounts apart
			tokenOf: tokenOwner(req.headers.authorization),
		};
		log.push(entry);
		stats.inFlight++;
		stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
		res.on('close', () => {
			stats.inFlight--;
		});
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
		if (fault) {
			const handled = await faults.apply(fault, {
				req,
				res,
				entry,
				send,
				run: () => route(req, entry, raw),
			});
			if (handled) return;
		}
		await faults.delay();
		const [status, body] = route(req, entry, raw);
		send(status, body);
	}

	/** Returns [httpStatus, envelope]. */
	function route(req, entry, raw) {
		const seg = entry.segments;
		if (req.method === 'POST' && seg.length === 2 && seg[0] === 'users' && seg[1] === 'getToken') {
			const body = parseBody(req, raw);
			const account = accounts.find(
				(a) => body && a.impKey === body.imp_key && a.impSecret === body.imp_secret,
			);
			if (!account)
				return [401, envelope(-1, '아임포트 API 키 또는 시크릿이 올바르지 않습니다.', null)];
			return [200, envelope(0, null, issueToken(account))];
		}
		if (req.method === 'GET' && seg.length === 1 && seg[0] === 'banks') {
			// Read-only and authenticated: the credential's "Test" button calls it.
			const auth = authenticate(req);
			if (auth.error) return [401, envelope(-1, auth.error, null)];
			return [200, envelope(0, null, BANKS)];
		}
		const family = families.get(seg[0]);
		if (!family) {
			return [404, envelope(1, '요청하신 API를 찾을 수 없습니다.', null)];
		}
		const auth = authenticate(req);
		if (auth.error) return [401, envelope(-1, auth.error, null)];
		const body = parseBody(req, raw);
		if (body === undefined) return [400, envelope(1, '요청 본문을 해석할 수 없습니다.', null)];
		entry.body = body;
		const queryAt = entry.rawUrl.indexOf('?');
		const query = new URLSearchParams(queryAt === -1 ? '' : entry.rawUrl.slice(queryAt + 1));
		return family.route({
			method: req.method,
			segments: seg,
			body,
			query,
			store,
			clock,
			tier: auth.tier,
			entry,
		});
	}

	return {
		clock,
		store,
		payments,
		/** billing keys and payment schedules (see subscribe.js) */
		subscribe: families.get('subscribe'),
		/** applied state changes, for "it happened once" assertions (see changes.js) */
		changes: store.changes,
		faults,
		log,
		tokens,
		issuedTokens,
		accounts,
		stats,
		hooks,
		get baseUrl() {
			return baseUrl;
		},
		/** requests that reached the server for one method and first path segment(s) */
		requests(method, prefix) {
			return log.filter(
				(e) => (!method || e.method === method) && (!prefix || e.rawPath.startsWith(prefix)),
			);
		},
		tokenRequests() {
			return log.filter((e) => e.rawPath === '/users/getToken');
		},
		/** forgets the issued tokens, as if they all expired at once */
		expireAllTokens() {
			for (const info of tokens.values()) info.expiredAt = clock.now();
		},
		async start(port = 0) {
			server = http.createServer((req, res) => {
				handle(req, res).catch((error) => {
					if (!res.headersSent) {
						res.writeHead(500, { 'content-type': 'text/plain' });
						res.end(String(error && error.stack));
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
			if (!server) return;
			faults.releaseHangs();
			for (const socket of openSockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve()));
			server = undefined;
		},
	};
}

module.exports = { createSimulator };
