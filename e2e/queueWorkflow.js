'use strict';
/**
 * Part of e2e/queue.js: the workflow both runs use (Webhook → Split Out → I'mport Cancel → Respond
 * to Webhook), imported and published with its credential before n8n starts, and its executions
 * read back from the SQLite database the processes share.
 */
const fs = require('node:fs');
const path = require('node:path');
const {
	CACHE_DIR,
	timings,
	describeFailure,
	n8n,
	sqliteQuery,
	CREDENTIAL_TYPE,
	NODE_TYPE,
} = require('./n8n');

const WORKFLOW_ID = 'iamportQueueCancel';
const WEBHOOK_PATH = 'iamport-queue-cancel';
const CREDENTIAL = { id: 'iamportQueueSimulator', name: "I'mport API (queue simulator)" };
const CANCEL_NODE = 'Cancel cash receipt';

function queueWorkflow() {
	return {
		id: WORKFLOW_ID,
		name: 'Queue mode: cancel cash receipts posted to a webhook',
		active: false,
		nodes: [
			{
				id: '0b7c3f55-2f5e-4a43-9a51-3a8c0e6b1a01',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '6f0e5a3c-8d3b-4c8e-9f2d-1c7a5b9e4d02',
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'responseNode',
					options: {},
				},
			},
			{
				id: '0b7c3f55-2f5e-4a43-9a51-3a8c0e6b1a03',
				name: 'One item per receipt',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.receipts', options: {} },
			},
			{
				id: '0b7c3f55-2f5e-4a43-9a51-3a8c0e6b1a04',
				name: CANCEL_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'cashReceipt',
					operation: 'cancel',
					impUid: '={{ $json.imp_uid }}',
					dryRun: false,
					skipAlreadyCancelled: true,
					splitOutputs: false,
					options: { concurrency: 5 },
				},
				credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
			},
			{
				id: '0b7c3f55-2f5e-4a43-9a51-3a8c0e6b1a05',
				name: 'Respond',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [660, 0],
				parameters: { respondWith: 'allIncomingItems', options: {} },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'One item per receipt', type: 'main', index: 0 }]] },
			'One item per receipt': { main: [[{ node: CANCEL_NODE, type: 'main', index: 0 }]] },
			[CANCEL_NODE]: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Credential (pointed at `baseUrl`) and workflow imported, workflow published: before `n8n start`. */
async function importAndPublish(bin, env, dir, { baseUrl, account }, label) {
	const credentialsFile = path.join(dir, 'credentials.json');
	const workflowFile = path.join(dir, 'workflow.json');
	const data = { impKey: account.impKey, impSecret: account.impSecret, tierCode: '', baseUrl };
	fs.writeFileSync(
		credentialsFile,
		JSON.stringify([{ ...CREDENTIAL, type: CREDENTIAL_TYPE, data }]),
	);
	fs.writeFileSync(workflowFile, JSON.stringify(queueWorkflow()));
	let ms = 0;
	for (const args of [
		[`import:credentials`, `--input=${credentialsFile}`],
		['import:workflow', `--input=${workflowFile}`],
		['publish:workflow', `--id=${WORKFLOW_ID}`],
	]) {
		const r = await n8n(bin, args, env);
		ms += r.ms;
		if (r.code !== 0) throw new Error(describeFailure(`n8n ${args[0]} (${label})`, r));
	}
	timings.push({
		step: 'import',
		detail: `${label}: credential, workflow, publish:workflow (3 n8n commands)`,
		ms,
	});
}

/** n8n's executions: { id, status, mode, error } (error: the message n8n shows for a failed one). */
async function executions(database) {
	const { parse } = require(path.join(CACHE_DIR, 'node_modules', 'flatted'));
	const rows = await sqliteQuery(
		database,
		`SELECT e.id, e.status, e.mode, d.data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = '${WORKFLOW_ID}' ORDER BY e.id`,
	);
	return rows.map(({ id, status, mode, data }) => {
		let error;
		try {
			const run = parse(data);
			const e = run?.resultData?.error;
			if (e)
				error = { message: e.message, node: e.node?.name ?? e.node, description: e.description };
		} catch {
			// no data saved
		}
		return { id: Number(id), status, mode, error };
	});
}

module.exports = { WORKFLOW_ID, WEBHOOK_PATH, importAndPublish, executions };
