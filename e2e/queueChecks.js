'use strict';
/**
 * Part of e2e/queue.js: the checks of the queue-mode run, once its calls are answered: every call
 * answered in order, every execution saved, enqueued by main and started by exactly one worker,
 * both workers used, each receipt cancelled exactly once, one token for main and both workers.
 */
const { idsIn, waitFor } = require('./n8n');
const { check } = require('./script');
const { LIMITS, CANCELLABLE, ALL_CALLS, canonical, countBy } = require('./queueCalls');
const { executions } = require('./queueWorkflow');

/** The run's answers and items per call, its database, processes and simulator; returns the execution ids. */
async function queueRunChecks({
	answers,
	queueRuns,
	database,
	mainProcess,
	worker1,
	worker2,
	simulator,
}) {
	check(
		`every webhook call answered HTTP 200 with one item per receipt, in the order sent (${ALL_CALLS.length} calls)`,
		() => {
			const bad = answers
				.map((a, n) => ({ n, a, ids: queueRuns[n].items.map((i) => i.imp_uid) }))
				.filter(({ n, a, ids }) => a.status !== 200 || canonical(ids) !== canonical(ALL_CALLS[n]));
			return bad.length === 0
				? true
				: bad
						.map(({ n, a }) => `call ${n}: HTTP ${a.status} ${a.error ?? a.raw.slice(0, 200)}`)
						.join('; ');
		},
	);

	// Every execution: in the database, enqueued by main, started by exactly one worker. Respond to
	// Webhook answers before the worker has saved the execution as finished: wait for that (bounded).
	const expected = ALL_CALLS.length;
	const started = () =>
		[worker1, worker2].map((w) => idsIn(w.logs(), /Worker started execution (\d+)/g));
	let queueExecutions = [];
	await waitFor(
		'the executions saved as finished',
		async () => {
			queueExecutions = await executions(database);
			return (
				queueExecutions.length >= expected &&
				queueExecutions.every((e) => !['new', 'running'].includes(e.status))
			);
		},
		LIMITS.logWait,
	).catch(() => {});
	const executionIds = queueExecutions.map((e) => e.id);
	const enqueued = idsIn(mainProcess.logs(), /Enqueued execution (\d+)/g);
	const [ranOn1, ranOn2] = started();
	check(
		`every execution finished with status success in the shared database (${expected} webhook executions)`,
		() => {
			const notOk = queueExecutions.filter((e) => e.status !== 'success' || e.mode !== 'webhook');
			if (queueExecutions.length !== expected)
				return `expected ${expected} executions, found ${queueExecutions.length}`;
			return notOk.length === 0
				? true
				: notOk.map((e) => `${e.id}: ${e.mode} ${e.status} ${e.error?.message ?? ''}`).join('; ');
		},
	);
	check('main enqueued every execution ("Enqueued execution N") and ran none itself', () =>
		canonical([...enqueued].sort((a, b) => a - b)) === canonical(executionIds)
			? true
			: `enqueued ${JSON.stringify(enqueued)}, executions ${JSON.stringify(executionIds)}`,
	);
	check('every execution started on exactly one worker ("Worker started execution N")', () => {
		const all = [...ranOn1, ...ranOn2].sort((a, b) => a - b);
		return canonical(all) === canonical(executionIds)
			? true
			: `worker-1 ${JSON.stringify(ranOn1)}, worker-2 ${JSON.stringify(ranOn2)}, executions ${JSON.stringify(executionIds)}`;
	});
	check(
		`both workers ran some (worker-1: ${ranOn1.length} [${ranOn1.join(', ')}], worker-2: ${ranOn2.length} [${ranOn2.join(', ')}])`,
		() => (ranOn1.length > 0 && ranOn2.length > 0 ? true : 'one worker ran nothing'),
	);

	const outcomes = queueRuns.flatMap((r) => r.items.map((i) => i.outcome));
	const cancelledIds = queueRuns.flatMap((r) =>
		r.items.filter((i) => i.outcome === 'cancelled').map((i) => i.imp_uid),
	);
	console.log(`      outcomes: ${JSON.stringify(countBy(outcomes))}`);
	check(
		`the "cancelled" outcomes add up to the distinct receipts to cancel (${CANCELLABLE.size}), each id once`,
		() => {
			const twice = Object.entries(countBy(cancelledIds)).filter(([, n]) => n > 1);
			if (twice.length) return `cancelled more than once: ${JSON.stringify(twice)}`;
			return canonical([...cancelledIds].sort()) === canonical([...CANCELLABLE].sort())
				? true
				: `${cancelledIds.length} cancelled: ${JSON.stringify([...cancelledIds].sort())}`;
		},
	);
	check('simulator: one successful DELETE per receipt, none cancelled twice', () => {
		const okDeletes = simulator
			.requests('DELETE')
			.filter((e) => e.status === 200 && e.answer?.code === 0);
		const perPath = countBy(
			okDeletes.map((e) => decodeURIComponent(e.rawPath.replace('/receipts/', ''))),
		);
		const expectedPerPath = Object.fromEntries([...CANCELLABLE].map((id) => [id, 1]));
		if (canonical(perPath) !== canonical(expectedPerPath))
			return `successful DELETEs per id: ${JSON.stringify(perPath)}`;
		const counts = Object.fromEntries(simulator.store.cancellations);
		return canonical(counts) === canonical(expectedPerPath)
			? true
			: `store cancellations: ${JSON.stringify(counts)}`;
	});
	const tokenRequests = simulator.tokenRequests();
	check(
		`one token request for the whole queue run, main + 2 workers (${tokenRequests.length}); every receipt call carried that token`,
		() => {
			if (tokenRequests.length !== 1 || simulator.issuedTokens.length !== 1)
				return `${tokenRequests.length} token requests, ${simulator.issuedTokens.length} tokens issued`;
			const token = simulator.issuedTokens[0];
			const others = simulator
				.requests(undefined, '/receipts/')
				.filter((e) => e.headers.authorization !== `Bearer ${token}`);
			return others.length === 0 ? true : `${others.length} receipt calls with another or no token`;
		},
	);
	const raceRefusals = simulator
		.requests('DELETE')
		.filter((e) => e.status === 200 && e.answer?.code !== 0).length;
	console.log(
		`      simulator: ${simulator.log.length} requests (token ${tokenRequests.length}, GET ${simulator.requests('GET').length}, DELETE ${simulator.requests('DELETE').length}, of which refused as already cancelled ${raceRefusals}); at most ${simulator.stats.maxInFlight} at once`,
	);
	return { executionIds };
}

module.exports = { queueRunChecks };
