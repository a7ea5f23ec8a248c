'use strict';
/**
 * Fault injection for the PortOne simulator: the project's V1 fault engine (../simulator/faults.js:
 * status, reset, applyThenReset, applyThenHang, applyThenStatus, hang, nonJson, latency with
 * seeded jitter) with V2-shaped default bodies, plus:
 *   hangBefore  never answers, like `hang`, but before PortOne saw the request (a proxy or load
 *       balancer holding the connection): nothing runs and no Idempotency-Key is kept, so a retry
 *       with the same key runs it. `hang` is a request PortOne registered and never finishes: its
 *       key stays outstanding (409) until the 3 hours are over, beyond anything PortOne documents
 *       (its overview: a request is not cancelled when the client disconnects; retry with the
 *       same key to learn the outcome), so keep it for worst cases.
 *   mix({ seed, rate, actions, method?, path? })  a seeded mix: each matching request draws from a
 *       hash of (seed, method, path, how many times that request was seen), so a run repeats
 *       whatever order requests arrive in; `actions` are fault rules without `times`.
 *   hold({ method?, path? })  parks the next matching request after its idempotency key is
 *       registered and before it runs, until `release()`; `arrived` resolves when it is parked.
 *       Deterministic "still being processed" without sleeping.
 */
const crypto = require('node:crypto');
const { createFaults: createEngine } = require('../simulator/faults');

const simulatedBody = (status) => ({
	type: 'SIMULATED_FAULT',
	message: `simulated HTTP ${status}`,
});

/** Rewrites a rule so the V1 engine answers in V2's `{ type, message }` shape. */
function v2Rule(rule) {
	if (rule.action === 'hangBefore') return { ...rule, action: 'hang', beforePortOne: true };
	if (rule.action === 'unauthorized') {
		return {
			...rule,
			action: 'status',
			status: 401,
			body: rule.body ?? { type: 'UNAUTHORIZED', message: '인증 정보가 올바르지 않습니다.' },
		};
	}
	if ((rule.action === 'status' || rule.action === 'applyThenStatus') && rule.body === undefined) {
		return { ...rule, body: simulatedBody(rule.status) };
	}
	return rule;
}

function pathMatches(path, rawPath) {
	if (path instanceof RegExp) return path.test(rawPath);
	if (typeof path === 'string') return rawPath.startsWith(path);
	return true;
}

function createPortOneFaults() {
	const engine = createEngine();
	const holds = [];

	const faults = {
		...engine,
		add: (rule) => engine.add(v2Rule(rule)),
		clear() {
			engine.clear();
			for (const h of holds.splice(0)) h.release();
		},
		mix({ seed, rate = 0.2, actions, method, path }) {
			if (!Array.isArray(actions) || actions.length === 0) throw new Error('mix needs actions');
			const seen = new Map();
			const drawn = new Map();
			const draw = (entry) => {
				if (drawn.has(entry.seq)) return drawn.get(entry.seq);
				let choice = -1;
				if ((!method || entry.method === method) && pathMatches(path, entry.rawPath)) {
					const key = `${entry.method} ${entry.rawPath}`;
					const attempt = (seen.get(key) ?? 0) + 1;
					seen.set(key, attempt);
					const hash = crypto.createHash('sha256').update(`${seed}|${key}|${attempt}`).digest();
					if (hash.readUInt32BE(0) / 2 ** 32 < rate) choice = hash.readUInt32BE(4) % actions.length;
				}
				drawn.set(entry.seq, choice);
				return choice;
			};
			return actions.map((action, n) =>
				engine.add(v2Rule({ ...action, times: Infinity, when: (entry) => draw(entry) === n })),
			);
		},
		hold({ method, path } = {}) {
			let release;
			let arrive;
			const hold = {
				method,
				path,
				taken: false,
				released: new Promise((resolve) => (release = resolve)),
				arrived: new Promise((resolve) => (arrive = resolve)),
				release: () => release(),
				arrive: (entry) => arrive(entry),
			};
			holds.push(hold);
			return hold;
		},
		/** The first untaken hold that matches, marked taken (used by the server). */
		takeHold(entry) {
			const hold = holds.find(
				(h) =>
					!h.taken &&
					(!h.method || h.method === entry.method) &&
					pathMatches(h.path, entry.rawPath),
			);
			if (hold) hold.taken = true;
			return hold;
		},
		releaseHangs() {
			engine.releaseHangs();
			for (const h of holds.splice(0)) h.release();
		},
	};
	return faults;
}

module.exports = { createPortOneFaults };
