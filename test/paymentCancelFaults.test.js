'use strict';
/**
 * Refund fault suite: 500 payments, a mix of full and partial refunds (some payments refunded in
 * part or in full before, some asked for twice), while the simulator drops connections, applies a
 * refund and then drops the answer, never answers (before or after applying it), or answers
 * 502/504 (before or after applying it). Invariants: every item comes
 * out exactly once, no payment is refunded more than the inputs asked, no refund is applied twice,
 * every refund i'mport applied is reported (as refunded, or as an error that says it may have gone
 * through). Then the same sheet again, with its references: not one more won is refunded for what
 * the first run refunded.
 */
const crypto = require('node:crypto');
const { expectEachItemOnceInOrder } = require('./helpers/itemsOut');
const { startWorld, expectNoSecrets, resetCapturedLogs } = require('./helpers/setup');
const { paymentCancel } = require('./helpers/parameters');

const PAYMENTS = 500;
const FAULT_RATE = 0.2;
/** Each fault before i'mport did anything, and after it applied the request (the answer lost). */
const FAULTS = {
	reset: { action: 'reset' },
	applyThenReset: { action: 'applyThenReset' },
	timeout: { action: 'hang' },
	applyThenTimeout: { action: 'applyThenHang' },
	502: { action: 'status', status: 502, body: '<html>Bad Gateway</html>' },
	applyThen502: { action: 'applyThenStatus', status: 502, body: '<html>Bad Gateway</html>' },
	504: { action: 'status', status: 504 },
};
const OPTIONS = { concurrency: 10, retries: 3, retryWaitMs: 1, timeoutMs: 200 };
/** A limit that only stops a hung run: each run takes seconds, more on a busy machine. */
const TEST_LIMIT_MS = 5 * 60_000;

/** Which fault hits a request, from a hash of the seed, the request (with the refunded imp_uid) and how often it was seen. */
function seededFaults(seed, types) {
	const seen = new Map();
	return (entry) => {
		if (!entry.rawPath.startsWith('/payments')) return undefined;
		let key = `${entry.method} ${entry.rawUrl}`;
		if (entry.method === 'POST') key += ` ${JSON.parse(entry.rawBody || '{}').imp_uid}`;
		const attempt = (seen.get(key) ?? 0) + 1;
		seen.set(key, attempt);
		const hash = crypto.createHash('sha256').update(`${seed}|${key}|${attempt}`).digest();
		if (hash.readUInt32BE(0) / 2 ** 32 >= FAULT_RATE) return undefined;
		return types[hash.readUInt32BE(4) % types.length];
	};
}

/**
 * The payments and the sheet: every second row a full refund, the others partial; every fifth
 * payment refunded in part before, every eleventh in full; every thirteenth asked for twice.
 */
function seedSheet(simulator, prefix, withReferences) {
	const ids = simulator.payments.addMany(PAYMENTS, {
		prefix,
		each: (n) => ({
			amount: 10000 + (n % 7) * 1000,
			...(n % 11 === 0 ? { status: 'cancelled' } : n % 5 === 0 ? { cancel_amount: 1000 } : {}),
		}),
	});
	const rows = [];
	ids.forEach((imp_uid, n) => {
		const row =
			n % 2 === 0
				? { imp_uid, mode: 'full' }
				: { imp_uid, mode: 'partial', amount: 1000 + (n % 3) * 500 };
		rows.push(row);
		if (n % 13 === 0) rows.push({ imp_uid, mode: 'partial', amount: 700 });
	});
	rows.forEach((row, index) => {
		if (withReferences) row.ref = `R${index}`;
	});
	return rows;
}

const parameters = paymentCancel({ options: OPTIONS });

