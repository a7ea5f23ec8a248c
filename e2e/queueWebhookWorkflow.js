'use strict';
/**
 * Part of e2e/queueWebhook.js: the workflow (I'mport Trigger → I'mport Cash Receipt Get), its
 * credential, the paid payments its notifications name, and the wait for its next execution.
 */
const { executionsOf, executionData, waitFor, CREDENTIAL_TYPE, NODE_TYPE } = require('./n8n');

const TRIGGER_TYPE = 'n8n-nodes-iamport.iamportTrigger';
const EXECUTION_WAIT_MS = 60_000;

const CREDENTIAL = { id: 'iamportQueueWebhook', name: "I'mport API (queue webhook simulator)" };
const WEBHOOK_ID = '7a1c2e3d-4b5f-4a6b-8c7d-9e0f1a2b3c4d';
const TRIGGER = 'Payment paid';
const RECEIPT = 'Cash receipt';
const WORKFLOW = {
	id: 'iamportQueueWebhook',
	name: "Queue mode: I'mport Trigger on a webhook process, its cash receipt on a worker",
	active: false,
	nodes: [
		{
			id: '7a1c2e3d-0001-4a6b-8c7d-9e0f1a2b3c4d',
			name: TRIGGER,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: { statuses: ['paid'], options: {} },
			credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
		},
		{
			id: '7a1c2e3d-0002-4a6b-8c7d-9e0f1a2b3c4d',
			name: RECEIPT,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [240, 0],
			parameters: { resource: 'cashReceipt', operation: 'get', impUid: '={{ $json.imp_uid }}' },
			credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
		},
	],
	connections: { [TRIGGER]: { main: [[{ node: RECEIPT, type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

/** Paid payments with an issued cash receipt, one per real notification. */
const PAID = Array.from({ length: 6 }, (_, n) => `imp_qwh_${String(n + 1).padStart(4, '0')}`);

/** nextExecution() of the workflow over `client`'s REST API, each execution once; `flatted` is n8n's. */
function executionWaiter(client, flatted) {
	const seen = new Set();
	/** The next finished execution of the workflow (bounded), with its data. */
	async function nextExecution() {
		let next;
		await waitFor(
			'the next finished execution',
			async () => {
				next = (await executionsOf(client, WORKFLOW.id)).find(
					(e) => !seen.has(e.id) && !['new', 'running', 'waiting'].includes(e.status),
				);
				return Boolean(next);
			},
			EXECUTION_WAIT_MS,
		);
		seen.add(next.id);
		return executionData(client, next.id, flatted);
	}
	return nextExecution;
}

module.exports = {
	TRIGGER_TYPE,
	CREDENTIAL,
	WEBHOOK_ID,
	TRIGGER,
	RECEIPT,
	WORKFLOW,
	PAID,
	executionWaiter,
};
