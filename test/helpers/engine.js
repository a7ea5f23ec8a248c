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
const { Workflow, ICredentialsHelper, LoggerProxy, isExpression } = require('n8n-workflow');

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

const DIST = path.join(__dirname, '..', '..', 'dist');
const { Iamport } = require(path.join(DIST, 'nodes/Iamport/Iamport.node.js'));
const { IamportApi } = require(path.join(DIST, 'credentials/IamportApi.credentials.js'));
const { PortOne } = require(path.join(DIST, 'nodes/PortOne/PortOne.node.js'));
const { PortOneApi } = require(path.join(DIST, 'credentials/PortOneApi.credentials.js'));

const IAMPORT_TYPE = 'n8n-nodes-iamport.iamport';
const PORTONE_TYPE = 'n8n-nodes-iamport.portOne';
/** The node under test, its credential type and the name the workflow gives it, per API. */
const APIS = {
	iamport: {
		type: IAMPORT_TYPE,
		credential: 'iamportApi',
		name: "I'mport",
		credentialName: "i'mport simulator",
	},
	portone: {
		type: PORTONE_TYPE,
		credential: 'portOneApi',
		name: 'PortOne',
		credentialName: 'PortOne simulator',
	},
};
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

// The same node as an AI agent's tool: n8n names the type <node>Tool (see n8n-workflow isToolType).
const nodeTypeInstances = {
	[IAMPORT_TYPE]: new Iamport(),
	[`${IAMPORT_TYPE}Tool`]: new Iamport(),
	[PORTONE_TYPE]: new PortOne(),
	[`${PORTONE_TYPE}Tool`]: new PortOne(),
	[START_TYPE]: new StartNode(),
};
const nodeTypes = {
	getByName: (type) => nodeTypeInstances[type],
	getByNameAndVersion: (type) => nodeTypeInstances[type],
	getKnownTypes: () => ({}),
};
const credentialTypes = { iamportApi: new IamportApi(), portOneApi: new PortOneApi() };

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
		return typeof type.authenticate === 'function'
			? await type.authenticate(credentials, requestOptions)
			: requestOptions;
	}

	/**
	 * As n8n's (CredentialsHelper.preAuthentication in packages/cli/src/credentials-helper.ts): call
	 * the credential's preAuthentication only when the token is empty or expired, and store every
	 * key it returns over the stored data (a stored expression is kept, except for the token).
	 */
	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = credentialTypes[typeName];
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (
			credentials[expirable.name] !== '' &&
			credentials[expirable.name] !== undefined &&
			!credentialsExpired
		) {
			return undefined;
		}
		this.preAuthenticationCalls.push({ credentialsExpired });
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const id = node.credentials?.[typeName]?.id ?? CREDENTIAL_ID;
		const toPersist = { ...this.stored.get(id) };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(toPersist[key])) toPersist[key] = value;
		}
		await this.updateCredentials({ id }, typeName, toPersist);
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
