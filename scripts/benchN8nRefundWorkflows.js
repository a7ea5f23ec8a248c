'use strict';
/**
 * The refund workflows of the benchmark in real n8n (scripts/bench-n8n.js): Payment → Cancel by
 * the I'mport (V1) and the PortOne (V2) node, and the V2 HTTP Request recipe (a look-up and a
 * cancel per row); before each run the payments are paid again, after it money must have moved
 * exactly once per row, by what the row asked (scripts/refundRows.js).
 */
const { CREDENTIAL_TYPE, NODE_TYPE } = require('../e2e/n8n');
const {
	V2_NODE_TYPE,
	V2_CREDENTIAL_TYPE,
	LATENCY_MS,
	REFUND_ITEMS,
	REFUND_C,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	V2_CREDENTIAL_ID,
	V2_CREDENTIAL_NAME,
	REFUND_PREFIX,
	MEASURED,
} = require('./benchN8nOptions');
const { TOTAL, PART, checkMoneyMoved } = require('./refundRows');
const { at, trigger, chain } = require('./benchN8nWorkflowParts');

/** A Code node emitting the refund rows: { imp_uid | paymentId, mode, amount? } (refundRows.js). */
function refundRowsNode(api, position) {
	const idField = api === 'v1' ? 'imp_uid' : 'paymentId';
	return {
		id: 'b0000000-0000-4000-8000-000000000012',
		name: 'Rows',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: at(position),
		parameters: {
			jsCode: `return Array.from({ length: ${REFUND_ITEMS} }, (_, n) => ({ json: { ${idField}: '${REFUND_PREFIX[api]}' + String(n).padStart(6, '0'), ...(n % 2 === 0 ? { mode: 'full' } : { mode: 'partial', amount: ${PART} }) } }));`,
		},
	};
}

const refundCommon = (api) => ({
	group: 'refunds',
	api,
	items: REFUND_ITEMS,
	concurrency: REFUND_C,
	idealMs: LATENCY_MS * 2 * Math.ceil(REFUND_ITEMS / REFUND_C),
	reset: resetRefunds,
	check: checkRefunds,
});

/** The I'mport (V1) or PortOne (V2) node, Payment → Cancel, mode and amount from each row. */
function refundNodeWorkflow(api) {
	const v1 = api === 'v1';
	const refund = {
		id: 'b0000000-0000-4000-8000-000000000013',
		name: MEASURED.refund,
		type: v1 ? NODE_TYPE : V2_NODE_TYPE,
		typeVersion: 1,
		position: at(2),
		parameters: {
			resource: 'payment',
			operation: 'cancel',
			...(v1
				? { refundBy: 'impUid', impUid: '={{ $json.imp_uid }}' }
				: { paymentId: '={{ $json.paymentId }}' }),
			refundMode: '={{ $json.mode }}',
			amount: '={{ $json.amount }}',
			refundReference: '',
			reason: 'bench refund',
			dryRun: false,
			refundFields: {},
			splitOutputs: true,
			options: { concurrency: REFUND_C },
		},
		credentials: v1
			? { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } }
			: { [V2_CREDENTIAL_TYPE]: { id: V2_CREDENTIAL_ID, name: V2_CREDENTIAL_NAME } },
	};
	return {
		key: `node-${api}-refund`,
		label: `${v1 ? "I'mport node (V1)" : 'PortOne node (V2)'}, refund, concurrency ${REFUND_C}`,
		isNode: true,
		measured: [MEASURED.refund],
		...refundCommon(api),
		workflow: {
			id: `benchRefundNode${api.toUpperCase()}`,
			name: `bench: ${v1 ? "I'mport" : 'PortOne'} node refund C=${REFUND_C}`,
			nodes: [trigger, refundRowsNode(api, 1), refund],
			connections: chain(trigger.name, 'Rows', MEASURED.refund),
		},
	};
}

/**
 * The V2 refund as HTTP Request nodes: GET /payments/{id} for every row, then
 * POST /payments/{id}/cancel for every row with what the node sends: the Authorization header,
 * an Idempotency-Key per row (RFC 8941 string: in double quotes), the reason,
 * currentCancellableAmount from the look-up (total less cancelled: no pending cancellations
 * here) and, for a partial row, the amount. Both nodes batch 10 requests every 20 ms.
 */
