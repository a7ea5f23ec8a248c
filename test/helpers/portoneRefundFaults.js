'use strict';
/**
 * The PortOne (V2) refund fault suites' world: ~400 payments seeded with `payments.addMany`, a
 * refund sheet for them, a seeded choice of faults per request, one run of the sheet through
 * n8n's engine, and the checks every run must pass (see portonePaymentCancelFaults.test.js).
 */
const crypto = require('node:crypto');
const { startPortOneWorld, expectNoPortOneSecrets } = require('./portoneSetup');
const { resetCapturedLogs } = require('./engine');
const { portOneRefund } = require('./parameters');

const PAYMENTS = 400;
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
const UNSURE = /may or may not have gone through/;

const sha = (text) => crypto.createHash('sha256').update(text).digest();
const hex16 = (intent) => `auto-${sha(JSON.stringify(intent)).toString('hex').slice(0, 16)}`;
/** The reference a row's refund carries: its own, else the derived one (pinned as in portonePaymentCancel.test.js). */
const referenceOf = (row) =>
	row.ref ??
	(row.mode === 'full'
		? hex16(['full-refund', row.paymentId])
		: hex16(['partial-refund', row.paymentId, row.amount]));
const referenceIn = (reason) => /\[ref:([^\]]+)\]/.exec(reason ?? '')?.[1];

/**
 * Payments of 10,000-16,000 won (every ninth 50,000), every fifth refunded 1,000 in part before,
 * every eleventh in full. The sheet: a full refund for even payments, a partial one for odd ones;
 * every thirteenth payment also a partial 700, every seventeenth its row twice (the same intent:
 * one refund); every third payment's rows carry their own reference, the others derive one.
 */
function seedSheet(simulator, prefix) {
	const ids = simulator.payments.addMany(PAYMENTS, {
		prefix,
		each: (n) => {
			const total = n % 9 === 0 ? 50000 : 10000 + (n % 7) * 1000;
			const before =
				n % 11 === 0 ? [{ totalAmount: total }] : n % 5 === 0 ? [{ totalAmount: 1000 }] : [];
			return { total, cancellations: before };
		},
	});
	const rows = [];
	ids.forEach((paymentId, n) => {
		const ref = (k) => (n % 3 === 0 ? { ref: `R-${n}-${k}` } : {});
		const first =
			n % 2 === 0
				? { paymentId, mode: 'full', ...ref(0) }
				: { paymentId, mode: 'partial', amount: 1000 + (n % 3) * 500, ...ref(0) };
		rows.push(first);
		if (n % 13 === 0) rows.push({ paymentId, mode: 'partial', amount: 700, ...ref(1) });
		if (n % 17 === 0) rows.push({ ...first });
	});
	return rows;
}

/** What is left of each payment of the sheet. */
const balances = (simulator, rows) =>
	new Map(
		rows.map(({ paymentId }) => {
			const { amount } = simulator.payments.get(paymentId);
			return [paymentId, amount.total - amount.cancelled];
		}),
	);

/**
 * What each payment must have moved once every row is done: all that was left when one of its
 * rows is Full, else each distinct partial refund once (the sheet never asks more than is left).
 */
function finalMoney(rows, leftBefore) {
	const want = new Map();
	const counted = new Set();
	for (const row of rows) {
		const left = leftBefore.get(row.paymentId);
		const sofar = want.get(row.paymentId) ?? 0;
		if (left === 0 || counted.has(referenceOf(row))) continue;
		counted.add(referenceOf(row));
		want.set(row.paymentId, row.mode === 'full' ? left : Math.min(left, sofar + row.amount));
	}
	return want;
}

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

/**
 * The checks of one run. `leftBefore`: each payment's balance before this run; `movedEarlier`:
 * the cancellations applied by earlier runs of the same sheet. Returns the outcome counts.
 */
