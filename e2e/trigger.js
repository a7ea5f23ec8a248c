'use strict';
/**
 * End-to-end test of the I'mport Trigger in a real n8n: the packed package installed as a
 * community package, a credential pointed at the bundled simulator, three workflows that start
 * with the trigger imported and activated over n8n's REST API (as the editor's "Publish" does),
 * then notifications posted to their production URLs by the simulator's sender, as i'mport would
 * (JSON and form, each status, spoofed ones, duplicates, bad bodies, a refused sender), and the
 * executions that resulted read back over the REST API.
 *
 * n8n runs with N8N_PROXY_HOPS=1, as behind one reverse proxy: the sender check then reads the
 * client address from the proxy's X-Forwarded-For entry (express `trust proxy`).
 *
 * Here: the set-up, the totals and the secret scan. The workflows are in e2e/triggerWorkflows.js;
 * e2e/triggerStatuses.js: every status, what starts nothing, the test URL, concurrent repeats;
 * e2e/triggerEmitChecked.js: unverified emitted, the sender check; e2e/triggerExample.js: the example.
 *
 *   npm run build && node e2e/trigger.js      (re-runs itself with node 24 like e2e/run.js)
 * Options: --keep (keep the temporary n8n user folder), --reinstall (ignore the cached n8n).
 * Environment: N8N_E2E_VERSION, N8N_E2E_CACHE (see e2e/n8n.js). Exit code 0 only when every check passed.
 */
const fs = require('node:fs');
const path = require('node:path');
const {
	ROOT,
	N8N_VERSION,
	CACHE_DIR,
	timings,
	describeFailure,
	seconds,
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	n8n,
	startN8n,
	restClient,
	activateWorkflow: activate,
	executionsOf,
	executionData,
	EXAMPLES,
	CREDENTIAL_TYPE,
} = require('./n8n');
const { check, same, workFolder, runScript } = require('./script');
const {
	TRIGGER_TYPE,
	EXAMPLE_FILE,
	CREDENTIAL,
	ALL_STATUSES,
	EMIT_CHECKED,
} = require('./triggerWorkflows');
const {
	everyStatusInN8n,
	quietInN8n,
	testUrlInN8n,
	concurrentDuplicatesInN8n,
} = require('./triggerStatuses');
const { emitCheckedInN8n, fromImport } = require('./triggerEmitChecked');
const { exampleInN8n } = require('./triggerExample');

