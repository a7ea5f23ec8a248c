'use strict';
/**
 * What the benchmark in real n8n (scripts/bench-n8n.js) needs before its first run: n8n and this
 * package installed, both simulators started with the injected latency, the chosen workflows, and
 * the credentials (the I'mport one holding a token already) and workflows imported into n8n.
 */
const fs = require('node:fs');
const path = require('node:path');
const {
	CREDENTIAL_TYPE,
	describeFailure,
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	n8n,
} = require('../e2e/n8n');
const {
	V2_CREDENTIAL_TYPE,
	LATENCY_MS,
	JITTER_MS,
	CONCURRENCY,
	EXPRESSION_ENGINE,
	CASES,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	V2_CREDENTIAL_ID,
	V2_CREDENTIAL_NAME,
} = require('./benchN8nOptions');
const { nodeWorkflow, recipeWorkflow } = require('./benchN8nReceiptWorkflows');
const { refundNodeWorkflow, refundRecipeWorkflow } = require('./benchN8nRefundWorkflows');

async function setUp(tmp, simulators) {
	const bin = await ensureN8n();
	const userFolder = path.join(tmp, 'user');
	fs.mkdirSync(userFolder);
	await installPackage(userFolder, tmp);
	const env = n8nEnv(userFolder, { main: await freePort(), broker: await freePort() });
	if (EXPRESSION_ENGINE) env.N8N_EXPRESSION_ENGINE = EXPRESSION_ENGINE;

	const simulator = simulators.v1;
	const baseUrl = await simulator.start(await freePort());
	simulator.faults.setLatency(LATENCY_MS - JITTER_MS / 2, JITTER_MS);
	const [account] = simulator.accounts;
	const v2BaseUrl = await simulators.v2.start(await freePort());
	simulators.v2.faults.setLatency(LATENCY_MS - JITTER_MS / 2, JITTER_MS);
	const [v2Account] = simulators.v2.accounts.list;

	const variants = [
		...(CASES.includes('receipts')
			? [
					recipeWorkflow(baseUrl, account, undefined),
					recipeWorkflow(baseUrl, account, { size: 10, intervalMs: 20 }),
					...CONCURRENCY.map(nodeWorkflow),
				]
			: []),
		...(CASES.includes('refunds')
			? [
					refundNodeWorkflow('v1'),
					refundNodeWorkflow('v2'),
					refundRecipeWorkflow(v2BaseUrl, v2Account.apiSecret),
				]
			: []),
	];
	if (variants.length === 0) throw new Error('--cases: receipts, refunds or both');
	// The credential holds a token already, as it does after the first run in production: no run
	// of the node pays for a token, as the recipe's token is not in its DELETE node's time either.
	const token = await fetch(`${baseUrl}/users/getToken`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ imp_key: account.impKey, imp_secret: account.impSecret }),
	}).then((answer) => answer.json());
	const credentialsFile = path.join(tmp, 'credentials.json');
	fs.writeFileSync(
		credentialsFile,
		JSON.stringify([
			{
				id: CREDENTIAL_ID,
				name: CREDENTIAL_NAME,
				type: CREDENTIAL_TYPE,
				data: {
					impKey: account.impKey,
					impSecret: account.impSecret,
					tierCode: '',
					baseUrl,
					accessToken: token.response.access_token,
				},
			},
			{
				id: V2_CREDENTIAL_ID,
				name: V2_CREDENTIAL_NAME,
				type: V2_CREDENTIAL_TYPE,
				data: {
					apiSecret: v2Account.apiSecret,
					storeId: '',
					webhookSecret: '',
					previousWebhookSecret: '',
					baseUrl: v2BaseUrl,
				},
			},
		]),
	);
	const imported = await n8n(bin, ['import:credentials', `--input=${credentialsFile}`], env);
	if (imported.code !== 0) throw new Error(describeFailure('n8n import:credentials', imported));
	const workflowsFile = path.join(tmp, 'workflows.json');
	fs.writeFileSync(
		workflowsFile,
		JSON.stringify(
			variants.map((v) => ({
				...v.workflow,
				active: false,
				settings: { executionOrder: 'v1' },
				pinData: {},
			})),
		),
	);
	const r = await n8n(bin, ['import:workflow', `--input=${workflowsFile}`], env);
	if (r.code !== 0) throw new Error(describeFailure('n8n import:workflow', r));
	return { tmp, bin, env, simulators, variants };
}

module.exports = { setUp };
