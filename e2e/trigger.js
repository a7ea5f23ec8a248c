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
	nodeItems: itemsOf,
	EXAMPLES,
	CREDENTIAL_TYPE,
} = require('./n8n');
const { check, same, workFolder, runScript } = require('./script');

const SECRET_MARKER = 'test_imp_secret_DO_NOT_LEAK';
const TRIGGER_TYPE = 'n8n-nodes-iamport.iamportTrigger';
const EXAMPLE_FILE = 'cancel-receipt-on-console-cancel.json';
const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-only-password-1',
};
const REQUEST_TIMEOUT_MS = 30_000;
const EXECUTION_WAIT_MS = 60_000;
const DOCUMENTED_SENDER = '52.78.100.19';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/* ------------------------------------------------------------------ workflows */

const CREDENTIAL = { id: 'iamportSimulator', name: "I'mport API (simulator)" };

function triggerNode(name, webhookId, parameters, position = [0, 0]) {
	return {
		id: `${webhookId.slice(0, 8)}-0000-4000-8000-000000000001`,
		name,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position,
		webhookId,
		parameters,
		credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
	};
}

function noOp(name, position) {
	return {
		id: `${name.length}b1c2d3e-0000-4000-8000-${String(position[0]).padStart(12, '0')}`,
		name,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position,
		parameters: {},
	};
}

const link = (to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });

/** Every status, unverified ones dropped (the defaults), then n8n's Remove Duplicates on the event key. */
const ALL_STATUSES = {
	id: 'iamportTriggerAll',
	name: "I'mport Trigger e2e: every status, deduplicated",
	active: false,
	nodes: [
		triggerNode('Payment notification', '0e2e0001-aaaa-4bbb-8ccc-000000000001', {
			statuses: ['paid', 'ready', 'cancelled', 'failed'],
			options: {},
		}),
		{
			id: '0e2e0001-aaaa-4bbb-8ccc-000000000002',
			name: 'New events only',
			type: 'n8n-nodes-base.removeDuplicates',
			typeVersion: 2,
			position: [240, 0],
			parameters: {
				operation: 'removeItemsSeenInPreviousExecutions',
				logic: 'removeItemsWithAlreadySeenKeyValues',
				dedupeValue: '={{ $json.event_key }}',
				options: {},
			},
		},
		noOp('New event', [480, 0]),
	],
	connections: {
		'Payment notification': link('New events only'),
		'New events only': link('New event'),
	},
	settings: { executionOrder: 'v1' },
};

/** Unverified notifications emitted (verified: false), and only i'mport's documented senders. */
const EMIT_CHECKED = {
	id: 'iamportTriggerEmit',
	name: "I'mport Trigger e2e: unverified emitted, i'mport's senders only",
	active: false,
	nodes: [
		triggerNode('Checked notification', '0e2e0002-aaaa-4bbb-8ccc-000000000001', {
			statuses: ['paid', 'ready', 'cancelled', 'failed'],
			onUnverified: 'emit',
			checkSender: true,
			options: {},
		}),
		noOp('Received', [240, 0]),
	],
	connections: { 'Checked notification': link('Received') },
	settings: { executionOrder: 'v1' },
};

