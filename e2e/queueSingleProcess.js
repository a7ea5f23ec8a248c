'use strict';
/**
 * Part of e2e/queue.js: the reference run, the same calls in one n8n process (regular mode) with
 * its own database and a fresh simulator, and the checks that the queue run's outputs equal it.
 */
const fs = require('node:fs');
const path = require('node:path');
const { timings, freePort, n8nEnv, startN8n, waitForWebhook } = require('./n8n');
const { check } = require('./script');
const { ALL_CALLS, newSimulator, canonical, countBy, fireCalls, itemsOf } = require('./queueCalls');
const { WEBHOOK_PATH, importAndPublish } = require('./queueWorkflow');

/** The single-process reference: regular mode, its own database and simulator, the same calls. */
async function singleProcessRun(bin, tmp, nodesFrom) {
	const dir = path.join(tmp, 'single');
	const userFolder = path.join(dir, 'user');
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	fs.cpSync(nodesFrom, path.join(userFolder, '.n8n', 'nodes'), { recursive: true });
	const simulator = newSimulator();
	const baseUrl = await simulator.start(0);
	let main;
	try {
		const env = {
			...n8nEnv(userFolder, { main: await freePort(), broker: await freePort() }),
			N8N_DISABLED_MODULES: 'mcp-registry',
		};
		await importAndPublish(
			bin,
			env,
			dir,
			{ baseUrl, account: simulator.accounts[0] },
			'single process',
		);
		main = await startN8n(bin, env, { readyPaths: ['/healthz/readiness'] });
		const webhookUrl = `${main.url}/webhook/${WEBHOOK_PATH}`;
		await waitForWebhook(webhookUrl);
		const started = Date.now();
		const answers = await fireCalls(webhookUrl);
		timings.push({
			step: 'calls',
			detail: `single process: ${ALL_CALLS.length} webhook calls`,
			ms: Date.now() - started,
		});
		return { answers, simulator };
	} finally {
		if (main) await main.stop();
		await simulator.stop();
	}
}

/** The reference run, then its outputs compared with the queue run's (`queueRuns`, items per call). */
async function singleProcessComparison({ bin, tmp, sharedUser, queueRuns }) {
	console.log('\nThe same calls in a single n8n process (regular mode)');
	const single = await singleProcessRun(bin, tmp, path.join(sharedUser, '.n8n', 'nodes'));
	const singleRuns = itemsOf(single.answers);
	console.log(
		`      outcomes: ${JSON.stringify(countBy(singleRuns.flatMap((r) => r.items.map((i) => i.outcome))))}`,
	);
	check('single process: every call answered HTTP 200', () =>
		singleRuns.every((r) => r.ok)
			? true
			: single.answers.map((a, n) => `call ${n}: HTTP ${a.status}`).join('; '),
	);
	const callsOf = countBy(ALL_CALLS.flat());
	check(
		'outputs equal the single-process run: same items per call for ids sent once, same items overall',
		() => {
			const diffs = [];
			for (const [n, run] of queueRuns.entries()) {
				for (const [k, item] of run.items.entries()) {
					const reference = singleRuns[n].items[k];
					if (callsOf[item.imp_uid] === 1 && canonical(item) !== canonical(reference)) {
						diffs.push(
							`call ${n} ${item.imp_uid}: queue ${canonical(item)} vs single ${canonical(reference)}`,
						);
					}
				}
			}
			// An id sent in two calls is cancelled by whichever runs first: compare those as a whole.
			const all = (runs) => runs.flatMap((r) => r.items.map(canonical)).sort();
			if (canonical(all(queueRuns)) !== canonical(all(singleRuns)))
				diffs.push('the items of all calls together differ');
			return diffs.length === 0 ? true : diffs.slice(0, 5).join('\n      ');
		},
	);
	check('outcome per receipt equals the single-process run', () => {
		const perId = (runs) => {
			const table = {};
			for (const item of runs.flatMap((r) => r.items))
				(table[item.imp_uid] ??= []).push(item.outcome);
			for (const list of Object.values(table)) list.sort();
			return table;
		};
		const q = perId(queueRuns);
		const s = perId(singleRuns);
		const differ = Object.keys({ ...q, ...s }).filter(
			(id) => canonical(q[id]) !== canonical(s[id]),
		);
		return differ.length === 0
			? true
			: differ.map((id) => `${id}: queue ${q[id]} vs single ${s[id]}`).join('; ');
	});
	console.log(
		`      single-process simulator: ${single.simulator.log.length} requests (token ${single.simulator.tokenRequests().length})`,
	);
}

module.exports = { singleProcessComparison };
