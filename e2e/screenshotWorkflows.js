'use strict';
/**
 * What e2e/screenshots.js shows: two examples as they are (I'mport V1), two workflows built here
 * for the PortOne (V2) pictures, the credentials they use, and their import into n8n in two
 * commands (one file of credentials, one file of workflows).
 *
 * - "PortOne refund and trigger": the PortOne node's Payment > Cancel (refund) with Refund Mode set
 *   to Partial (so that Amount shows; the examples map the mode from the sheet, which hides it),
 *   and the PortOne Trigger with its default events.
 * - "Refund sheet": the rows and the Refund node of examples/portone-refund-sheet.json as they
 *   are, its Success and Failure wired to one Set node each (the example's receipt follow-up
 *   left out, so that the run fits a picture).
 */
const fs = require('node:fs');
const path = require('node:path');
const { EXAMPLES, n8n, describeFailure, timings } = require('./n8n');

const V1_EXAMPLES = ['cancel-refunded-orders.json', 'partial-refund-fix-receipt.json'];
const V2_EXAMPLE = 'portone-refund-sheet.json';
const IAMPORT_CREDENTIAL = { id: 'iamportSimulator', name: "I'mport API (simulator)" };
const PORTONE_CREDENTIAL = { id: 'portoneSimulator', name: 'PortOne V2 API (simulator)' };
const PORTONE_NODE = 'n8n-nodes-iamport.portOne';
const TRIGGER_NODE = 'n8n-nodes-iamport.portOneTrigger';
/** Shown as the host of the trigger's webhook URLs (n8n's WEBHOOK_URL): nothing is sent there. */
const WEBHOOK_BASE = 'https://n8n.example.com/';
const TRIGGER_WEBHOOK_ID = '3f6c2a1e-8d4b-4c7a-9e2f-5b1d0c7a9e41';
/** The simulator's webhook secret in the PortOne credential (Standard Webhooks, whsec_ + base64). */
const WEBHOOK_SECRET = `whsec_${Buffer.from('screenshots-only-webhook-secret-0123').toString('base64')}`;

const readExample = (file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));

const manualTrigger = (name, id, position) => ({
	id,
	name,
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position,
	parameters: {},
});

/** A Set node (manual mapping) with `fields`: { name: expression }, all strings. */
function setNode(name, id, position, fields) {
	return {
		id,
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position,
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: Object.entries(fields).map(([field, value], n) => ({
					id: `${id.slice(0, 24)}${String(n).padStart(12, '0')}`,
					name: field,
					value,
					type: 'string',
				})),
			},
			options: {},
		},
	};
}

const main = (...targets) => ({
	main: targets.map((list) => list.map((node) => ({ node, type: 'main', index: 0 }))),
});

function parametersWorkflow() {
	return {
		id: 'shotPortOneParameters',
		name: 'PortOne refund and trigger',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			manualTrigger('Run', '0c1e5a52-7f0d-4f4e-9a43-000000000001', [0, 0]),
			{
				id: '0c1e5a52-7f0d-4f4e-9a43-000000000002',
				name: 'Refund',
				type: PORTONE_NODE,
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'payment',
					operation: 'cancel',
					paymentId: '={{ $json.paymentId }}',
					refundMode: 'partial',
					amount: '={{ $json.amount }}',
					refundReference: '={{ $json.request }}',
					reason: '={{ $json.reason }}',
					dryRun: false,
					refundFields: {},
					splitOutputs: true,
					options: {},
				},
				credentials: { portOneApi: PORTONE_CREDENTIAL },
			},
			{
				id: '0c1e5a52-7f0d-4f4e-9a43-000000000003',
				name: 'PortOne Trigger',
				type: TRIGGER_NODE,
				typeVersion: 1,
				position: [0, 240],
				webhookId: TRIGGER_WEBHOOK_ID,
				parameters: {},
				credentials: { portOneApi: PORTONE_CREDENTIAL },
			},
		],
		connections: { Run: main(['Refund']) },
	};
}

function refundRunWorkflow() {
	const example = readExample(V2_EXAMPLE);
	const [run, sheet, refund] = ['Run', 'Refund sheet', 'Refund'].map((name) => {
		const node = example.nodes.find((n) => n.name === name);
		if (!node) throw new Error(`examples/${V2_EXAMPLE} has no node "${name}"`);
		return node;
	});
	const row = (field) => `={{ $('Refund sheet').item.json.${field} }}`;
	return {
		id: 'shotRefundRun',
		name: 'Refund sheet',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ ...run, position: [0, 0] },
			{ ...sheet, position: [220, 0] },
			{ ...refund, position: [440, 0] },
			setNode('Refunded', '7d2b9e40-51c3-4e8a-b6f1-000000000001', [720, -110], {
				request: row('request'),
				outcome: '={{ $json.outcome }}',
				refunded: '={{ $json.refunded_amount }}',
			}),
			setNode('Notify ops', '7d2b9e40-51c3-4e8a-b6f1-000000000002', [720, 110], {
				request: row('request'),
				outcome: '={{ $json.outcome }}',
				message: '={{ $json.message }}',
			}),
		],
		connections: {
			Run: main(['Refund sheet']),
			'Refund sheet': main(['Refund']),
			Refund: main(['Refunded'], ['Notify ops']),
		},
	};
}

/**
 * All workflows of the pictures, by what they are for: { canvas, iamportRefund, parameters,
 * refundRun }.
 */
function screenshotWorkflows() {
	const [canvas, iamportRefund] = V1_EXAMPLES.map(readExample);
	return {
		canvas,
		iamportRefund,
		parameters: parametersWorkflow(),
		refundRun: refundRunWorkflow(),
	};
}

/** The two credentials, pointed at the simulators. */
function screenshotCredentials({ v1Url, v1Account, v2Url, v2Account }) {
	return [
		{
			...IAMPORT_CREDENTIAL,
			type: 'iamportApi',
			data: {
				impKey: v1Account.impKey,
				impSecret: v1Account.impSecret,
				tierCode: '',
				baseUrl: v1Url,
			},
		},
		{
			...PORTONE_CREDENTIAL,
			type: 'portOneApi',
			data: {
				apiSecret: v2Account.apiSecret,
				storeId: '',
				webhookSecret: WEBHOOK_SECRET,
				previousWebhookSecret: '',
				baseUrl: v2Url,
			},
		},
	];
}

/** `n8n import:credentials` and `n8n import:workflow`, each with one file holding them all. */
async function importAll(bin, env, tmp, { credentials, workflows }) {
	const credentialsFile = path.join(tmp, 'credentials.json');
	const workflowsFile = path.join(tmp, 'workflows.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(credentials));
	fs.writeFileSync(workflowsFile, JSON.stringify(workflows));
	let ms = 0;
	for (const args of [
		['import:credentials', `--input=${credentialsFile}`],
		['import:workflow', `--input=${workflowsFile}`],
	]) {
		const r = await n8n(bin, args, env);
		ms += r.ms;
		if (r.code !== 0) throw new Error(describeFailure(`n8n ${args.join(' ')}`, r));
	}
	timings.push({
		step: 'import',
		detail: `${credentials.length} credentials + ${workflows.length} workflows (2 n8n commands)`,
		ms,
	});
}

module.exports = {
	V2_EXAMPLE,
	WEBHOOK_BASE,
	WEBHOOK_SECRET,
	TRIGGER_WEBHOOK_ID,
	screenshotWorkflows,
	screenshotCredentials,
	importAll,
};
