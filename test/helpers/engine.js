'use strict';
/**
 * Runs real workflows in-process with n8n-core's WorkflowExecute: the built I'mport node and
 * credential (from dist/), a pass-through start node, and a credentials helper that behaves
 * like n8n's own (packages/cli/src/credentials-helper.ts): it asks the credential for a token
 * only when the expirable field is empty or after a 401, and stores it for later calls and runs.
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
const { Workflow, ICredentialsHelper } = require('n8n-workflow');

const DIST = path.join(__dirname, '..', '..', 'dist');
const { Iamport } = require(path.join(DIST, 'nodes/Iamport/Iamport.node.js'));
const { IamportApi } = require(path.join(DIST, 'credentials/IamportApi.credentials.js'));

const IAMPORT_TYPE = 'n8n-nodes-iamport.iamport';
const START_TYPE = 'test.start';
const CREDENTIAL_ID = 'cred-1';

/** Emits the items it was started with, like a trigger handing items to the next node. */
class StartNode {
	description = {
		displayName: 'Start',
		name: 'start',
		group: ['input'],
		version: 1,
		description: 'Test start node',
		defaults: { name: 'Start' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute() {
		return [this.getInputData()];
	}
}

const nodeTypeInstances = { [IAMPORT_TYPE]: new Iamport(), [START_TYPE]: new StartNode() };
const nodeTypes = {
	getByName: (type) => nodeTypeInstances[type],
	getByNameAndVersion: (type) => nodeTypeInstances[type],
	getKnownTypes: () => ({}),
};
const credentialTypes = { iamportApi: new IamportApi() };

class CredentialsHelper extends ICredentialsHelper {
	constructor(stored) {
		super();
		/** id -> stored (decrypted) credential data, kept across runs like n8n's database */
		this.stored = new Map([[CREDENTIAL_ID, { ...stored }]]);
		this.preAuthenticationCalls = [];
		this.updates = 0;
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	getCredentialsProperties(type) {
		return credentialTypes[type].properties;
	}

	async authenticate(credentials, typeName, requestOptions) {
		const type = credentialTypes[typeName];
		return typeof type.authenticate === 'function' ? await type.authenticate(credentials, requestOptions) : requestOptions;
	}

	/** As n8n's: call the credential's preAuthentication only when the token is empty or expired. */
	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = credentialTypes[typeName];
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) {
			return undefined;
		}
		this.preAuthenticationCalls.push({ credentialsExpired });
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const id = node.credentials?.[typeName]?.id ?? CREDENTIAL_ID;
		await this.updateCredentials({ id }, typeName, { ...this.stored.get(id), ...output });
		return Object.assign(credentials, output);
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials() {
		throw new Error('not used by these tests');
	}

	async getDecrypted(_additionalData, nodeCredentials) {
		// A fresh copy per call, as n8n decrypts from the database each time.
		return { accessToken: '', ...this.stored.get(nodeCredentials.id) };
	}

	async updateCredentials(nodeCredentials, _type, data) {
		this.updates++;
		this.stored.set(nodeCredentials.id, { ...data });
	}

	async updateCredentialsOauthTokenData() {}
}

/**
 * @param {object} credential  credential data (impKey, impSecret, baseUrl, tierCode, accessToken)
 */
function createEngine(credential) {
	const credentialsHelper = new CredentialsHelper({ accessToken: '', tierCode: '', ...credential });
	let runs = 0;

	/**
	 * Executes Start -> I'mport with `items` (array of json objects) and the node's `parameters`.
	 * Resolves with the outputs of the I'mport node, the run's error and the full run data.
	 */
	async function run(items, parameters, { onError, nodeSettings = {} } = {}) {
		runs++;
		const iamportNode = {
			id: 'iamport-node',
			name: "I'mport",
			type: IAMPORT_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters,
			credentials: { iamportApi: { id: CREDENTIAL_ID, name: 'i\'mport simulator' } },
			...(onError ? { onError } : {}),
			...nodeSettings,
		};
		const startNode = { id: 'start-node', name: 'Start', type: START_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
		const workflowData = {
			id: 'wf-test',
			name: 'test',
			nodes: [startNode, iamportNode],
			connections: { Start: { main: [[{ node: "I'mport", type: 'main', index: 0 }]] } },
			active: false,
			settings: {},
		};
		const workflow = new Workflow({ ...workflowData, nodeTypes, staticData: {} });
		const hooks = new ExecutionLifecycleHooks('manual', `exec-${runs}`, workflowData);
		let finished;
		const done = new Promise((resolve) => {
			finished = resolve;
		});
		hooks.addHandler('workflowExecuteAfter', (fullRunData) => finished(fullRunData));
		const additionalData = {
			hooks,
			credentialsHelper,
			executionId: `exec-${runs}`,
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
			startRunnerTask: async () => {
				throw new Error('task runners are not used here');
			},
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
		const taskData = result.data.resultData.runData["I'mport"]?.[0];
		const outputs = taskData?.data?.main ?? [];
		return {
			result,
			outputs,
			success: outputs[0] ?? [],
			failure: outputs[1] ?? [],
			error: result.data.resultData.error ?? taskData?.error,
		};
	}

	return { run, credentialsHelper, get storedCredential() { return credentialsHelper.stored.get(CREDENTIAL_ID); } };
}

module.exports = { createEngine, IAMPORT_TYPE };