function checkRun(
	{ run, moved, faultsHit, postsHit, outstanding },
	rows,
	leftBefore,
	movedEarlier = [],
) {
	expect(run.error).toBeUndefined();
	const all = [...run.success, ...run.failure];
	// One item out per item in, none lost, none duplicated; each output in input order.
	expect(all).toHaveLength(rows.length);
	expect(all.map((item) => item.pairedItem.item).sort((a, b) => a - b)).toEqual(
		rows.map((_r, n) => n),
	);
	for (const output of [run.success, run.failure]) {
		const order = output.map((item) => item.pairedItem.item);
		expect(order).toEqual([...order].sort((a, b) => a - b));
	}

	// Money: each applied cancellation carries the reference of a row of its payment, at most one
	// per reference over every run, a partial one exactly its amount; no payment beyond its balance.
	const rowsOfReference = new Map();
	rows.forEach((row, n) => {
		const list = rowsOfReference.get(referenceOf(row)) ?? [];
		rowsOfReference.set(referenceOf(row), [...list, n]);
	});
	const applied = new Map();
	for (const m of [...movedEarlier, ...moved]) {
		const ref = referenceIn(m.reason);
		const owners = rowsOfReference.get(ref) ?? [];
		expect({ ref, owners: owners.length > 0 }).toEqual({ ref, owners: true });
		const row = rows[owners[0]];
		expect(m.paymentId).toBe(row.paymentId);
		if (row.mode === 'partial') expect(m.amount).toBe(row.amount);
		expect({ ref, twice: applied.has(ref) }).toEqual({ ref, twice: false });
		applied.set(ref, m);
	}
	const wonOf = new Map();
	for (const m of moved) wonOf.set(m.paymentId, (wonOf.get(m.paymentId) ?? 0) + m.amount);
	for (const [paymentId, won] of wonOf)
		expect({
			paymentId,
			won,
			left: leftBefore.get(paymentId),
			over: won > leftBefore.get(paymentId),
		}).toEqual({
			paymentId,
			won,
			left: leftBefore.get(paymentId),
			over: false,
		});

	// What each item says matches what PortOne did.
	const thisRun = new Map(moved.map((m) => [m.cancellationId, m]));
	const claimed = new Set();
	const summary = {};
	const unsureRefs = new Set();
	for (const item of all) {
		const row = rows[item.pairedItem.item];
		const { outcome } = item.json;
		summary[outcome] = (summary[outcome] ?? 0) + 1;
		expect(item.json.paymentId).toBe(row.paymentId);
		const context = { row: item.pairedItem.item, ...row, json: item.json };
		if (outcome === 'refunded' || outcome === 'partially_refunded') {
			const m = thisRun.get(item.json.cancellation_id);
			expect({ context, refund: m && referenceIn(m.reason) }).toEqual({
				context,
				refund: referenceOf(row),
			});
			expect(item.json.refunded_amount).toBe(m.amount);
			expect(claimed.has(m.cancellationId)).toBe(false);
			claimed.add(m.cancellationId);
		} else if (outcome === 'already_refunded') {
			const m = applied.get(referenceOf(row));
			if (item.json.cancellation_id !== null || !(item.json.remaining_amount <= 0))
				expect({ context, id: m?.cancellationId }).toEqual({
					context,
					id: item.json.cancellation_id,
				});
			if (m) claimed.add(m.cancellationId);
		} else if (outcome === 'error' && UNSURE.test(item.json.description)) {
			unsureRefs.add(referenceOf(row));
		} else if (outcome === 'error') {
			// An error that does not say the refund may have gone through: nothing moved for it.
			const m = applied.get(referenceOf(row));
			expect({ context, moved: m !== undefined && thisRun.has(m.cancellationId) }).toMatchObject({
				moved: false,
			});
		} else {
			throw new Error(`unexpected outcome ${outcome}: ${JSON.stringify(context)}`);
		}
	}
	// Every refund PortOne applied in this run is reported: by a row that claims it, or a row of its
	// reference whose error says it may have gone through.
	for (const m of moved) {
		const reported = claimed.has(m.cancellationId) || unsureRefs.has(referenceIn(m.reason));
		expect({ m, reported }).toEqual({ m, reported: true });
	}
	summary.unsure = all.filter(
		(item) => item.json.outcome === 'error' && UNSURE.test(item.json.description),
	).length;
	summary.faults_hit = faultsHit;
	summary.posts_hit = postsHit;
	summary.outstanding_409 = outstanding;
	summary.won_moved = moved.reduce((sum, m) => sum + m.amount, 0);
	return summary;
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
