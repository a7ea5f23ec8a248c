'use strict';
/**
 * What every workflow of the benchmark in real n8n (scripts/bench-n8n.js) is built from: node
 * positions on the canvas, the Manual Trigger it starts from, and the connections of a chain.
 */
const at = (x) => [x * 220, 0];
const trigger = {
	id: 'b0000000-0000-4000-8000-000000000001',
	name: 'Manual Trigger',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: at(0),
	parameters: {},
};

const chain = (...names) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, n) => [name, { main: [[{ node: names[n + 1], type: 'main', index: 0 }]] }]),
	);

module.exports = { at, trigger, chain };
