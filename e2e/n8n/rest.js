'use strict';
/**
 * Part of e2e/n8n.js: n8n's REST API as the editor calls it (log-in, requests, every answer kept
 * for the secret scan), publishing a workflow, and its executions with their run data.
 */
const { seconds } = require('./processes');

/**
 * n8n's REST API as the editor calls it. rest(method, route, body) answers { response, data }
 * (n8n's `data` envelope unwrapped) and throws on an HTTP error or a body that is not JSON;
 * `answers` keeps every body (to look for secrets in), cookie() is the n8n-auth value once
 * login(owner) set up the owner account and logged in. Every request bounded by timeoutMs.
 */
function restClient(baseUrl, { timeoutMs }) {
	let cookie;
	const answers = [];
	async function rest(method, route, body) {
		const response = await fetch(`${baseUrl}/rest${route}`, {
			method,
			headers: {
				'content-type': 'application/json',
				...(cookie ? { cookie: `n8n-auth=${cookie}` } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		answers.push(text);
		if (!response.ok)
			throw new Error(`${method} /rest${route}: HTTP ${response.status} ${text.slice(0, 300)}`);
		let parsed;
		try {
			parsed = text ? JSON.parse(text) : {};
		} catch {
			throw new Error(
				`${method} /rest${route}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`,
			);
		}
		return { response, data: parsed.data ?? parsed };
	}
	return {
		rest,
		answers,
		cookie: () => cookie,
		/**
		 * POST /rest/owner/setup, then POST /rest/login. First waits (bounded) until the REST API
		 * answers JSON: for a while after /healthz and /rest/settings answer 200, n8n still answers
		 * "n8n is starting up. Please wait" as plain text.
		 */
		async login(owner) {
			const until = Date.now() + timeoutMs;
			for (;;) {
				const response = await fetch(`${baseUrl}/rest/settings`, {
					signal: AbortSignal.timeout(timeoutMs),
				});
				const text = await response.text();
				if (response.ok && text.startsWith('{')) break;
				if (Date.now() > until)
					throw new Error(
						`GET /rest/settings: still no JSON after ${seconds(timeoutMs)}: ${text.slice(0, 100)}`,
					);
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
			await rest('POST', '/owner/setup', owner);
			const { response } = await rest('POST', '/login', {
				emailOrLdapLoginId: owner.email,
				password: owner.password,
			});
			const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
			if (!setCookie) throw new Error('POST /rest/login set no n8n-auth cookie');
			cookie = setCookie.split(';')[0].slice('n8n-auth='.length);
		},
	};
}

/** Activates (publishes) a workflow over REST as the editor does: its current version. Resolves to whether it is active. */
async function activateWorkflow({ rest }, workflowId) {
	const { data } = await rest('GET', `/workflows/${workflowId}`);
	const versionId = data.versionId;
	await rest('POST', `/workflows/${workflowId}/activate`, { versionId });
	const after = await rest('GET', `/workflows/${workflowId}`);
	return after.data.active === true;
}

/** The executions of a workflow over REST, oldest first: [{ id, status, finished, mode }]. */
async function executionsOf({ rest }, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { data } = await rest('GET', `/executions?filter=${filter}&limit=100`);
	return data.results
		.map((e) => ({ id: String(e.id), status: e.status, finished: e.finished, mode: e.mode }))
		.sort((a, b) => Number(a.id) - Number(b.id));
}

/** One execution with its run data over REST (n8n stores it "flatted"; parsed with n8n's own flatted). */
async function executionData({ rest }, id, flatted) {
	const { data: execution } = await rest('GET', `/executions/${id}`);
	const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
	return { ...execution, data };
}

/** Items on one output of a node's first run in an execution ([] when it did not run or the output got nothing). */
function nodeItems(execution, node, output = 0) {
	const runs = execution.data?.resultData?.runData?.[node];
	return (runs?.[0]?.data?.main?.[output] ?? []).map((i) => i.json);
}

module.exports = { restClient, activateWorkflow, executionsOf, executionData, nodeItems };
