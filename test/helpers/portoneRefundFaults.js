'use strict';
/**
 * The PortOne (V2) refund fault suites' world: ~400 payments seeded with `payments.addMany`, a
 * refund sheet for them, a seeded choice of faults per request, one run of the sheet through
 * n8n's engine, and the checks every run must pass (see portonePaymentCancelFaults.test.js; the
 * sheet: portoneRefundFaultSheet.js, the checks: portoneRefundFaultChecks.js).
 */
const crypto = require('node:crypto');
const { startPortOneWorld, expectNoPortOneSecrets } = require('./portoneSetup');
const { resetCapturedLogs } = require('./engine');
const { portOneRefund } = require('./parameters');
// The sheet and the checks are re-exported: the suites take all of it from here.
const {
	PAYMENTS,
	referenceOf,
	referenceIn,
	seedSheet,
	balances,
	finalMoney,
} = require('./portoneRefundFaultSheet');
const { checkRun } = require('./portoneRefundFaultChecks');

const FAULT_RATE = 0.2;
/** Default-like Options with short waits (the V1 suite's). */
const OPTIONS = { concurrency: 10, retries: 3, retryWaitMs: 1, timeoutMs: 200 };
/**
 * Each fault before PortOne did anything, and after it applied the request (its answer lost).
 * `outstanding` is no rule: the POST is held (after its Idempotency-Key was registered) past the
 * timeout, so its retries meet it still being processed (409 IDEMPOTENCY_OUTSTANDING_REQUEST),
 * and it runs after 1 to 40 of them arrived (or when the run ends). `stuck` is a request PortOne
 * registers and never finishes: its key answers 409 until the 3 hours are over (a worst case
 * beyond PortOne's documents, see portone-simulator/faults.js).
 */
const FAULTS = {
	reset: { action: 'reset' },
	applyThenReset: { action: 'applyThenReset' },
	timeout: { action: 'hangBefore' },
	applyThenTimeout: { action: 'applyThenHang' },
	502: { action: 'status', status: 502 },
	applyThen502: { action: 'applyThenStatus', status: 502 },
	504: { action: 'status', status: 504 },
	outstanding: undefined,
	stuck: { action: 'hang' },
};
const RELEASE_AFTER = [1, 2, 3, 6, 40];
const DONE = new Set(['refunded', 'partially_refunded', 'already_refunded']);

const sha = (text) => crypto.createHash('sha256').update(text).digest();

/** Which fault hits a request: a hash of the seed, the request and how often it was seen. */
function seededFaults(seed, types) {
	const seen = new Map();
	return (entry) => {
		const key = `${entry.method} ${entry.rawUrl}`;
		const attempt = (seen.get(key) ?? 0) + 1;
		seen.set(key, attempt);
		const hash = sha(`${seed}|${key}|${attempt}`);
		if (hash.readUInt32BE(0) / 2 ** 32 >= FAULT_RATE) return undefined;
		return { type: types[hash.readUInt32BE(4) % types.length], draw: hash.readUInt32BE(8) };
	};
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One run of the sheet with `types` of faults (none: []) on 20% of the requests. */
async function runSheet({ simulator, engine }, rows, types, seed) {
	resetCapturedLogs();
	const chooser = seededFaults(seed, types);
	const chosen = new Map();
	/** rawPath -> { hold, left (POSTs still to arrive before it runs), entry } */
	const held = new Map();
	const heldEntries = [];
	simulator.faults.clear();
	simulator.hooks.onRequest = (entry) => {
		const open = entry.method === 'POST' ? held.get(entry.rawPath) : undefined;
		if (open && --open.left === 0) {
			// Counted: a POST to the held path (its retries meet 409 while the held one is registered);
			// the held one runs right after this one was answered.
			open.hold.release();
			held.delete(entry.rawPath);
		}
		const choice = chooser(entry);
		if (choice?.type !== 'outstanding') return chosen.set(entry.seq, choice?.type);
		if (entry.method !== 'POST' || open) return undefined;
		const path = new RegExp(`^${escape(entry.rawPath)}$`);
		const hold = simulator.faults.hold({ method: 'POST', path });
		held.set(entry.rawPath, { hold, left: RELEASE_AFTER[choice.draw % RELEASE_AFTER.length] });
		entry.fault = 'outstanding';
		heldEntries.push(entry);
		return undefined;
	};
	for (const type of types.filter((t) => FAULTS[t])) {
		simulator.faults.add({
			...FAULTS[type],
			times: Infinity,
			when: (entry) => chosen.get(entry.seq) === type,
		});
	}
	const movedBefore = simulator.payments.moneyMoved.length;
	const logBefore = simulator.log.length;
	const run = await engine.run(rows, portOneRefund({ options: OPTIONS }), {
		onError: 'continueRegularOutput',
	});
	simulator.hooks.onRequest = undefined;
	// Held requests still parked run now, as PortOne finishes what it was processing.
	for (const { hold } of held.values()) hold.release();
	for (let wait = 0; wait < 200 && heldEntries.some((e) => e.status === null); wait++)
		await new Promise((resolve) => setTimeout(resolve, 10));
	expect(heldEntries.filter((e) => e.status === null)).toEqual([]);
	simulator.faults.clear();
	simulator.faults.releaseHangs();
	const log = simulator.log.slice(logBefore);
	const hit = log.filter((entry) => entry.fault);
	expectNoPortOneSecrets(simulator, run.result);
	return {
		run,
		moved: simulator.payments.moneyMoved.slice(movedBefore),
		faultsHit: hit.length,
		postsHit: hit.filter((entry) => entry.method === 'POST').length,
		outstanding: log.filter((entry) => entry.answer?.type === 'IDEMPOTENCY_OUTSTANDING_REQUEST')
			.length,
	};
}

module.exports = {
	PAYMENTS,
	FAULTS,
	DONE,
	seedSheet,
	balances,
	finalMoney,
	runSheet,
	checkRun,
	referenceOf,
	referenceIn,
	startPortOneWorld,
};