async function runSheet(simulator, engine, rows, types, seed) {
	const chooser = seededFaults(seed, types);
	const chosen = new Map();
	simulator.faults.clear();
	simulator.hooks.onRequest = (entry) => chosen.set(entry.seq, chooser(entry));
	for (const type of types) {
		simulator.faults.add({
			...FAULTS[type],
			times: Infinity,
			when: (entry) => chosen.get(entry.seq) === type,
		});
	}
	const refundsBefore = simulator.payments.refunds.length;
	const logBefore = simulator.log.length;
	const run = await engine.run(rows, parameters, { onError: 'continueRegularOutput' });
	simulator.faults.releaseHangs();
	const hit = simulator.log.slice(logBefore).filter((entry) => entry.fault);
	const refundsHit = hit.filter(
		(entry) => entry.method === 'POST' && entry.rawPath === '/payments/cancel',
	).length;
	return {
		run,
		applied: simulator.payments.refunds.slice(refundsBefore),
		faultsHit: hit.length,
		refundsHit,
	};
}

/** What is left of each payment before a run. */
const balances = (simulator, rows) =>
	new Map(
		rows
			.map((r) => [r.imp_uid, simulator.payments.get(r.imp_uid)])
			.map(([id, p]) => [id, p.amount - p.cancel_amount]),
	);

function checkRun({ run, applied, faultsHit, refundsHit }, rows, leftBefore, withReferences) {
	expect(run.error).toBeUndefined();
	// One item out per item in, none lost, none duplicated; each output in input order.
	expectEachItemOnceInOrder([run.success, run.failure], rows.length);
	const all = [...run.success, ...run.failure];

	// No payment refunded more than its rows asked, nor more than it had left.
	const askedOf = new Map();
	for (const row of rows) {
		const asked = row.mode === 'full' ? leftBefore.get(row.imp_uid) : row.amount;
		askedOf.set(row.imp_uid, (askedOf.get(row.imp_uid) ?? 0) + asked);
	}
	const refundedOf = new Map();
	for (const refund of applied)
		refundedOf.set(refund.imp_uid, (refundedOf.get(refund.imp_uid) ?? 0) + refund.amount);
	for (const [impUid, won] of refundedOf) {
		expect(won).toBeLessThanOrEqual(askedOf.get(impUid));
		expect(won).toBeLessThanOrEqual(leftBefore.get(impUid));
	}
	// No refund applied twice: never more refunds of a payment than rows for it; with references, one per reference at most.
	const rowsOf = new Map();
	for (const row of rows) rowsOf.set(row.imp_uid, (rowsOf.get(row.imp_uid) ?? 0) + 1);
	const appliedOf = new Map();
	for (const refund of applied)
		appliedOf.set(refund.imp_uid, (appliedOf.get(refund.imp_uid) ?? 0) + 1);
	for (const [impUid, count] of appliedOf) expect(count).toBeLessThanOrEqual(rowsOf.get(impUid));
	if (withReferences) {
		const perReference = new Map();
		for (const refund of applied) {
			const ref = /\[ref:([^\]]+)\]/.exec(refund.reason)?.[1];
			expect(ref).toBeDefined();
			perReference.set(ref, (perReference.get(ref) ?? 0) + 1);
		}
		for (const count of perReference.values()) expect(count).toBe(1);
	}

	// What each item says matches what i'mport did.
	const byCancellation = new Map(applied.map((r) => [r.cancellation_id, r]));
	const claimed = new Set();
	const summary = {};
	for (const item of all) {
		const row = rows[item.pairedItem.item];
		const { outcome } = item.json;
		summary[outcome] = (summary[outcome] ?? 0) + 1;
		if (outcome !== 'error') expect(item.json.imp_uid).toBe(row.imp_uid);
		if (outcome === 'refunded' || outcome === 'partially_refunded') {
			const refund = byCancellation.get(item.json.cancellation_id);
			expect(refund).toBeDefined();
			expect(refund.imp_uid).toBe(row.imp_uid);
			expect(item.json.refunded_amount).toBe(refund.amount);
			if (row.mode === 'partial') expect(refund.amount).toBe(row.amount);
			expect(claimed.has(refund.cancellation_id)).toBe(false);
			claimed.add(refund.cancellation_id);
		} else if (outcome === 'already_refunded') {
			expect(item.json.refunded_amount).toBe(0);
		} else if (outcome === 'exceeds_balance') {
			expect(row.mode).toBe('partial');
			expect(item.json.remaining_amount).toBeLessThan(row.amount);
		} else if (outcome !== 'error') {
			throw new Error(
				`unexpected outcome ${outcome} for row ${item.pairedItem.item}: ${JSON.stringify(item.json)}`,
			);
		}
	}
	// Every refund i'mport applied is reported: claimed by the item that made it, or that item is an
	// error saying the refund may have gone through.
	const unsure = all.filter(
		(item) =>
			item.json.outcome === 'error' &&
			/may or may not have gone through/.test(item.json.description),
	);
	for (const refund of applied) {
		if (claimed.has(refund.cancellation_id)) continue;
		expect(unsure.some((item) => rows[item.pairedItem.item].imp_uid === refund.imp_uid)).toBe(true);
	}
	summary.faults_hit = faultsHit;
	summary.refunds_hit = refundsHit;
	summary.won_refunded = applied.reduce((sum, r) => sum + r.amount, 0);
	return summary;
}