function refundRecipeWorkflow(baseUrl, apiSecret) {
	const batching = { batching: { batch: { batchSize: REFUND_C, batchInterval: 20 } } };
	const authorization = { name: 'Authorization', value: `PortOne ${apiSecret}` };
	const lookUp = {
		id: 'b0000000-0000-4000-8000-000000000014',
		name: MEASURED.lookUp,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: at(2),
		parameters: {
			method: 'GET',
			url: `=${baseUrl}/payments/{{ encodeURIComponent($json.paymentId) }}`,
			sendHeaders: true,
			headerParameters: { parameters: [authorization] },
			options: batching,
		},
	};
	const row = "$('Rows').item.json";
	const cancel = {
		id: 'b0000000-0000-4000-8000-000000000015',
		name: MEASURED.refund,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: at(3),
		parameters: {
			method: 'POST',
			url: `=${baseUrl}/payments/{{ encodeURIComponent($json.id) }}/cancel`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					authorization,
					{ name: 'Idempotency-Key', value: `="bench-refund-{{ $json.id }}-{{ ${row}.mode }}"` },
				],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ reason: 'bench refund', currentCancellableAmount: $json.amount.total - $json.amount.cancelled, ...(${row}.mode === 'partial' ? { amount: ${row}.amount } : {}) }) }}`,
			options: batching,
		},
	};
	return {
		key: 'recipe-v2-refund',
		label: `HTTP Request recipe (V2), look-up + cancel, batch ${REFUND_C} every 20 ms`,
		isNode: false,
		measured: [MEASURED.lookUp, MEASURED.refund],
		...refundCommon('v2'),
		workflow: {
			id: 'benchRefundRecipeV2',
			name: 'bench: V2 refund recipe',
			nodes: [trigger, refundRowsNode('v2', 1), lookUp, cancel],
			connections: chain(trigger.name, 'Rows', MEASURED.lookUp, MEASURED.refund),
		},
	};
}

/** What the API's simulator counts as money moved: [{ id, amount }] for every applied refund. */
const movedOf = {
	v1: (simulator) => simulator.payments.refunds.map((r) => ({ id: r.imp_uid, amount: r.amount })),
	v2: (simulator) =>
		simulator.payments.moneyMoved.map((m) => ({ id: m.paymentId, amount: m.amount })),
};
const refundIds = (api) =>
	Array.from(
		{ length: REFUND_ITEMS },
		(_, n) => `${REFUND_PREFIX[api]}${String(n).padStart(6, '0')}`,
	);

/**
 * The same payment ids, paid again, before every run (and, on V2, the stored Idempotency-Keys
 * forgotten, as if 3 hours had passed: the rows' keys are the same in every run).
 */
function resetRefunds({ simulators }, variant) {
	const simulator = simulators[variant.api];
	for (const id of refundIds(variant.api)) simulator.payments.remove(id);
	if (variant.api === 'v1') {
		simulator.payments.addMany(REFUND_ITEMS, { prefix: REFUND_PREFIX.v1, amount: TOTAL });
	} else {
		simulator.payments.addMany(REFUND_ITEMS, { prefix: REFUND_PREFIX.v2, total: TOTAL });
		simulator.idempotency.clear();
	}
	return { movedBefore: movedOf[variant.api](simulator).length };
}

/** One look-up and one cancel per row, every row refunded, money moved exactly once per row. */
function checkRefunds(variant, tasks, { simulators }, { movedBefore }) {
	const simulator = simulators[variant.api];
	const out = tasks.at(-1).data?.main?.[0] ?? [];
	const ok = variant.isNode
		? out.filter((i) => ['refunded', 'partially_refunded'].includes(i.json.outcome)).length
		: out.filter((i) => i.json.cancellation?.status === 'SUCCEEDED').length;
	// A refused token (V1) is asked for and the request sent again: count the answered ones.
	const answered = simulator.log.filter((entry) => entry.status !== 401);
	const lookUps = answered.filter((e) => e.method === 'GET').length;
	const cancels = answered.filter(
		(e) => e.method === 'POST' && e.rawPath !== '/users/getToken',
	).length;
	if (ok !== REFUND_ITEMS || lookUps !== REFUND_ITEMS || cancels !== REFUND_ITEMS) {
		throw new Error(
			`${variant.label}: ${ok} of ${REFUND_ITEMS} refunded, ${lookUps} look-ups and ${cancels} cancels answered`,
		);
	}
	const money = checkMoneyMoved(
		variant.label,
		refundIds(variant.api),
		movedOf[variant.api](simulator).slice(movedBefore),
	);
	return { money, lookUps, cancels };
}

module.exports = { refundNodeWorkflow, refundRecipeWorkflow };
