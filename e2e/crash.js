'use strict';
/**
 * A crash in the middle of a refund sheet, in a real n8n, for both refund APIs (adapters in
 * e2e/crashApis.js): Manual Trigger -> Code (a sheet of 300 rows, Full and Partial mixed, one per
 * payment) -> I'mport Payment Cancel (V1) or PortOne Payment Cancel (V2) (Refund Mode and Amount
 * from the row, default options), run with `n8n execute` against the API's simulator on 127.0.0.1.
 * The n8n process group is SIGKILLed once ~100 refunds were applied, then the same workflow runs
 * again on the same simulator to the end, as an operator would re-run it. Two scenarios:
 *   kill   SIGKILL as the next request arrives once 100 refunds were applied
 *   hold   refund ~100 is applied but its answer is never sent; SIGKILL while n8n waits for it
 * each with the Refund Reference empty (the default) and set to the row's id. Checks that every
 * payment ends with exactly what its row asked (e2e/crashChecks.js), and prints the figures.
 *
 *   npm run build && node e2e/crash.js       (re-runs itself under node 24)
 *
 * Options: --api v1|v2|both (default both), --keep (keep the temporary n8n user folder),
 * --rows N (default 300), --kill-at N (default 100).
 */
const path = require('node:path');
const {
	ROOT,
	N8N_VERSION,
	timings,
	killGroup,
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	n8n,
	importWorkflows,
} = require('./n8n');
const { check, numberOption, printTable, workFolder, runScript } = require('./script');
const { APIS, sheet, rowsFor, workflow } = require('./crashApis');
const { COLUMNS, verify } = require('./crashChecks');

const ROWS = numberOption('--rows', 300);
const KILL_AT = numberOption('--kill-at', 100);
const API_OPTION = process.argv.includes('--api')
	? process.argv[process.argv.indexOf('--api') + 1]
	: 'both';
/** Simulator latency per request: 20 ms + up to 20 ms (seeded), so a run lasts long enough to kill. */
const LATENCY = { fixedMs: 20, jitterMs: 20 };
/** How long n8n waits for the held answer before it is killed (its Timeout is 30 s). */
const HOLD_MS = 250;
/** After the kill: requests that reached the simulator are still answered (to nobody) within this. */
const SETTLE_MS = 500;
const CANCEL = 'Refund';
const VARIANTS = [
	{ name: 'without references', index: 0, reference: undefined },
	{ name: 'with references', index: 1, reference: '={{ $json.row_id }}' },
];
const SCENARIOS = [{ name: 'kill' }, { name: 'hold', hold: true }];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const execute = (bin, env, id, onSpawn) =>
	n8n(bin, ['execute', `--id=${id}`, '--rawOutput'], env, { onSpawn });

/**
 * The run that is killed: its process group gets SIGKILL from the simulator's side, `kill` as
 * any request arrives once KILL_AT refunds were applied, `hold` HOLD_MS after the refund that
 * makes ~KILL_AT was applied with its answer held back. Returns the run, the refunds applied at
 * the kill and, SETTLE_MS later, by the run in all (requests in flight at the kill included).
 */
async function killedRun({ bin, env, api, simulator, id, scenario }) {
	const refunds = api.applied(simulator);
	let child;
	let killed;
	let held;
	let poll;
	const kill = () => {
		if (killed || !child) return;
		killed = { applied: refunds.length, seq: simulator.log.length, heldStatus: held?.status };
		killGroup(child);
	};
	if (scenario.hold) {
		simulator.faults.add({
			action: 'applyThenHang',
			when: (e) => {
				if (!api.isRefund(e) || refunds.length < KILL_AT - 1) return false;
				held = e;
				return true;
			},
		});
		poll = setInterval(() => {
			if (held?.appliedStatus === undefined) return;
			held.appliedAt ??= Date.now();
			if (Date.now() - held.appliedAt >= HOLD_MS) kill();
		}, 5);
	} else {
		simulator.hooks.onRequest = () => {
			if (refunds.length >= KILL_AT) kill();
		};
	}
	const r = await execute(bin, env, id, (c) => (child = c));
	clearInterval(poll);
	simulator.hooks.onRequest = undefined;
	await sleep(SETTLE_MS);
	return { r, killed, held, appliedByRun: refunds.length };
}

/** Every variant and scenario of one API on a fresh simulator each; returns their figures. */
async function crashes({ bin, env, api, rows, simPort, userFolder }) {
	const figures = [];
	for (const variant of VARIANTS) {
		for (const scenario of SCENARIOS) {
			const label = `${api.key.toUpperCase()} ${variant.name}, ${scenario.name}`;
			console.log(`\n${label}`);
			const id = api.workflowIds[variant.index];
			const simulator = api.simulator(rows);
			simulator.faults.setLatency(LATENCY.fixedMs, LATENCY.jitterMs);
			await simulator.start(simPort);
			let first;
			let second;
			try {
				first = await killedRun({ bin, env, api, simulator, id, scenario });
				second = await execute(bin, env, id);
			} finally {
				await simulator.stop();
			}
			timings.push({ step: 'execute', detail: `${label}: killed run`, ms: first.r.ms });
			timings.push({ step: 'execute', detail: `${label}: re-run`, ms: second.ms });
			const step = (name, fn) => check(`${label}: ${name}`, fn);
			const context = { api, rows, scenario, simulator, first, second, userFolder };
			const figure = verify(step, { ...context, cancel: CANCEL, killAt: KILL_AT });
			figures.push({ label, ...figure, ms: [first.r.ms, second.ms] });
		}
	}
	return figures;
}

async function main() {
	const apis = API_OPTION === 'both' ? [APIS.v1, APIS.v2] : [APIS[API_OPTION]];
	if (!apis[0]) throw new Error('--api must be v1, v2 or both');
	console.log(
		`n8n-nodes-iamport e2e (crash mid-run): real n8n ${N8N_VERSION} on node ${process.version}, ${apis.map((a) => a.key).join(' + ')}, ${ROWS} rows, SIGKILL at ~${KILL_AT} refunds`,
	);
	if (!(KILL_AT >= 1 && KILL_AT < ROWS)) throw new Error('--kill-at must be from 1 to --rows - 1');
	const { seededRandom } = require(path.join(ROOT, 'test', 'simulator', 'faults.js'));
	const rows = sheet(ROWS, seededRandom);
	const partial = rows.filter((row) => row.mode === 'partial').length;
	const bin = await ensureN8n();
	const { tmp, userFolder } = workFolder('n8n-iamport-crash-');
	const simPort = await freePort();
	const env = n8nEnv(userFolder, { main: await freePort(), broker: await freePort() });
	await installPackage(userFolder, tmp);
	for (const api of apis) {
		await importWorkflows(bin, env, tmp, {
			credential: { ...api.credential, type: api.credentialType },
			data: api.credentialData(`http://127.0.0.1:${simPort}`),
			workflows: VARIANTS.map((variant) => workflow(api, variant, rowsFor(api, rows), CANCEL)),
		});
	}
	const tables = [];
	for (const api of apis) {
		const figures = await crashes({ bin, env, api, rows: rowsFor(api, rows), simPort, userFolder });
		tables.push({ api, figures });
	}
	console.log(`\n${ROWS} rows (${ROWS - partial} Full, ${partial} Partial), one payment each`);
	for (const { api, figures } of tables) {
		console.log(`\n${api.title}`);
		printTable(
			COLUMNS.map(([name]) => name),
			figures.map((f) => COLUMNS.map(([, value]) => value(f))),
		);
	}
}

runScript(__filename, main);
