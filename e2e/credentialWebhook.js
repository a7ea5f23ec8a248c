'use strict';
/**
 * What both parts of e2e/credential.js use: merchants A and B of the i'mport simulator and a
 * mistyped secret, the webhook workflow that looks a receipt up with the credential, calling its
 * production webhook, and what reached the simulator.
 */
const { CREDENTIAL_TYPE, NODE_TYPE } = require('./n8n');
const { postWhenRegistered } = require('./workflowsOverRest');

const REQUEST_TIMEOUT_MS = 60_000;
const A = { impKey: 'merchant_a_key', impSecret: 'merchant_a_secret_DO_NOT_LEAK' };
const B = { impKey: 'merchant_b_key', impSecret: 'merchant_b_secret_DO_NOT_LEAK', tiers: ['T01'] };
const WRONG_SECRET = 'merchant_b_mistyped_secret_DO_NOT_LEAK';
const WEBHOOK_PATH = 'iamport-credential-e2e';

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

/** POSTs { imp_uid } to the workflow's production webhook, once activation registered it. */
const callWebhook = (n8nUrl, impUid) =>
	postWhenRegistered(`${n8nUrl}/webhook/${WEBHOOK_PATH}`, { imp_uid: impUid }, REQUEST_TIMEOUT_MS);

/** What reached the simulator since `from`: method, path, whose token came with it, status. */
const seen = (simulator, from) =>
	simulator.log
		.slice(from)
		.map((e) => `${e.method} ${e.rawPath} token=${e.tokenOf ?? 'none'} -> ${e.status}`);

module.exports = { REQUEST_TIMEOUT_MS, A, B, WRONG_SECRET, lookupWorkflow, callWebhook, seen };
