'use strict';
/**
 * One fault suite run of the PortOne (V2) refund: the sheet under faults, the same sheet again
 * inside the 3-hour idempotency window (faults again), 4 hours later when PortOne has forgotten
 * every Idempotency-Key (faults again: only the references guard), and once more the next day
 * without faults, when every row must be done. And the table of figures the lead quotes.
 */
const {
	PAYMENTS,
	DONE,
	seedSheet,
	balances,
	finalMoney,
	runSheet,
	checkRun,
	referenceOf,
	referenceIn,
	startPortOneWorld,
} = require('./portoneRefundFaults');

const HOURS_4 = 4 * 3600;
const wonOf = (moved) => moved.reduce((sum, m) => sum + m.amount, 0);

/** The rows of a run that did not end done (refunded, partially or already refunded). */
const notDone = (run) =>
	[...run.success, ...run.failure].filter((item) => !DONE.has(item.json.outcome)).length;

/** A later run of the same sheet: what moved again for a reference an earlier run refunded (must be 0). */
function wonAgain(later, rows, movedEarlier) {
	const refunded = new Set(movedEarlier.map((m) => referenceIn(m.reason)));
	for (const item of [...later.run.success, ...later.run.failure]) {
		if (!refunded.has(referenceOf(rows[item.pairedItem.item]))) continue;
		expect(['already_refunded', 'error']).toContain(item.json.outcome);
	}
	return wonOf(later.moved.filter((m) => refunded.has(referenceIn(m.reason))));
}

/** The sheet with `types` of faults, then again three times (see the module comment); its figures. */
async function faultRun(types, seed) {
	const world = await startPortOneWorld({ simulator: { seed: false } });
	const { simulator } = world;
	try {
		const rows = seedSheet(simulator, `pay-${seed}-${types.length}-`);
		const leftAtStart = balances(simulator, rows);
		const figures = { rows: rows.length };
		const moved = [];
		const step = async (name, faultTypes, runSeed) => {
			const left = balances(simulator, rows);
			const result = await runSheet(world, rows, faultTypes, runSeed);
			figures[name] = checkRun(result, rows, left, moved);
			figures[name].won_again = wonAgain(result, rows, moved);
			figures[name].not_done = notDone(result.run);
			moved.push(...result.moved);
			return result;
		};
		const first = await step('first', types, seed);
		// The faults did hit refunds, so the suite cannot pass without them.
		expect(first.postsHit).toBeGreaterThan(0);
		if (types.includes('outstanding')) expect(first.outstanding).toBeGreaterThan(0);
		await step('again', types, seed + 1000);
		simulator.clock.advance(HOURS_4);
		await step('later', types, seed + 2000);
		simulator.clock.advance(HOURS_4);
		const last = await step('last', [], seed + 3000);
		expect(last.run.failure).toEqual([]);
		expect(figures.last.not_done).toBe(0);
		for (const name of ['again', 'later', 'last']) expect(figures[name].won_again).toBe(0);

		// Every payment ends with exactly what its rows asked.
		const want = finalMoney(rows, leftAtStart);
		const total = new Map();
		for (const m of simulator.payments.moneyMoved)
			total.set(m.paymentId, (total.get(m.paymentId) ?? 0) + m.amount);
		for (const paymentId of leftAtStart.keys())
			expect({ paymentId, won: total.get(paymentId) ?? 0 }).toEqual({
				paymentId,
				won: want.get(paymentId) ?? 0,
			});
		return figures;
	} finally {
		await simulator.stop();
	}
}

/** Prints the figures of each fault as a Markdown table (console.log), for the lead to quote. */
function printFigures(title, byFault) {
	const header = [
		'fault (20% of requests)',
		'rows',
		'faults hit (POST)',
		'409 outstanding',
		'refunded',
		'partially',
		'already',
		'error: may have gone through',
		'other',
		'won moved',
		're-run: won again / not done',
		'+4 h: won again / not done',
		'next day, no faults: not done',
	];
	const lines = [header, header.map((_h, n) => (n === 0 ? '---' : '---:'))];
	for (const [fault, f] of Object.entries(byFault)) {
		const { first, again, later, last } = f;
		const count = (word) => first[word] ?? 0;
		const known = count('refunded') + count('partially_refunded') + count('already_refunded');
		lines.push([
			fault,
			f.rows,
			`${first.faults_hit} (${first.posts_hit})`,
			first.outstanding_409,
			count('refunded'),
			count('partially_refunded'),
			count('already_refunded'),
			first.unsure,
			f.rows - known - first.unsure,
			first.won_moved,
			`${again.won_again} / ${again.not_done}`,
			`${later.won_again} / ${later.not_done}`,
			last.not_done,
		]);
	}
	console.log(
		`${title}, ${PAYMENTS} payments per fault:\n${lines.map((l) => `| ${l.join(' | ')} |`).join('\n')}`,
	);
}

module.exports = { faultRun, printFigures };
