'use strict';
/**
 * Part 1 of e2e/portone.js: the PortOne V2 API credential in a real n8n, over n8n's REST API as
 * the editor drives it. Create it and run a webhook workflow with it (Webhook -> PortOne Payment
 * Get), reopen it (GET with data: the secret comes back as n8n's placeholder), save it unchanged
 * (PATCH: n8n puts the stored secret back, and the next run sends the real one), then the dialog's
 * Test (POST /rest/credentials/test) with the saved data, a wrong secret, a Store ID the secret may
 * not use and one it may, and a V1 REST API key. The V2 simulator logs which secret came with
 * each request, so every check is on what actually arrived.
 */
const { freePort, n8nEnv, startN8n, restClient, timings } = require('./n8n');
const { check, same, sameJson } = require('./script');
const { postWhenRegistered } = require('./workflowsOverRest');

const CREDENTIAL_TYPE = 'portOneApi';
const NODE_TYPE = 'n8n-nodes-iamport.portOne';
const REQUEST_TIMEOUT_MS = 60_000;
const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'PortOne-e2e-1',
};
const WRONG_SECRET = 'portone-v2-mistyped-secret-DO-NOT-LEAK-000';
const V1_KEY = '4312057219836541';
const WEBHOOK_PATH = 'portone-credential-e2e';
const V1_HINT =
	"Use a V2 API Secret (PortOne console → Integration → Identification codes & API Keys → V2 API). An i'mport V1 REST API key or secret does not work here: those belong in the I'mport API credential.";
const { CREDENTIAL_BLANKING_VALUE: BLANK, CREDENTIAL_EMPTY_VALUE: EMPTY } = require('n8n-workflow');

