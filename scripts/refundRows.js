'use strict';
/**
 * The refund rows both refund benchmarks use (scripts/benchRefund.js in-process; in real n8n,
 * scripts/benchN8nRefundWorkflows.js and benchN8nTables.js of scripts/bench-n8n.js), and the check
 * that makes their figures mean something: every payment 10,000 won, even rows refunded in full,
 * odd rows 2,500 won; money moved exactly once per row, by what the row asked, and for no other
 * payment.
 */
const TOTAL = 10000;
const PART = 2500;

/** What row `index` asks: everything (10,000 won) for even rows, 2,500 won for odd ones. */
const askedOf = (index) => (index % 2 === 0 ? TOTAL : PART);

/** The row's mode and amount, beside its id field. */
const rowOf = (index) => (index % 2 === 0 ? { mode: 'full' } : { mode: 'partial', amount: PART });

/**
 * `moved`: [{ id, amount }] for every refund the simulator applied during the run. Returns the
 * counts, or throws when a row moved money other than exactly once by what it asked.
 */
function checkMoneyMoved(label, ids, moved) {
	const byId = new Map();
	for (const m of moved) byId.set(m.id, [...(byId.get(m.id) ?? []), m.amount]);
	let once = 0;
	let twice = 0;
	let never = 0;
	let wrong = 0;
	let askedWon = 0;
	ids.forEach((id, index) => {
		const amounts = byId.get(id) ?? [];
		byId.delete(id);
		askedWon += askedOf(index);
		if (amounts.length === 0) never++;
		else if (amounts.length > 1) twice++;
		else if (amounts[0] !== askedOf(index)) wrong++;
		else once++;
	});
	const movedWon = moved.reduce((sum, m) => sum + m.amount, 0);
	const strangers = byId.size;
	if (once !== ids.length || strangers !== 0 || movedWon !== askedWon) {
		throw new Error(
			`${label}: money moved exactly once for ${once} rows, more than once for ${twice}, never for ${never}, by a wrong amount for ${wrong}, and for ${strangers} other payments; ${movedWon} won moved of ${askedWon} asked`,
		);
	}
	return { once, movedWon, askedWon, cancellations: moved.length };
}

module.exports = { TOTAL, PART, askedOf, rowOf, checkMoneyMoved };
