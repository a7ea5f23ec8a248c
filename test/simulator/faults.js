'use strict';
/**
 * Fault injection for the simulator: latency (fixed + seeded jitter) and per-request rules.
 * A rule matches on method and path and fires `times` times (Infinity for always):
 *   { action: 'status', status, body?, headers? }   answer with that status (e.g. 429 + Retry-After, 502)
 *   { action: 'unauthorized' }                      answer 401, as for an expired token
 *   { action: 'reset' }                             drop the connection before doing anything
 *   { action: 'applyThenReset' }                    do the work (e.g. cancel), then drop the connection
 *   { action: 'applyThenHang' }                     do the work, then never answer (a timeout after a refund)
 *   { action: 'applyThenStatus', status, body? }    do the work, then answer that status (a gateway 502/504)
 *   { action: 'hang' }                              never answer (until the simulator stops)
 *   { action: 'nonJson', status? }                  answer an HTML page instead of the JSON envelope
 */

/** Small seeded PRNG so jittered runs repeat. */
function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function createFaults() {
	let rules = [];
	let latency = { fixedMs: 0, jitterMs: 0, random: seededRandom(1) };
	const hanging = new Set();

	function matches(rule, entry) {
		if (rule.method && rule.method !== entry.method) return false;
		if (rule.path instanceof RegExp) return rule.path.test(entry.rawPath);
		if (typeof rule.path === 'string') return entry.rawPath.startsWith(rule.path);
		if (typeof rule.when === 'function') return rule.when(entry);
		return true;
	}

	return {
		/** Adds a rule; returns it so a test can read `rule.fired`. */
		add(rule) {
			const added = { times: 1, fired: 0, ...rule };
			rules.push(added);
			return added;
		},
		clear() {
			rules = [];
			latency = { fixedMs: 0, jitterMs: 0, random: seededRandom(1) };
		},
		setLatency(fixedMs, jitterMs = 0, seed = 1) {
			latency = { fixedMs, jitterMs, random: seededRandom(seed) };
		},
		take(entry) {
			for (const rule of rules) {
				if (rule.fired < rule.times && matches(rule, entry)) {
					rule.fired += 1;
					entry.fault = rule.action;
					return rule;
				}
			}
			return null;
		},
		async delay() {
			const ms = latency.fixedMs + (latency.jitterMs ? latency.random() * latency.jitterMs : 0);
			if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
		},
		/** Returns true when the fault fully handled the request. */
		async apply(rule, { req, res, entry, send, run }) {
			switch (rule.action) {
				case 'status': {
					await this.delay();
					const body = rule.body ?? {
						code: -1,
						message: `simulated HTTP ${rule.status}`,
						response: null,
					};
					for (const [name, value] of Object.entries(rule.headers ?? {}))
						res.setHeader(name, value);
					send(rule.status, body);
					return true;
				}
				case 'unauthorized':
					send(401, { code: -1, message: '유효하지 않은 인증 Token입니다.', response: null });
					return true;
				case 'reset':
					entry.status = 'reset';
					req.socket.destroy();
					return true;
				case 'applyThenReset': {
					await this.delay();
					const [status, body] = run();
					entry.status = 'reset';
					entry.appliedStatus = status;
					entry.answer = body;
					req.socket.destroy();
					return true;
				}
				case 'applyThenHang':
				case 'applyThenStatus': {
					await this.delay();
					const [status, body] = run();
					entry.appliedStatus = status;
					entry.appliedAnswer = body;
					if (rule.action === 'applyThenHang') {
						entry.status = 'hang';
						hanging.add(res);
					} else {
						send(
							rule.status,
							rule.body ?? { code: -1, message: `simulated HTTP ${rule.status}`, response: null },
						);
					}
					return true;
				}
				case 'hang':
					entry.status = 'hang';
					hanging.add(res);
					return true;
				case 'nonJson': {
					const text = '<html><body><h1>502 Bad Gateway</h1></body></html>';
					entry.status = rule.status ?? 200;
					res.writeHead(entry.status, { 'content-type': 'text/html' });
					res.end(text);
					return true;
				}
				default:
					return false;
			}
		},
		releaseHangs() {
			for (const res of hanging) res.destroy();
			hanging.clear();
		},
	};
}

module.exports = { createFaults, seededRandom };
