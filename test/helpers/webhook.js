'use strict';
/**
 * Serves the built I'mport Trigger on 127.0.0.1 the way n8n serves a webhook, close enough for
 * engine-level tests: a real HTTP server; the body read and parsed as n8n's body parser does it
 * (JSON, form, text/plain; a JSON body that does not parse is answered 422 by n8n before the
 * node runs); `req.ip` from the socket (or, with `proxyHops`, from X-Forwarded-For as express's
 * `trust proxy` does); then n8n-core's real WebhookContext, whose request helpers reach the
 * simulator with the credentials helper of ./engine. What the node returned is recorded:
 * `workflowData` is what would start an execution. The real thing is proven in e2e/.
 */
const http = require('node:http');
const path = require('node:path');
const { WebhookContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');
const { createEngine } = require('./engine');

const DIST = path.join(__dirname, '..', '..', 'dist');
const { IamportTrigger } = require(path.join(DIST, 'nodes/IamportTrigger/IamportTrigger.node.js'));
const { PortOneTrigger } = require(path.join(DIST, 'nodes/PortOneTrigger/PortOneTrigger.node.js'));

/** The trigger under test per API: its node, type, name and credential. */
const TRIGGERS = {
	iamport: {
		trigger: new IamportTrigger(),
		type: 'n8n-nodes-iamport.iamportTrigger',
		name: "I'mport Trigger",
		credentials: { iamportApi: { id: 'cred-1', name: "i'mport simulator" } },
	},
	portone: {
		trigger: new PortOneTrigger(),
		type: 'n8n-nodes-iamport.portOneTrigger',
		name: 'PortOne Trigger',
		credentials: { portOneApi: { id: 'cred-1', name: 'PortOne simulator' } },
	},
};

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** As n8n's parseBody: parsed by media type, left undefined for an empty body or another type. */
function parseAsN8n(raw, contentType) {
	if (!raw) return { body: undefined };
	if (contentType === 'application/json') {
		try {
			return { body: JSON.parse(raw) };
		} catch (error) {
			return { unparsable: error.message };
		}
	}
	if (contentType === 'application/x-www-form-urlencoded') {
		const body = {};
		for (const [key, value] of new URLSearchParams(raw)) {
			body[key] = key in body ? [].concat(body[key], value) : value;
		}
		return { body };
	}
	if (contentType === 'text/plain') return { body: raw };
	return { body: undefined };
}

/** express's req.ip: the socket address, or with trust proxy = hops, that many entries back in X-Forwarded-For. */
function clientAddress(req, proxyHops) {
	const chain = [req.socket.remoteAddress];
	if (proxyHops > 0 && req.headers['x-forwarded-for']) {
		chain.push(
			...String(req.headers['x-forwarded-for'])
				.split(',')
				.map((s) => s.trim())
				.reverse(),
		);
	}
	return chain[Math.min(proxyHops, chain.length - 1)];
}

/**
 * @param {object} options
 * @param {object} options.parameters the trigger's parameters
 * @param {object} options.credential credential data (impKey, impSecret, baseUrl)
 * @param {number} [options.proxyHops] like N8N_PROXY_HOPS (default 0)
 * @param {'iamport'|'portone'} [options.api] which trigger (default the I'mport Trigger)
 */
async function serveTrigger({ parameters, credential, proxyHops = 0, api = 'iamport' }) {
	const { trigger, type, name, credentials } = TRIGGERS[api];
	const nodeTypes = {
		getByName: () => trigger,
		getByNameAndVersion: () => trigger,
		getKnownTypes: () => ({}),
	};
	const engine = createEngine(credential, { api });
	const node = {
		id: 'trigger-node',
		name,
		type,
		typeVersion: 1,
		position: [0, 0],
		webhookId: '6f1c1d6e-3f57-4a59-9d6c-3c2f8a0c0001',
		parameters,
		credentials,
	};
	const workflow = new Workflow({
		id: 'wf-trigger',
		name: 'trigger',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: {},
	});
	/** one entry per request: { status, answer, workflowData, error } */
	const calls = [];

	const server = http.createServer(async (req, res) => {
		const call = { workflowData: undefined };
		calls.push(call);
		const rawBody = await readBody(req);
		const raw = rawBody.toString('utf8');
		const contentType =
			String(req.headers['content-type'] ?? '')
				.split(';')[0]
				.trim()
				.toLowerCase() || undefined;
		const parsed = parseAsN8n(raw, contentType);
		if (parsed.unparsable) {
			call.status = 422;
			res.writeHead(422, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ code: 422, message: 'Failed to parse request body' }));
			return;
		}
		Object.assign(req, {
			body: parsed.body,
			// n8n keeps the bytes as received beside what it parsed (its rawBodyReader middleware).
			rawBody,
			contentType,
			ip: clientAddress(req, proxyHops),
			params: {},
			query: {},
		});
		const additionalData = {
			credentialsHelper: engine.credentialsHelper,
			httpRequest: req,
			httpResponse: res,
			executionId: undefined,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			variables: {},
		};
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: 'webhook',
			webhookDescription: trigger.description.webhooks[0],
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		};
		try {
			const context = new WebhookContext(
				workflow,
				node,
				additionalData,
				'webhook',
				webhookData,
				[],
				null,
			);
			const result = await trigger.webhook.call(context);
			call.workflowData = result.workflowData;
			call.noWebhookResponse = result.noWebhookResponse;
			if (!res.headersSent) {
				// n8n would answer for the node; this node is expected to always answer itself.
				call.error = 'the node did not answer';
				res.writeHead(500);
				res.end();
			}
		} catch (error) {
			// n8n answers 500 and records a failed execution when webhook() throws.
			call.error = error;
			if (!res.headersSent) {
				res.writeHead(500);
				res.end();
			}
		}
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}/webhook/${node.webhookId}/webhook`;
	return {
		url,
		calls,
		engine,
		/** the items the requests so far would have started executions with, in order */
		emitted: () =>
			calls.flatMap((c) => (c.workflowData ? c.workflowData[0].map((i) => i.json) : [])),
		stop: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

const TRIGGER_TYPE = TRIGGERS.iamport.type;

module.exports = { serveTrigger, TRIGGER_TYPE, TRIGGERS };
