'use strict';
/**
 * Part of e2e/run.js: what the scenarios read from an `n8n execute --rawOutput` execution (the items
 * of a node's output and their outcomes) and a count of the simulator's requests.
 */

/** { imp_uid: outcome } of a list of items. */
const outcomes = (items) => Object.fromEntries(items.map((i) => [i.json.imp_uid, i.json.outcome]));

/** Items of one output of a node's first run; [] when the output got nothing. */
function output(execution, node, index = 0) {
	const runs = execution.data?.resultData?.runData?.[node];
	if (!runs) return [];
	return runs[0]?.data?.main?.[index] ?? [];
}

function countBy(list) {
	const counts = {};
	for (const key of list) counts[key] = (counts[key] ?? 0) + 1;
	return counts;
}

module.exports = { outcomes, output, countBy };