/** Webhook -> PortOne (Payment: Get), answering with the PortOne node's items. */
const lookupWorkflow = (credential) => ({
	name: 'PortOne credential e2e',
	nodes: [
		{
			id: 'b7e1c0d2-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b7e1c0d2-0000-4000-8000-0000000000aa',
			parameters: {
				httpMethod: 'POST',
				path: WEBHOOK_PATH,
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		},
		{
			id: 'b7e1c0d2-0000-4000-8000-000000000002',
			name: 'Look up payment',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [250, 0],
			parameters: {
				resource: 'payment',
				operation: 'get',
				paymentId: '={{ $json.body.paymentId }}',
				splitOutputs: false,
			},
			credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
		},
	],
	connections: { Webhook: { main: [[{ node: 'Look up payment', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
	active: false,
});

/** POSTs { paymentId } to the workflow's production webhook, once activation registered it. */
const callWebhook = (n8nUrl, paymentId) =>
	postWhenRegistered(`${n8nUrl}/webhook/${WEBHOOK_PATH}`, { paymentId }, REQUEST_TIMEOUT_MS);

/** What reached the simulator since `from`: method, path, whose secret came with it, status. */
function seen(simulator, from) {
	const who = (header) => {
		const account = simulator.accounts.list.find((a) => header === `PortOne ${a.apiSecret}`);
		return account ? `secret ${'AB'[account.index]}` : header ? 'another secret' : 'none';
	};
	return simulator.log
		.slice(from)
		.map((e) => `${e.method} ${e.rawPath} ${who(e.headers.authorization)} -> ${e.status}`);
}

/* ------------------------------------------------------------------ 1. the credential over REST */

async function credentialOverRest({ bin, userFolder, simulator, simUrl, texts }) {
	const [A] = simulator.accounts.list;
	const [, storeA2] = A.storeIds;
	const [storeB] = simulator.accounts.list[1].storeIds;
	const server = await startN8n(
		bin,
		n8nEnv(userFolder, { main: await freePort(), broker: await freePort() }),
	);
	const client = restClient(server.url, { timeoutMs: REQUEST_TIMEOUT_MS });
	const { rest } = client;
	try {
		await client.login(OWNER);
		const started = Date.now();
		console.log('\n1. the PortOne V2 API credential over the REST API');
		const { data: credential } = await rest('POST', '/credentials', {
			name: 'PortOne V2 API (e2e)',
			type: CREDENTIAL_TYPE,
			data: {
				apiSecret: A.apiSecret,
				storeId: '',
				webhookSecret: '',
				previousWebhookSecret: '',
				baseUrl: simUrl,
			},
		});
		const { data: workflow } = await rest('POST', '/workflows', lookupWorkflow(credential));
		await rest('POST', `/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
		let from = simulator.log.length;
		const first = await callWebhook(server.url, 'pay-card-0001');
		check('created: a run with it finds the payment, the secret sent as PortOne <secret>', () =>
			first.status === 200 && first.body?.[0]?.outcome === 'found'
				? same(seen(simulator, from), ['GET /payments/pay-card-0001 secret A -> 200'])
				: `HTTP ${first.status} ${first.text.slice(0, 300)}`,
		);

		const { data: reopened } = await rest('GET', `/credentials/${credential.id}?includeData=true`);
		check(
			"reopened: the API Secret comes back as n8n's placeholder, the empty secrets as empty",
			() =>
				sameJson(reopened.data, {
					apiSecret: BLANK,
					storeId: '',
					webhookSecret: EMPTY,
					previousWebhookSecret: EMPTY,
					baseUrl: simUrl,
				}),
		);
		await rest('PATCH', `/credentials/${credential.id}`, {
			name: reopened.name,
			type: reopened.type,
			data: reopened.data,
		});
		from = simulator.log.length;
		const second = await callWebhook(server.url, 'pay-card-0002');
		check('saved unchanged: n8n put the stored secret back; the next run sends it', () =>
			second.status === 200 && second.body?.[0]?.outcome === 'found'
				? same(seen(simulator, from), ['GET /payments/pay-card-0002 secret A -> 200'])
				: `HTTP ${second.status} ${second.text.slice(0, 300)}`,
		);
		texts.push(first.text, second.text);
		timings.push({
			step: 'credential',
			detail: 'create, 2 webhook runs, reopen, PATCH',
			ms: Date.now() - started,
		});

		const testStarted = Date.now();
		const { data: current } = await rest('GET', `/credentials/${credential.id}?includeData=true`);
		const test = async (changes) => {
			const at = simulator.log.length;
			const { data: result } = await rest('POST', '/credentials/test', {
				credentials: {
					id: credential.id,
					name: current.name,
					type: current.type,
					data: { ...current.data, ...changes },
				},
			});
			console.log(
				`      Test ${JSON.stringify(Object.keys(changes))}: ${result.status} - ${result.message}`,
			);
			return { result, sent: seen(simulator, at) };
		};
		const expectTest = (name, outcome, want, sent) => {
			check(name, () => {
				const result = same(outcome.result, want);
				return result === true ? same(outcome.sent, sent) : result;
			});
		};
		expectTest(
			'Test of the saved credential (placeholder sent): OK, "PortOne accepted the API secret"',
			await test({}),
			{ status: 'OK', message: 'PortOne accepted the API secret' },
			['GET /payments secret A -> 200'],
		);
		expectTest(
			'Test with a wrong secret typed in: Error, "refused the API secret" (HTTP 401), use a V2 API Secret, V1 keys belong in the I\'mport API credential',
			await test({ apiSecret: WRONG_SECRET }),
			{
				status: 'Error',
				message: `PortOne refused the API secret (HTTP 401 UNAUTHORIZED: 인증 정보가 올바르지 않습니다.). ${V1_HINT}`,
			},
			['GET /payments another secret -> 401'],
		);
		expectTest(
			'Test with a Store ID the secret may not use: Error naming the Store ID (HTTP 403)',
			await test({ storeId: storeB }),
			{
				status: 'Error',
				message: `PortOne refused the Store ID "${storeB}" (HTTP 403 FORBIDDEN: 접근 권한이 없습니다: 이 API 시크릿으로는 상점 ${storeB}에 접근할 수 없습니다.). The secret is valid; check that its account may use this store, or leave the Store ID empty.`,
			},
			['GET /payments secret A -> 403'],
		);
		expectTest(
			'Test with a Store ID the secret may use: OK naming it',
			await test({ storeId: storeA2 }),
			{ status: 'OK', message: `PortOne accepted the API secret and the Store ID "${storeA2}"` },
			['GET /payments secret A -> 200'],
		);
		expectTest(
			'Test with a V1 REST API key as the secret: Error before anything is sent',
			await test({ apiSecret: V1_KEY }),
			{
				status: 'Error',
				message:
					"The API Secret looks like an i'mport V1 REST API key (digits only). The PortOne V2 API credential needs a V2 API Secret: PortOne console → Integration → Identification codes & API Keys → V2 API. A V1 key and secret belong in the I'mport API credential.",
			},
			[],
		);
		timings.push({
			step: 'credential',
			detail: '5 credential tests',
			ms: Date.now() - testStarted,
		});
		texts.push(...client.answers);
	} finally {
		texts.push(server.logs());
		await server.stop();
	}
}

module.exports = { credentialOverRest, CREDENTIAL_TYPE, NODE_TYPE, WRONG_SECRET };