/* ------------------------------------------------------------------ main */

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

		/* ---------------- every status, JSON and form, deduplicated across executions */
		console.log(`\n${ALL_STATUSES.name}`);
		const cases = [
			['json', 'paid', 'imp_pay_card_0001'],
			['form', 'ready', 'imp_pay_vbank_ready_0001'],
			['json', 'cancelled', 'imp_pay_partial_0001'],
			['form', 'failed', 'imp_pay_failed_0001'],
			['form', 'paid', 'imp_pay_card_0002'],
			// the same event as the second one, this time as JSON: a repeat all the same
			['json', 'ready', 'imp_pay_vbank_ready_0001'],
		];
		const keysSent = new Set();
		for (const [as, status, impUid] of cases) {
			const mark = simulator.log.length;
			const result = await sender.notify(urls.all, impUid, { as });
			const execution = await nextExecution(ALL_STATUSES.id);
			const [item] = itemsOf(execution, 'Payment notification');
			const truth = simulator.payments.get(impUid);
			const expectedKey =
				status === 'cancelled'
					? `${impUid}:cancelled:${truth.cancel_history.at(-1).cancellation_id}`
					: `${impUid}:${status}`;
			const duplicate = keysSent.has(expectedKey);
			keysSent.add(expectedKey);
			check(
				`${as} ${status} (${impUid}): HTTP 200, one GET /payments/${impUid}, execution ${execution.status}`,
				() => {
					if (result.status !== 200) return answered(result);
					const looked = lookupsSince(mark).map((e) => `${e.method} ${e.rawUrl}`);
					if (looked.join() !== `GET /payments/${impUid}`) return `look-ups: ${looked.join(', ')}`;
					return execution.status === 'success' ? true : `execution ${execution.status}`;
				},
			);
			check(
				`${as} ${status}: the payment as i'mport reports it, verified, notification under its own key`,
				() => {
					if (!item) return 'no item from the trigger';
					const { verified, event_key: eventKey, notification, ...payment } = item;
					if (verified !== true) return `verified ${verified}`;
					const mismatch = same(payment, truth);
					if (mismatch !== true) return mismatch;
					if (eventKey !== expectedKey) return `event_key ${eventKey}, expected ${expectedKey}`;
					return notification?.imp_uid === impUid && notification.status === status
						? true
						: `notification ${JSON.stringify(notification)}`;
				},
			);
			const passed = itemsOf(execution, 'New events only').length;
			check(
				`${as} ${status}: Remove Duplicates ${duplicate ? 'drops the repeat (same event key as an earlier execution)' : 'lets the new event through'}`,
				() =>
					same(
						{
							removeDuplicates: passed,
							newEventRan: Boolean(execution.data.resultData.runData['New event']),
						},
						{ removeDuplicates: duplicate ? 0 : 1, newEventRan: !duplicate },
					),
			);
		}

		// What never starts anything: spoofs (dropped by default), unselected... and bad bodies.
		const quiet = [
			[
				'a spoofed status (imp_pay_card_0001 "cancelled")',
				() => sender.notify(urls.all, 'imp_pay_card_0001', { spoof: { status: 'cancelled' } }),
				200,
				1,
			],
			[
				'an unknown imp_uid',
				() =>
					sender.post(urls.all, {
						imp_uid: 'imp_999999999999',
						merchant_uid: 'order_x',
						status: 'paid',
					}),
				200,
				1,
			],
			[
				'a forged cancellation_id',
				() =>
					sender.notify(urls.all, 'imp_pay_partial_0001', {
						spoof: { cancellation_id: 'CXL_FORGED' },
					}),
				200,
				1,
			],
			['an empty body', () => sender.post(urls.all, '', { as: 'json' }), 400, 0],
			['an empty form', () => sender.post(urls.all, '', { as: 'form' }), 400, 0],
			[
				'no imp_uid',
				() => sender.post(urls.all, { merchant_uid: 'order_1', status: 'paid' }),
				400,
				0,
			],
			[
				'an imp_uid with path characters',
				() =>
					sender.post(
						urls.all,
						{ imp_uid: '../receipts/imp_pay_card_0001', status: 'paid' },
						{ as: 'form' },
					),
				400,
				0,
			],
			[
				'a text/plain body',
				() =>
					sender.post(urls.all, 'imp_uid=imp_pay_card_0001&status=paid', {
						contentType: 'text/plain',
					}),
				400,
				0,
			],
			[
				'JSON that does not parse (n8n itself answers before the node runs)',
				() => sender.post(urls.all, '{"imp_uid": ', { as: 'json' }),
				422,
				0,
			],
		];
		for (const [name, send, status, lookups] of quiet) {
			const mark = simulator.log.length;
			const result = await send();
			check(`${name}: HTTP ${status}, ${lookups} look-up(s), no secret in the answer`, () => {
				if (result.status !== status) return answered(result);
				if (lookupsSince(mark).length !== lookups) return `${lookupsSince(mark).length} look-ups`;
				return String(result.answer).includes(SECRET_MARKER) ? 'secret in the answer' : true;
			});
			if (status === 400) console.log(`      answer: ${result.answer}`);
		}

		/* ---------------- unverified emitted; sender check behind one proxy hop */
		console.log(`\n${EMIT_CHECKED.name}`);
		const fromImport = { headers: { 'x-forwarded-for': DOCUMENTED_SENDER } };
		let mark = simulator.log.length;
		const refused = await sender.notify(urls.emit, 'imp_pay_card_0001');
		const forged = await sender.notify(urls.emit, 'imp_pay_card_0001', {
			headers: { 'x-forwarded-for': `${DOCUMENTED_SENDER}, 203.0.113.7` },
		});
		check(
			"a sender that is not i'mport (no proxy entry, or a forged earlier entry): HTTP 403, nothing looked up",
			() =>
				same(
					{ plain: answered(refused), forged: forged.status, lookups: lookupsSince(mark).length },
					{ plain: '403 {"error":"This sender is not allowed"}', forged: 403, lookups: 0 },
				),
		);
		mark = simulator.log.length;
		const spoofResult = await sender.notify(urls.emit, 'imp_pay_card_0002', {
			spoof: { status: 'cancelled' },
			...fromImport,
		});
		const spoofExecution = await nextExecution(EMIT_CHECKED.id);
		const [spoofItem] = itemsOf(spoofExecution, 'Checked notification');
		console.log(
			`      a spoofed notification {"imp_uid":"imp_pay_card_0002","status":"cancelled"} produced:\n${JSON.stringify(spoofItem, null, 2).replace(/^/gm, '        ')}`,
		);
		check(
			"a spoofed status from i'mport's address (via the proxy): HTTP 200, emitted with verified: false, reason status_mismatch, i'mport's status on top",
			() => {
				if (spoofResult.status !== 200) return answered(spoofResult);
				return same(
					{
						verified: spoofItem?.verified,
						reason: spoofItem?.reason,
						status: spoofItem?.status,
						claimed: spoofItem?.notification?.status,
					},
					{ verified: false, reason: 'status_mismatch', status: 'paid', claimed: 'cancelled' },
				);
			},
		);
		const unknownResult = await sender.post(
			urls.emit,
			{ imp_uid: 'imp_999999999999', merchant_uid: 'order_x', status: 'paid' },
			fromImport,
		);
		const unknownExecution = await nextExecution(EMIT_CHECKED.id);
		const [unknownItem] = itemsOf(unknownExecution, 'Checked notification');
		check(
			'an unknown imp_uid: emitted with verified: false, reason not_found, no payment fields',
			() =>
				same(
					{
						http: unknownResult.status,
						verified: unknownItem?.verified,
						reason: unknownItem?.reason,
						amount: unknownItem?.amount ?? null,
					},
					{ http: 200, verified: false, reason: 'not_found', amount: null },
				),
		);
		const realResult = await sender.notify(urls.emit, 'imp_pay_card_0002', {
			as: 'form',
			...fromImport,
		});
		const realExecution = await nextExecution(EMIT_CHECKED.id);
		check("a real notification from i'mport's address: verified: true", () =>
			same(
				{
					http: realResult.status,
					verified: itemsOf(realExecution, 'Checked notification')[0]?.verified,
				},
				{ http: 200, verified: true },
			),
		);

		/* ---------------- the example: cancelled in the console -> cancel the cash receipt */
		console.log(`\n${example.name} (examples/${EXAMPLE_FILE})`);
		const impUid = 'imp_pay_receipt_0001';
		const [cancelStatus, cancelAnswer] = simulator.payments.cancel(
			{ imp_uid: impUid, reason: 'cancelled in the console' },
			{ source: 'console' },
		);
		check(`the simulator cancels ${impUid} in full "from the console"`, () =>
			same({ cancelStatus, code: cancelAnswer.code }, { cancelStatus: 200, code: 0 }),
		);
		const deletesOf = (id) =>
			simulator.log.filter((e) => e.method === 'DELETE' && e.rawPath === `/receipts/${id}`).length;
		const first = await sender.notify(urls.example, impUid);
		const firstExecution = await nextExecution(example.id);
		check(
			'notification -> verified -> new event -> fully refunded -> cash receipt cancelled (Success)',
			() =>
				same(
					{
						http: first.status,
						status: firstExecution.status,
						cancelled: itemsOf(firstExecution, 'Cancel cash receipt', 0).map(
							(i) => `${i.imp_uid} ${i.outcome}`,
						),
						receiptCancelled: itemsOf(firstExecution, 'Receipt cancelled').map(
							(i) => `${i.imp_uid} ${i.merchant_uid}`,
						),
						notifyOps: itemsOf(firstExecution, 'Notify ops').length,
						deletes: deletesOf(impUid),
					},
					{
						http: 200,
						status: 'success',
						cancelled: [`${impUid} cancelled`],
						receiptCancelled: [`${impUid} order_pay_receipt_0001`],
						notifyOps: 0,
						deletes: 1,
					},
				),
		);
		const again = await sender.notify(urls.example, impUid);
		const againExecution = await nextExecution(example.id);
		check('the same notification again: Remove Duplicates stops it, no second DELETE', () =>
			same(
				{
					http: again.status,
					passed: itemsOf(againExecution, 'New events only').length,
					cancelRan: Boolean(againExecution.data.resultData.runData['Cancel cash receipt']),
					deletes: deletesOf(impUid),
				},
				{ http: 200, passed: 0, cancelRan: false, deletes: 1 },
			),
		);
		const partial = await sender.notify(urls.example, 'imp_pay_partial_0001');
		const partialExecution = await nextExecution(example.id);
		const partly = simulator.payments.get('imp_pay_partial_0001');
		const partlyText = `Payment imp_pay_partial_0001 (order_pay_partial_0001) was partly refunded (${partly.cancel_amount} of ${partly.amount} won)`;
		check('a partial refund goes to "Notify ops (partial refund)"; its receipt is left alone', () =>
			same(
				{
					http: partial.status,
					texts: itemsOf(partialExecution, 'Notify ops (partial refund)').map((i) =>
						i.text.slice(0, partlyText.length),
					),
					deletes: deletesOf('imp_pay_partial_0001'),
				},
				{ http: 200, texts: [partlyText], deletes: 0 },
			),
		);
		const card = 'imp_pay_card_0002';
		simulator.payments.cancel({ imp_uid: card, reason: 'console' }, { source: 'console' });
		const noReceipt = await sender.notify(urls.example, card);
		const noReceiptExecution = await nextExecution(example.id);
		check('a cancelled payment without a cash receipt: Failure -> "Notify ops" says why', () => {
			const texts = itemsOf(noReceiptExecution, 'Notify ops').map((i) => i.text);
			if (noReceipt.status !== 200) return answered(noReceipt);
			return texts.length === 1 &&
				texts[0].includes(card) &&
				/NOT cancelled: (not_issued|not_found)/.test(texts[0])
				? true
				: `Notify ops: ${JSON.stringify(texts)} (cancel: ${JSON.stringify(itemsOf(noReceiptExecution, 'Cancel cash receipt', 1))})`;
		});
		mark = simulator.log.length;
		const paid = await sender.notify(urls.example, 'imp_pay_card_0001');
		check('a "paid" notification (not selected): HTTP 200, not looked up', () =>
			same({ http: paid.status, lookups: lookupsSince(mark).length }, { http: 200, lookups: 0 }),
		);

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
		/* ---------------- the test URL, as the editor's "Listen for test event" uses it */
		console.log('\nTest URL');
		const { data: listening } = await client.rest('POST', `/workflows/${ALL_STATUSES.id}/run`, {
			triggerToStartFrom: { name: 'Payment notification' },
		});
		const testUrl = urls.all.replace('/webhook/', '/webhook-test/');
		simulator.payments.add({
			imp_uid: 'imp_pay_testurl_0001',
			merchant_uid: 'order_pay_testurl_0001',
			status: 'paid',
		});
		const testResult = await sender.notify(testUrl, 'imp_pay_testurl_0001', { as: 'form' });
		const testExecution = await nextExecution(ALL_STATUSES.id);
		check(
			'the test URL (a manual run waiting for the trigger): HTTP 200, a manual execution with the verified payment',
			() =>
				same(
					{
						waiting: listening?.waitingForWebhook,
						http: testResult.status,
						mode: testExecution.mode,
						item: itemsOf(testExecution, 'Payment notification').map(
							(i) => `${i.imp_uid} ${i.status} ${i.verified}`,
						),
					},
					{ waiting: true, http: 200, mode: 'manual', item: ['imp_pay_testurl_0001 paid true'] },
				),
		);

		/* ---------------- observation, not a check: Remove Duplicates under concurrent executions */
		// n8n's deduplication helper reads and rewrites its history without a lock; measured here, not asserted.
		console.log('\nObservation: Remove Duplicates with executions running at the same moment');
		simulator.payments.add({
			imp_uid: 'imp_pay_burst_0001',
			merchant_uid: 'order_pay_burst_0001',
			status: 'paid',
		});
		const passedIn = async (count) => {
			let passed = 0;
			for (let n = 0; n < count; n++)
				passed += itemsOf(await nextExecution(ALL_STATUSES.id), 'New events only').length;
			return passed;
		};
		await Promise.all([
			sender.notify(urls.all, 'imp_pay_burst_0001'),
			sender.notify(urls.all, 'imp_pay_burst_0001'),
		]);
		console.log(
			`      the same new event posted twice at once: ${await passedIn(2)} of 2 passed Remove Duplicates`,
		);
		const burst = [
			'imp_pay_receipt_0001',
			'imp_pay_card_0002',
			'imp_pay_vbank_0001',
			'imp_pay_old_0001',
			'imp_pay_pgfail_0001',
		];
		await Promise.all(burst.map((id) => sender.notify(urls.all, id)));
		const firstPass = await passedIn(burst.length);
		let repeatsPassed = 0;
		for (const id of burst) {
			await sender.notify(urls.all, id);
			repeatsPassed += await passedIn(1);
		}
		console.log(
			`      ${burst.length} different new events posted at once: ${firstPass} passed; the same ${burst.length} posted again one by one: ${repeatsPassed} passed (0 = no record lost)`,
		);

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
