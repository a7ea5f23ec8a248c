'use strict';
/**
 * When i'mport is down, in a real n8n: Manual Trigger -> Code (100 receipts) -> I'mport Cancel
 * (default options, On Error: Continue), run with `n8n execute` against the simulator on
 * 127.0.0.1 while every receipt call is answered 503, then while only the first 10 are (a blip).
 * Checks what came out and prints the figures: the node's execution time and the calls made.
 *
 *   npm run build && N8N_E2E_CACHE=… node e2e/outage.js       (re-runs itself under node 24)
 *
 * Options: --keep (keep the temporary n8n user folder), --items N (default 100).
 */
const path = require('node:path');
const {
	ROOT,
	N8N_VERSION,
	CREDENTIAL_TYPE,
	NODE_TYPE,
	timings,
	describeFailure,
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	n8n,
	importWorkflows,
	parseExecution,
} = require('./n8n');
const { check, numberOption, printTable, workFolder, runScript } = require('./script');

const ITEMS = numberOption('--items', 100);
const CREDENTIAL = { id: 'iamportOutageSim', name: "I'mport API (simulator, outage)" };
const WORKFLOW_ID = 'iamportOutageRun';
const CANCEL = 'Cancel cash receipt';

function workflow() {
	return {
		id: WORKFLOW_ID,
		name: "Cancel receipts while i'mport is down",
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			'Manual Trigger': { main: [[{ node: 'Receipts', type: 'main', index: 0 }]] },
			Receipts: { main: [[{ node: CANCEL, type: 'main', index: 0 }]] },
		},
		nodes: [
			{
				id: 'e0e0e0e0-0000-4000-8000-000000000001',
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'e0e0e0e0-0000-4000-8000-000000000002',
				name: 'Receipts',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					jsCode: `return Array.from({ length: ${ITEMS} }, (_v, n) => ({ json: { imp_uid: 'outage_' + String(n).padStart(6, '0') } }));`,
				},
			},
			{
				id: 'e0e0e0e0-0000-4000-8000-000000000003',
				name: CANCEL,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
				parameters: {
					resource: 'cashReceipt',
					operation: 'cancel',
					impUid: '={{ $json.imp_uid }}',
					options: {},
				},
			},
		],
	};
}

async function main() {
	console.log(
		`n8n-nodes-iamport e2e (i'mport down): real n8n ${N8N_VERSION} on node ${process.version}, ${ITEMS} items`,
	);
	const { createSimulator } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));
	const bin = await ensureN8n();
	const { tmp, userFolder } = workFolder('n8n-iamport-outage-');
	let simulator;
	try {
		await installPackage(userFolder, tmp);
		const simPort = await freePort();
		const env = n8nEnv(userFolder, { main: await freePort(), broker: await freePort() });
		const [{ impKey, impSecret }] = createSimulator().accounts;
		await importWorkflows(bin, env, tmp, {
			credential: CREDENTIAL,
			data: { impKey, impSecret, tierCode: '', baseUrl: `http://127.0.0.1:${simPort}` },
			workflows: [workflow()],
		});

		const scenarios = [
			{
				name: 'every receipt call answered 503',
				fault: { path: '/receipts/', action: 'status', status: 503, times: Infinity },
			},
			{
				name: 'the first 10 receipt calls answered 503',
				fault: { path: '/receipts/', action: 'status', status: 503, times: 10 },
			},
		];
		const figures = [];
		for (const scenario of scenarios) {
			console.log(`\n${scenario.name}`);
			simulator = createSimulator();
			const ids = simulator.store.addIssuedPayments(ITEMS, 'outage_');
			simulator.faults.add(scenario.fault);
			await simulator.start(simPort);
			const r = await n8n(bin, ['execute', `--id=${WORKFLOW_ID}`, '--rawOutput'], env);
			await simulator.stop();
			timings.push({ step: 'execute', detail: scenario.name, ms: r.ms });
			const step = (name, fn) => check(`${scenario.name}: ${name}`, fn);
			if (
				!step('n8n execute exited with 0', () =>
					r.code === 0 ? true : describeFailure('n8n execute', r),
				)
			)
				continue;
			let execution;
			if (
				!step('output holds the execution JSON', () => {
					execution = parseExecution(r.stdout);
				})
			)
				continue;
			const task = execution.data.resultData.runData[CANCEL]?.[0];
			const [success = [], failure = []] = task?.data?.main ?? [];
			const receiptCalls = simulator.log.filter((e) => e.rawPath.startsWith('/receipts/')).length;
			figures.push({
				scenario: scenario.name,
				ms: task?.executionTime,
				receiptCalls,
				tokenRequests: simulator.tokenRequests().length,
			});
			if (scenario.fault.times === Infinity) {
				step(`Failure: ${ITEMS} items, each not_sent with its imp_uid`, () => {
					const wrong = failure.filter(
						(item, n) => item.json.outcome !== 'not_sent' || item.json.imp_uid !== ids[n],
					);
					return failure.length === ITEMS && success.length === 0 && wrong.length === 0
						? true
						: `${success.length} success, ${failure.length} failure, ${wrong.length} not as expected: ${JSON.stringify(wrong[0]?.json)}`;
				});
				step('the run says it once: a warning hint in the output pane', () => {
					const hints = (task?.hints ?? []).map((hint) => hint.message);
					const want = `i'mport looks unavailable: 10 of the last 10 calls failed; ${ITEMS} items were not sent`;
					return hints.length === 1 && hints[0] === want ? true : `hints ${JSON.stringify(hints)}`;
				});
				step(
					'no DELETE sent, nothing cancelled',
					() =>
						simulator.requests('DELETE').length === 0 && simulator.store.cancellations.size === 0,
				);
			} else {
				step(`Success: all ${ITEMS} cancelled, each once`, () => {
					const cancelled = success.filter((item) => item.json.outcome === 'cancelled').length;
					const once = [...simulator.store.cancellations.values()].every((count) => count === 1);
					return cancelled === ITEMS && failure.length === 0 && once
						? true
						: `${cancelled} cancelled, ${failure.length} failed, once ${once}`;
				});
			}
		}
		console.log('');
		printTable(
			['run', 'node execution time', 'receipt calls', 'token requests'],
			figures.map((f) => [
				f.scenario,
				`${(f.ms / 1000).toFixed(1)} s`,
				f.receiptCalls,
				f.tokenRequests,
			]),
		);
	} finally {
		if (simulator) await simulator.stop().catch(() => {});
	}
}

runScript(__filename, main);
