'use strict';
/**
 * The checks of e2e/crash.js, the same for both APIs (e2e/crashApis.js), and its figures table.
 */
const { seconds, describeFailure, leakedSecrets, parseExecution } = require('./n8n');

/** Per row: the won refunded by all executions and how many refunds; the rows over and short. */
function tally(api, rows, refunds) {
	const all = rows.map((row) => {
		const mine = refunds.filter((refund) => api.paymentOf(refund) === row.id);
		return { row, won: mine.reduce((won, refund) => won + refund.amount, 0), count: mine.length };
	});
	const sum = (list, f) => list.reduce((total, x) => total + f(x), 0);
	const over = all.filter((p) => p.won > p.row.asked);
	return {
		over,
		short: all.filter((p) => p.won < p.row.asked),
		twice: all.filter((p) => p.count > 1),
		refunds: refunds.length,
		asked: sum(rows, (row) => row.asked),
		won: sum(all, (p) => p.won),
		excess: sum(over, (p) => p.won - p.row.asked),
	};
}

const won = (n) => n.toLocaleString('en-US');
/** The figures table: a column's name and its value from one run's figures. */
const COLUMNS = [
	['run', (f) => f.label],
	['applied at the kill', (f) => f.atKill],
	['applied by the killed run', (f) => f.byRun],
	['re-run already_refunded', (f) => f.already],
	['refunds in all', (f) => f.refunds],
	['won asked', (f) => won(f.asked)],
	['won refunded', (f) => won(f.won)],
	['excess won', (f) => won(f.excess)],
	['rows refunded twice', (f) => f.twice.length],
	['rows short', (f) => f.short.length],
	['wall time (killed + re-run)', (f) => `${seconds(f.ms[0])} + ${seconds(f.ms[1])}`],
];
const examples = (list, f) => JSON.stringify(list.slice(0, 3).map(f));

/**
 * The checks of one API, variant and scenario (`context`: api, rows, scenario, simulator, the
 * killed run `first` and the re-run `second`, userFolder, cancel: the refund node's name,
 * killAt); returns its figures.
 */
function verify(step, context) {
	const { api, rows, scenario, simulator, first, second, userFolder, cancel, killAt } = context;
	const refunds = api.applied(simulator);
	step(`the first run was SIGKILLed after ~${killAt} of ${rows.length} refunds were applied`, () =>
		first.r.signal === 'SIGKILL' &&
		first.killed?.applied >= killAt &&
		first.appliedByRun < rows.length
			? true
			: `applied at the kill ${first.killed?.applied}, by the run ${first.appliedByRun}; ${describeFailure('n8n execute', first.r)}`,
	);
	if (scenario.hold) {
		step('the held refund was applied; n8n was still waiting for its answer when killed', () => {
			const { held, killed } = first;
			if (!api.heldWasApplied(held))
				return `held: ${held?.appliedStatus} ${JSON.stringify(held?.appliedAnswer)}`;
			// Between the held refund and the kill nothing more was sent for that payment.
			const id = api.heldPayment(held);
			const again = simulator.log.slice(held.seq + 1, killed?.seq).some((e) => api.concerns(e, id));
			return killed?.heldStatus === 'hang' && !again
				? true
				: `at the kill: ${killed?.heldStatus}, sent again ${again}`;
		});
	}
	const t = tally(api, rows, refunds);
	step(
		'every payment refunded exactly what its row asked (Full: all left; Partial: its amount)',
		() =>
			t.over.length + t.short.length === 0
				? true
				: `${t.over.length} rows over (${t.excess} won too much), ${t.short.length} short, e.g. ${examples(
						[...t.over, ...t.short],
						(p) => `${p.row.row_id} ${p.row.mode}: asked ${p.row.asked}, refunded ${p.won}`,
					)}`,
	);
	step('no payment refunded beyond its row, none refunded twice', () =>
		t.excess === 0 && t.twice.length === 0
			? true
			: `${t.twice.length} rows refunded twice, ${t.excess} won beyond the rows`,
	);
	let success = [];
	let failure = [];
	step('the re-run exited 0 and its execution succeeded', () => {
		if (second.code !== 0) return describeFailure('n8n execute (re-run)', second);
		const execution = parseExecution(second.stdout);
		[success = [], failure = []] = execution.data.resultData.runData[cancel]?.[0]?.data?.main ?? [];
		return execution.status === 'success' ? true : `status ${execution.status}`;
	});
	const outcomes = Object.fromEntries(
		success.map((item) => [item.json[api.idField], item.json.outcome]),
	);
	const done = new Set(refunds.slice(0, first.appliedByRun).map(api.paymentOf));
	step(
		`the re-run says already_refunded for the ${done.size} rows refunded before, refunded for the rest`,
		() => {
			const want = (row) =>
				done.has(row.id)
					? 'already_refunded'
					: `${row.mode === 'full' ? '' : 'partially_'}refunded`;
			const wrong = rows.filter((row) => outcomes[row.id] !== want(row));
			return failure.length === 0 && wrong.length === 0
				? true
				: `${failure.length} items in Failure, ${wrong.length} rows not as expected, e.g. ${examples(
						wrong,
						(row) => `${row.row_id} ${row.mode}: ${outcomes[row.id]}, expected ${want(row)}`,
					)}`;
		},
	);
	step(`no secret (${api.secretsName}) in any output, n8n log or stored execution`, () => {
		const secrets = api.secrets(simulator);
		const texts = [first.r.stdout, first.r.stderr, second.stdout, second.stderr];
		const leaks = leakedSecrets(secrets, texts, userFolder);
		return leaks.length === 0 ? true : `${leaks.length} of ${secrets.length} secrets found`;
	});
	const already = success.filter((item) => item.json.outcome === 'already_refunded').length;
	return { atKill: first.killed?.applied, byRun: first.appliedByRun, already, ...t };
}

module.exports = { COLUMNS, verify };
