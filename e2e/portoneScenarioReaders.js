'use strict';
/**
 * Readers shared by the V2 example scenarios (e2e/portoneScenarios.js): a node's output items over
 * its runs, what reached the V2 simulator (refund and receipt-cancel requests, money moved), and the
 * refund body PortOne is expected to get.
 */
const { sameJson } = require('./script');

/** Items of one output of a node over all its runs (a node fed by several branches runs once per branch). */
function output(execution, node, index = 0) {
	const runs = execution.data?.resultData?.runData?.[node] ?? [];
	return runs.flatMap((run) => run.data?.main?.[index] ?? []);
}

/** { paymentId: outcome } of a list of items. */
const outcomes = (items) =>
	Object.fromEntries(items.map((i) => [i.json.paymentId, i.json.outcome]));

const byPayment = (items, fields) =>
	Object.fromEntries(
		items.map((i) => [i.json.paymentId, fields.map((f) => i.json[f]).join(' | ')]),
	);

/** The refund requests (POST /payments/{id}/cancel) that reached the simulator, from log entry `from` on. */
const refundRequests = (simulator, from = 0, to = simulator.log.length) =>
	simulator.log
		.slice(from, to)
		.filter((e) => e.method === 'POST' && /^\/payments\/[^/]+\/cancel$/.test(e.rawPath));

const receiptCancels = (simulator, from = 0, to = simulator.log.length) =>
	simulator.log
		.slice(from, to)
		.filter((e) => e.method === 'POST' && /\/cash-receipt\/cancel$/.test(e.rawPath));

const idOfPath = (entry) => decodeURIComponent(entry.rawPath.split('/')[2]);

/** A refund request's body: the reference in the reason, what was left, and `extra` (amount, …). */
const body = (reference, reason, left, extra = {}) => ({
	reason: `[ref:${reference}] ${reason}`,
	currentCancellableAmount: left,
	...extra,
});

/** Money that moved: "paymentId amount reason" per applied cancellation. */
const moneyMoved = (simulator) =>
	simulator.payments.moneyMoved.map((m) => `${m.paymentId} ${m.amount} ${m.reason}`).sort();

module.exports = {
	sameJson,
	output,
	outcomes,
	byPayment,
	refundRequests,
	receiptCancels,
	idOfPath,
	body,
	moneyMoved,
};