async function faultRun(types, seed, { withReferences }) {
	const { simulator, engine } = await startWorld();
	try {
		const rows = seedSheet(simulator, `refund_${seed}_${types.join('_')}_`, withReferences);
		const leftBefore = balances(simulator, rows);
		const first = await runSheet(simulator, engine, rows, types, seed);
		// The faults did hit, refunds among them, so the suite cannot pass without them.
		expect(first.refundsHit).toBeGreaterThan(0);
		const result = { first: checkRun(first, rows, leftBefore, withReferences) };
		expectNoSecrets(simulator, first.run.result);
		if (withReferences) {
			// The same sheet again, faults again: nothing the first run refunded is refunded again.
			const leftNow = balances(simulator, rows);
			const again = await runSheet(simulator, engine, rows, types, seed + 1000);
			expect(again.faultsHit).toBeGreaterThan(0);
			result.again = checkRun(again, rows, leftNow, true);
			const refundedFirst = new Set(first.applied.map((r) => /\[ref:([^\]]+)\]/.exec(r.reason)[1]));
			const repeated = again.applied.filter((r) =>
				refundedFirst.has(/\[ref:([^\]]+)\]/.exec(r.reason)[1]),
			);
			expect(repeated.reduce((sum, r) => sum + r.amount, 0)).toBe(0);
			for (const item of again.run.success) {
				if (refundedFirst.has(rows[item.pairedItem.item].ref))
					expect(item.json.outcome).toBe('already_refunded');
			}
		}
		return result;
	} finally {
		await simulator.stop();
	}
}

beforeEach(resetCapturedLogs);

const summaries = {};
afterAll(() => {
	console.log(
		`refund fault suites, ${PAYMENTS} payments each, outcome counts:\n${JSON.stringify(summaries, null, 1)}`,
	);
});

describe.each(Object.keys(FAULTS))('fault %s on 20%% of /payments requests', (type) => {
	test(
		'every item once, nothing refunded twice or beyond what was asked; a re-run with references refunds not one won more',
		async () => {
			summaries[type] = await faultRun([type], 7, { withReferences: true });
		},
		TEST_LIMIT_MS,
	);
});

describe('a seeded mix of every fault', () => {
	test(
		'with references, then the same sheet again',
		async () => {
			summaries['mix, with references'] = await faultRun(Object.keys(FAULTS), 3, {
				withReferences: true,
			});
		},
		TEST_LIMIT_MS,
	);
	test(
		'without references: the look-up after a lost answer alone prevents a second refund',
		async () => {
			summaries['mix, no references'] = await faultRun(Object.keys(FAULTS), 4, {
				withReferences: false,
			});
		},
		TEST_LIMIT_MS,
	);
});
