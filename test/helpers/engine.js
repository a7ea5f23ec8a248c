'use strict';
/**
 * Runs real workflows in-process with n8n-core's WorkflowExecute: the built I'mport or PortOne node
 * (test/helpers/engineNodes.js) after a pass-through start node, with a credentials helper that
 * behaves like n8n's own (test/helpers/engineCredentials.js), and captures n8n's log lines.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core writes an instance key into the user folder: keep it out of the home folder.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-iamport-test-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

const { WorkflowExecute, ExecutionLifecycleHooks } = require('n8n-core');
const { Workflow, LoggerProxy } = require('n8n-workflow');

/** Every line n8n logs during the tests, so they can be scanned for secrets. */
const capturedLogs = [];
const capture = (level) => (message, meta) => capturedLogs.push({ level, message, meta });
/** Empties the captured logs, so each test scans only its own (call it in beforeEach). */
function resetCapturedLogs() {
	capturedLogs.length = 0;
}
LoggerProxy.init({
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
	scoped() {
		return this;
	},
});

// Loaded after the environment and the logger above are set, as before the split.
const { APIS, START_TYPE, nodeTypes } = require('./engineNodes');
const { CredentialsHelper, CREDENTIAL_ID } = require('./engineCredentials');

/**
 * @param {object} credential  credential data (impKey, impSecret, baseUrl, tierCode, accessToken;
 *   for PortOne: apiSecret, storeId, baseUrl)
 * @param {object} [options]
 * @param {'iamport'|'portone'} [options.api]  which node the workflows run (default the I'mport node)
 */
function createEngine(credential, { api = 'iamport' } = {}) {
	const nodeOfApi = APIS[api];
	const stored =
		api === 'iamport' ? { accessToken: '', tierCode: '', ...credential } : { ...credential };
	const credentialsHelper = new CredentialsHelper(stored);
	let runs = 0;

	/**
	 * Executes a workflow: a Start node fed with `items` (json objects), then `nodes` (I'mport
	 * nodes by default) wired by `connections` (node name -> outputs -> [target names]).
	 * Resolves with the run data of every node and the run's error.
	 */
	async function runWorkflow(items, nodes, connections) {
		runs++;
		const startNode = {
			id: 'start-node',
			name: 'Start',
			type: START_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const fullNodes = [
			startNode,
			...nodes.map((node, index) => ({
				id: `node-${index}`,
				type: nodeOfApi.type,
				typeVersion: 1,
				position: [200 * (index + 1), 0],
				credentials: {
					[nodeOfApi.credential]: { id: CREDENTIAL_ID, name: nodeOfApi.credentialName },
				},
				...node,
			})),
		];
		const workflowConnections = {};
		for (const [from, outputs] of Object.entries(connections)) {
			workflowConnections[from] = {
				main: outputs.map((targets) =>
					(targets ?? []).map((node) => ({ node, type: 'main', index: 0 })),
				),
			};
		}
		const workflowData = {
			id: 'wf-test',
			name: 'test',
			nodes: fullNodes,
			connections: workflowConnections,
			active: false,
			settings: {},
		};
		const workflow = new Workflow({ ...workflowData, nodeTypes, staticData: {} });
		const executionId = `exec-${runs}`;
		const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
		let finished;
		const done = new Promise((resolve) => {
			finished = resolve;
		});
		hooks.addHandler('workflowExecuteAfter', (fullRunData) => finished(fullRunData));
		const additionalData = {
			hooks,
			credentialsHelper,
			executionId,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			variables: {},
			currentNodeParameters: undefined,
			executeWorkflow: async () => {
				throw new Error('sub-workflows are not used here');
			},
			getRunExecutionData: async () => undefined,
			logAiEvent: () => {},
		};
		const runExecutionData = {
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				nodeExecutionStack: [
					{ node: startNode, data: { main: [items.map((json) => ({ json }))] }, source: null },
				],
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		};
		const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
		await workflowExecute.processRunExecutionData(workflow);
		const result = await done;
		const outputsOf = (name) => result.data.resultData.runData[name]?.[0]?.data?.main ?? [];
		return { result, outputsOf, error: result.data.resultData.error };
	}

	/** Executes Start -> the node with `parameters`; returns the node's outputs and error. */
	async function run(items, parameters, { onError, nodeSettings = {} } = {}) {
		const settings = {
			name: nodeOfApi.name,
			parameters,
			...(onError ? { onError } : {}),
			...nodeSettings,
		};
		const { result, outputsOf, error } = await runWorkflow(items, [settings], {
			Start: [[settings.name]],
		});
		const outputs = outputsOf(settings.name);
		return { result, outputs, success: outputs[0] ?? [], failure: outputs[1] ?? [], error };
	}

	/**
	 * Changes fields of the stored credential as saving the editor's dialog does: the fields given
	 * are replaced, every other field (the hidden token and its binding included) stays as stored.
	 */
	function editCredential(changes) {
		credentialsHelper.stored.set(CREDENTIAL_ID, {
			...credentialsHelper.stored.get(CREDENTIAL_ID),
			...changes,
		});
	}

	return {
		run,
		runWorkflow,
		credentialsHelper,
		editCredential,
		get storedCredential() {
			return credentialsHelper.stored.get(CREDENTIAL_ID);
		},
	};
}

module.exports = { createEngine, capturedLogs, resetCapturedLogs };