const SECRET_MARKER = 'test_imp_secret_DO_NOT_LEAK';
const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-only-password-1',
};
const REQUEST_TIMEOUT_MS = 30_000;
const EXECUTION_WAIT_MS = 60_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
	console.log(
		`n8n-nodes-iamport e2e (I'mport Trigger): real n8n ${N8N_VERSION} on node ${process.version}`,
	);
	const { createSimulator } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));
	const { createNotificationSender } = require(
		path.join(ROOT, 'test', 'simulator', 'notifications.js'),
	);
	const flatted = require(path.join(CACHE_DIR, 'node_modules', 'flatted'));

	const bin = await ensureN8n();
	const { tmp, userFolder } = workFolder('n8n-iamport-trigger-e2e-');
	let simulator;
	let server;
	try {
		await installPackage(userFolder, tmp);
		simulator = createSimulator();
		const baseUrl = await simulator.start(await freePort());
		const sender = createNotificationSender(simulator);
		const ports = { main: await freePort(), broker: await freePort() };
		const env = {
			...n8nEnv(userFolder, ports),
			N8N_PROXY_HOPS: '1',
			N8N_DISABLED_MODULES: 'mcp-registry',
		};

		// Credential and the three workflows, in two n8n commands.
		const [account] = simulator.accounts;
		const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES, EXAMPLE_FILE), 'utf8'));
		const workflows = [ALL_STATUSES, EMIT_CHECKED, example];
		fs.writeFileSync(
			path.join(tmp, 'credentials.json'),
			JSON.stringify([
				{
					...CREDENTIAL,
					type: CREDENTIAL_TYPE,
					data: { impKey: account.impKey, impSecret: account.impSecret, tierCode: '', baseUrl },
				},
			]),
		);
		fs.writeFileSync(path.join(tmp, 'workflows.json'), JSON.stringify(workflows));
		let importMs = 0;
		for (const args of [
			['import:credentials', `--input=${path.join(tmp, 'credentials.json')}`],
			['import:workflow', `--input=${path.join(tmp, 'workflows.json')}`],
		]) {
			const r = await n8n(bin, args, env);
			importMs += r.ms;
			if (r.code !== 0) throw new Error(describeFailure(`n8n ${args[0]}`, r));
		}
		timings.push({
			step: 'import',
			detail: '1 credential + 3 workflows (2 n8n commands)',
			ms: importMs,
		});

		server = await startN8n(bin, env);
		const client = restClient(server.url, { timeoutMs: REQUEST_TIMEOUT_MS });
		await client.login(OWNER);
		const activated = [];
		for (const workflow of workflows) activated.push(await activate(client, workflow.id));
		check('the three workflows are active (published over REST, as the editor does)', () =>
			same(activated, [true, true, true]),
		);

		const urlOf = (workflow) =>
			`${server.url}/webhook/${workflow.nodes.find((n) => n.type === TRIGGER_TYPE).webhookId}/webhook`;
		const urls = { all: urlOf(ALL_STATUSES), emit: urlOf(EMIT_CHECKED), example: urlOf(example) };
		const seen = { [ALL_STATUSES.id]: 0, [EMIT_CHECKED.id]: 0, [example.id]: 0 };

		/** Waits for the workflow's next execution to finish; returns it with its data. */
		async function nextExecution(workflowId) {
			const started = Date.now();
			while (Date.now() - started < EXECUTION_WAIT_MS) {
				const list = await executionsOf(client, workflowId);
				const next = list[seen[workflowId]];
				if (next && next.status !== 'running' && next.status !== 'new') {
					seen[workflowId] += 1;
					return executionData(client, next.id, flatted);
				}
				await sleep(250);
			}
			throw new Error(
				`no finished execution #${seen[workflowId] + 1} of ${workflowId} within ${seconds(EXECUTION_WAIT_MS)}`,
			);
		}
		const lookupsSince = (mark) =>
			simulator.log.slice(mark).filter((e) => e.rawPath.startsWith('/payments'));
		const answered = (r) => `${r.status} ${r.answer ?? r.error}`;

		// What every part of the run uses (e2e/triggerStatuses.js, …EmitChecked.js, …Example.js).
		const t = { simulator, sender, urls, nextExecution, lookupsSince, answered, client };
		await everyStatusInN8n(t);
		await quietInN8n(t);
		await emitCheckedInN8n(t);
		await exampleInN8n(t, example);

		/* ---------------- totals: what did not start an execution did not */
		// A last real notification to each workflow, so anything a quiet request might have started has been recorded before counting.
		await sender.notify(urls.all, 'imp_pay_retry_0001');
		await nextExecution(ALL_STATUSES.id);
		await sender.notify(urls.emit, 'imp_pay_retry_0001', fromImport);
		await nextExecution(EMIT_CHECKED.id);
		const counts = {};
		for (const workflow of workflows)
			counts[workflow.id] = (await executionsOf(client, workflow.id)).length;
		check(
			'executions: 7 (every status, 1 duplicate, 1 final) / 4 (spoof, unknown, real, final) / 4 (example); no spoof, bad body, refused sender or unselected status started one',
			() => same(counts, { [ALL_STATUSES.id]: 7, [EMIT_CHECKED.id]: 4, [example.id]: 4 }),
		);

		await testUrlInN8n(t);
		await concurrentDuplicatesInN8n(t);

		/* ---------------- secrets */

		const allData = [];
		for (const workflow of workflows) {
			for (const e of await executionsOf(client, workflow.id))
				allData.push(JSON.stringify(await executionData(client, e.id, flatted)));
		}
		check(
			'neither the API secret nor an access token in any execution (test URL and concurrent ones included), answer or n8n log',
			() => {
				const text =
					allData.join('\n') + sender.sent.map((s) => s.answer).join('\n') + server.logs();
				const leaks = [SECRET_MARKER, ...simulator.issuedTokens].filter((s) => text.includes(s));
				return leaks.length === 0 ? true : `${leaks.length} leak(s)`;
			},
		);
		check('the secret only ever went to POST /users/getToken', () => {
			const leaks = simulator.log.filter(
				(e) =>
					e.rawPath !== '/users/getToken' &&
					JSON.stringify([e.rawUrl, e.headers, e.rawBody]).includes(SECRET_MARKER),
			);
			return leaks.length === 0 ? true : leaks.map((e) => `${e.method} ${e.rawPath}`).join(', ');
		});
		console.log(
			`      ${sender.sent.length} notifications posted; ${simulator.requests('GET', '/payments').length} look-ups, ${simulator.tokenRequests().length} token request(s) reached the simulator`,
		);
	} catch (error) {
		if (server)
			console.error(`n8n's log (tail):\n${server.logs().split('\n').slice(-40).join('\n')}`);
		throw error;
	} finally {
		if (server) await server.stop();
		if (simulator) await simulator.stop().catch(() => {});
	}
}

/* ------------------------------------------------------------------ start */

runScript(__filename, main);
