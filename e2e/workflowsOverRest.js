'use strict';
/**
 * Workflows and their executions over n8n's REST API, as the editor drives them, for the scripts
 * that activate trigger workflows and post to their production URLs: create one (its credential
 * references pointed at a credential made over REST), publish it, and read back the executions
 * it started (run data parsed with n8n's own `flatted`). `client` is a restClient of e2e/n8n.js.
 */
const path = require('node:path');
const { CACHE_DIR, seconds } = require('./n8n');

const EXECUTION_WAIT_MS = 60_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POST /rest/workflows with `workflow` (an example's JSON: its id and `active` left out, every
 * reference to a credential of `credentialType` pointed at `credential`, as a user picks it after
 * an import), then activation of its current version (the editor's Publish). Returns the workflow
 * as n8n stored it, `active` read back.
 */
async function createAndActivate({ rest }, workflow, credentialType, credential) {
	const fields = { ...workflow };
	delete fields.id;
	delete fields.active;
	const nodes = workflow.nodes.map((node) =>
		node.credentials?.[credentialType]
			? {
					...node,
					credentials: {
						...node.credentials,
						[credentialType]: { id: credential.id, name: credential.name },
					},
				}
			: node,
	);
	const { data: created } = await rest('POST', '/workflows', { ...fields, nodes, active: false });
	await rest('POST', `/workflows/${created.id}/activate`, { versionId: created.versionId });
	const { data: stored } = await rest('GET', `/workflows/${created.id}`);
	return stored;
}

/** The executions of a workflow, oldest first: [{ id, status, mode }]. */
async function executionsOf({ rest }, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { data } = await rest('GET', `/executions?filter=${filter}&limit=100`);
	return data.results
		.map((e) => ({ id: String(e.id), status: e.status, mode: e.mode }))
		.sort((a, b) => Number(a.id) - Number(b.id));
}

/** One execution with its run data (n8n stores it "flatted"). */
async function executionData({ rest }, id) {
	const flatted = require(path.join(CACHE_DIR, 'node_modules', 'flatted'));
	const { data: execution } = await rest('GET', `/executions/${id}`);
	const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
	return { ...execution, data };
}

/** Items (json) on one output of a node's first run; [] when it did not run or the output got nothing. */
function itemsOf(execution, node, output = 0) {
	const runs = execution.data?.resultData?.runData?.[node];
	return (runs?.[0]?.data?.main?.[output] ?? []).map((i) => i.json);
}

/** Whether a node ran at all in an execution. */
const ran = (execution, node) => Boolean(execution.data?.resultData?.runData?.[node]);

/**
 * next(workflowId): waits (bounded) for that workflow's next finished execution, in order, and
 * returns it with its data; count(workflowId): how many were taken so far.
 */
function executionWaiter(client) {
	const taken = new Map();
	return {
		count: (workflowId) => taken.get(workflowId) ?? 0,
		async next(workflowId) {
			const index = taken.get(workflowId) ?? 0;
			const until = Date.now() + EXECUTION_WAIT_MS;
			while (Date.now() < until) {
				const next = (await executionsOf(client, workflowId))[index];
				if (next && !['running', 'new', 'waiting'].includes(next.status)) {
					taken.set(workflowId, index + 1);
					return executionData(client, next.id);
				}
				await sleep(200);
			}
			throw new Error(
				`no finished execution #${index + 1} of workflow ${workflowId} within ${seconds(EXECUTION_WAIT_MS)}`,
			);
		},
	};
}

/**
 * POSTs `body` as JSON to a production webhook URL and returns { status, body (parsed when JSON),
 * text }. Activation registers the webhook shortly after POST .../activate answers, and an
 * unregistered one runs nothing: while n8n answers 404 "is not registered", it asks again every
 * 500 ms, for at most `timeoutMs` (also each request's own limit).
 */
async function postWhenRegistered(url, body, timeoutMs) {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		if (response.status !== 404 || !/is not registered/.test(text) || Date.now() > until) {
			let parsed;
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = text;
			}
			return { status: response.status, body: parsed, text };
		}
		await sleep(500);
	}
}

module.exports = {
	createAndActivate,
	postWhenRegistered,
	executionsOf,
	executionData,
	itemsOf,
	ran,
	executionWaiter,
	sleep,
};
