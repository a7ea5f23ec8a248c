'use strict';
/**
 * The figures of the benchmark in real n8n (scripts/bench-n8n.js): medians and ranges over the
 * rounds, ratios taken within a round, the machine line, and the receipt and refund tables.
 */
const os = require('node:os');
const { ITEMS, REFUND_ITEMS, REFUND_C } = require('./benchN8nOptions');
const { TOTAL, PART } = require('./refundRows');

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const int = (value) => Math.round(value).toLocaleString('en-US');

function machine() {
	const cpus = os.cpus();
	return `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')}`;
}

/** The median over the rounds of a's time ÷ b's time within the same round. */
const sameRound = (a, b) => median(a.map((r, round) => r.nodeMs / b[round].nodeMs));
const medianRange = (ms) => `${int(median(ms))} (${int(Math.min(...ms))}–${int(Math.max(...ms))})`;

function receiptTable(variants, runs, print) {
	const nodeC10 = variants.find((v) => v.key === 'node-c10') ?? variants.find((v) => v.isNode);
	const base = runs.get(nodeC10.key);
	print('');
	print(
		`Cash Receipt → Cancel, N = ${ITEMS} items. Skip Already Cancelled off: one DELETE per item for every workflow; the credential holds a token already.`,
	);
	print('');
	print(
		`| workflow | measured node's executionTime, ms | ideal L·⌈N/C⌉ ms | ratio to ideal | n8n CPU ms per item during the node | max in flight | requests per run | whole execution ms | n8n execute process s | time ÷ node C=${nodeC10.concurrency}'s (same round) |`,
	);
	print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const variant of variants) {
		const list = runs.get(variant.key);
		const ms = list.map((r) => r.nodeMs);
		print(
			`| ${variant.label} | ${medianRange(ms)} | ${int(variant.idealMs)} | ${(median(ms) / variant.idealMs).toFixed(2)} | ${(median(list.map((r) => r.nodeCpuMs)) / ITEMS).toFixed(2)} | ${median(list.map((r) => r.maxInFlight))} | ${median(list.map((r) => r.requests))} | ${int(median(list.map((r) => r.executionMs)))} | ${(median(list.map((r) => r.processMs)) / 1000).toFixed(1)} | ${variant === nodeC10 ? '1' : `${sameRound(list, base).toFixed(2)}×`} |`,
		);
	}
	const batch = runs.get('recipe-batch10');
	if (batch && nodeC10.concurrency === 10) {
		print('');
		print(
			`Recipe (batch 10 every 20 ms) ÷ node (C = 10), equal politeness: **${sameRound(batch, base).toFixed(2)}×** (median of the per-round ratios; > 1 means the node is faster).`,
		);
	}
}

function refundTable(variants, runs, print) {
	const v2Node = variants.find((v) => v.key === 'node-v2-refund');
	const base = runs.get(v2Node.key);
	print('');
	print(
		`Payment → Cancel (refund), N = ${REFUND_ITEMS} rows, half in full and half ${int(PART)} of ${int(TOTAL)} won: a look-up and a cancel per row for every workflow (the ideal is 2 requests per item and L·2·⌈N/C⌉); every run checked that money moved exactly once per row, by what the row asked. The recipe's time is its two HTTP Request nodes' executionTime added up.`,
	);
	print('');
	print(
		`| workflow | measured executionTime, ms | ideal L·2·⌈N/C⌉ ms | ratio to ideal | n8n CPU ms per item during the node(s) | max in flight | look-ups + cancels per run | money moved exactly once | whole execution ms | n8n execute process s | time ÷ PortOne node's (same round) |`,
	);
	print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const variant of variants) {
		const list = runs.get(variant.key);
		const ms = list.map((r) => r.nodeMs);
		const [first] = list;
		print(
			`| ${variant.label} | ${medianRange(ms)} | ${int(variant.idealMs)} | ${(median(ms) / variant.idealMs).toFixed(2)} (${(Math.min(...ms) / variant.idealMs).toFixed(2)}–${(Math.max(...ms) / variant.idealMs).toFixed(2)}) | ${(median(list.map((r) => r.nodeCpuMs)) / REFUND_ITEMS).toFixed(2)} | ${median(list.map((r) => r.maxInFlight))} | ${first.lookUps} + ${first.cancels} | ${first.money.once} of ${REFUND_ITEMS} (${int(first.money.movedWon)} won) | ${int(median(list.map((r) => r.executionMs)))} | ${(median(list.map((r) => r.processMs)) / 1000).toFixed(1)} | ${variant === v2Node ? '1' : `${sameRound(list, base).toFixed(2)}×`} |`,
		);
	}
	const recipe = runs.get('recipe-v2-refund');
	const v1Node = runs.get('node-v1-refund');
	print('');
	if (recipe)
		print(
			`Recipe (V2, batch ${REFUND_C} every 20 ms) ÷ PortOne node (C = ${REFUND_C}): **${sameRound(recipe, base).toFixed(2)}×** (median of the per-round ratios; > 1 means the node is faster).`,
		);
	if (v1Node)
		print(
			`PortOne node (V2) ÷ I'mport node (V1), same rows: **${sameRound(base, v1Node).toFixed(2)}×** (< 1 means V2 is faster).`,
		);
}

module.exports = { int, machine, receiptTable, refundTable };
