'use strict';
/**
 * The receipt workflows of the benchmark in real n8n (scripts/bench-n8n.js): Cash Receipt → Cancel
 * by the I'mport node at a concurrency, and the HTTP Request recipe (a token, then one DELETE per
 * item) with and without batching; before each run the receipts are issued again, after it every
 * one must have been cancelled exactly once.
 */
const { CREDENTIAL_TYPE, NODE_TYPE } = require('../e2e/n8n');
const {
	ITEMS,
	LATENCY_MS,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	ID_PREFIX,
	MEASURED,
} = require('./benchN8nOptions');
const { at, trigger, chain } = require('./benchN8nWorkflowParts');

/** A Code node emitting N items { imp_uid } (the ids seeded in the simulator before each run). */
function itemsNode(position) {
	return {
		id: 'b0000000-0000-4000-8000-000000000002',
		name: 'Receipts',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: at(position),
		parameters: {
			jsCode: `return Array.from({ length: ${ITEMS} }, (_, n) => ({ json: { imp_uid: '${ID_PREFIX}' + String(n).padStart(6, '0') } }));`,
		},
	};
}

function nodeWorkflow(concurrency) {
	const cancel = {
		id: 'b0000000-0000-4000-8000-000000000003',
		name: MEASURED.node,
		type: NODE_TYPE,
		typeVersion: 1,
		position: at(2),
		parameters: {
			resource: 'cashReceipt',
			operation: 'cancel',
			impUid: '={{ $json.imp_uid }}',
			dryRun: false,
			skipAlreadyCancelled: false,
			splitOutputs: true,
			options: { concurrency },
		},
		credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
	};
	return {
		key: `node-c${concurrency}`,
		label: `I'mport node, concurrency ${concurrency}`,
		group: 'receipts',
		api: 'v1',
		isNode: true,
		items: ITEMS,
		measured: [MEASURED.node],
		concurrency,
		idealMs: LATENCY_MS * Math.ceil(ITEMS / concurrency),
		reset: resetReceipts,
		check: checkReceipts,
		workflow: {
			id: `benchNodeC${concurrency}`,
			name: `bench: I'mport node C=${concurrency}`,
			nodes: [trigger, itemsNode(1), cancel],
			connections: chain(trigger.name, 'Receipts', MEASURED.node),
		},
	};
}

/** The HTTP Request recipe: a token once, then one DELETE per item with it. */
function recipeWorkflow(baseUrl, account, batch) {
	const getToken = {
		id: 'b0000000-0000-4000-8000-000000000004',
		name: 'Get token',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: at(1),
		parameters: {
			method: 'POST',
			url: `${baseUrl}/users/getToken`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: JSON.stringify({ imp_key: account.impKey, imp_secret: account.impSecret }),
			options: {},
		},
	};
	const remove = {
		id: 'b0000000-0000-4000-8000-000000000005',
		name: MEASURED.recipe,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: at(3),
		parameters: {
			method: 'DELETE',
			url: `=${baseUrl}/receipts/{{ encodeURIComponent($json.imp_uid) }}`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{
						name: 'Authorization',
						value: "=Bearer {{ $('Get token').first().json.response.access_token }}",
					},
				],
			},
			options: batch
				? { batching: { batch: { batchSize: batch.size, batchInterval: batch.intervalMs } } }
				: {},
		},
	};
	const key = batch ? `recipe-batch${batch.size}` : 'recipe-all';
	// What the ideal assumes: batching sends `size` per latency step; without it all go at once.
	const concurrency = batch ? batch.size : ITEMS;
	return {
		key,
		label: batch
			? `HTTP Request recipe, batch ${batch.size} every ${batch.intervalMs} ms`
			: 'HTTP Request recipe, no batching (all at once)',
		group: 'receipts',
		api: 'v1',
		isNode: false,
		items: ITEMS,
		measured: [MEASURED.recipe],
		concurrency,
		idealMs: LATENCY_MS * Math.ceil(ITEMS / concurrency),
		reset: resetReceipts,
		check: checkReceipts,
		workflow: {
			id: batch ? `benchRecipeBatch${batch.size}` : 'benchRecipeAll',
			name: `bench: ${batch ? `recipe batch ${batch.size}` : 'recipe no batching'}`,
			nodes: [trigger, getToken, { ...itemsNode(2) }, remove],
			connections: chain(trigger.name, 'Get token', 'Receipts', MEASURED.recipe),
		},
	};
}

/** Fresh receipts under the same ids. */
function resetReceipts({ simulators }) {
	simulators.v1.store.addIssuedPayments(ITEMS, ID_PREFIX);
	simulators.v1.store.cancellations.clear();
}

/** Every item cancelled exactly once, with one DELETE each: otherwise the figures mean nothing. */
function checkReceipts(variant, tasks, { simulators }) {
	const simulator = simulators.v1;
	const out = tasks.at(-1).data?.main?.[0] ?? [];
	const ok = variant.isNode
		? out.filter((i) => i.json.outcome === 'cancelled').length
		: out.filter((i) => i.json.code === 0).length;
	const deletes = simulator.requests('DELETE').filter((entry) => entry.status !== 401).length; // a refused token is sent again
	const twice = [...simulator.store.cancellations.values()].filter((n) => n > 1).length;
	if (ok !== ITEMS || deletes !== ITEMS || twice !== 0) {
		throw new Error(
			`${variant.label}: ${ok} of ${ITEMS} cancelled, ${deletes} DELETEs answered, ${twice} cancelled twice`,
		);
	}
	return {};
}

module.exports = { nodeWorkflow, recipeWorkflow };
