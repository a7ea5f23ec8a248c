'use strict';
/**
 * Part of e2e/queue.js: the webhook calls both runs make (the first alone, then a burst whose
 * calls share ids), the simulator they reach, posting them, reading their answers, and the
 * comparisons the checks make of them.
 */
const http = require('node:http');
const path = require('node:path');
const { ROOT, seconds } = require('./n8n');

// Both simulators start from this clock and never move it, so both runs' outputs compare exactly.
const SIMULATOR_TIME = 1_795_640_000;
const MINUTE = 60_000;
const LIMITS = {
	webhookCall: 3 * MINUTE,
	failingCall: MINUTE,
	logWait: 30_000,
};

const BULK_PREFIX = 'imp_queue_';
const BULK_COUNT = 30;
const bulkId = (n) => `${BULK_PREFIX}${String(n % BULK_COUNT).padStart(6, '0')}`;

/**
 * The first call goes alone (it asks for the token); then BURST calls go at once. Burst call k
 * holds bulk ids 3k..3k+5, so every bulk id is in two calls; a few seeded receipts are added for
 * the other outcomes, and two of them are in two calls as well.
 */
const FIRST_CALL = ['imp_100000000001', 'imp_100000000003', 'imp_200000000001'];
const BURST = 10;
const EXTRA_IDS = {
	0: ['imp_100000000002', 'imp_500000000001'],
	3: ['imp_100000000002', 'imp_999999999999'],
	5: ['imp_501000000001'],
	9: ['imp_100000000001'],
};
const BURST_CALLS = Array.from({ length: BURST }, (_, k) => [
	...Array.from({ length: 6 }, (_, j) => bulkId(3 * k + j)),
	...(EXTRA_IDS[k] ?? []),
]);
/** Receipts the simulator holds issued and not cancelled: each must be cancelled exactly once. */
const CANCELLABLE = new Set([
	...Array.from({ length: BULK_COUNT }, (_, n) => bulkId(n)),
	'imp_100000000001',
	'imp_100000000002',
]);

function newSimulator() {
	const { createSimulator } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));
	const simulator = createSimulator({ startAt: SIMULATOR_TIME });
	simulator.store.addIssuedPayments(BULK_COUNT, BULK_PREFIX);
	// 20-40 ms per answer, like a real API: executions on both workers overlap at the simulator.
	simulator.faults.setLatency(20, 20);
	return simulator;
}

const canonical = (value) =>
	JSON.stringify(value, (key, v) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort())
			: v,
	);

function countBy(list) {
	const counts = {};
	for (const key of list) counts[key] = (counts[key] ?? 0) + 1;
	return counts;
}

function postJson(url, body, timeoutMs) {
	return new Promise((resolve) => {
		const text = JSON.stringify(body);
		const started = Date.now();
		const req = http.request(
			url,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
				timeout: timeoutMs,
			},
			(res) => {
				let raw = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (raw += d));
				res.on('end', () => {
					let json;
					try {
						json = JSON.parse(raw);
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode, raw, json, ms: Date.now() - started });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${seconds(timeoutMs)}`)));
		req.on('error', (error) =>
			resolve({ status: 0, raw: '', error: error.message, ms: Date.now() - started }),
		);
		req.end(text);
	});
}

const callBody = (ids) => ({ receipts: ids.map((imp_uid) => ({ imp_uid })) });

/** The first call alone, then the burst all at once; returns the answers in call order. */
async function fireCalls(webhookUrl) {
	const first = await postJson(webhookUrl, callBody(FIRST_CALL), LIMITS.webhookCall);
	const burst = await Promise.all(
		BURST_CALLS.map((ids) => postJson(webhookUrl, callBody(ids), LIMITS.webhookCall)),
	);
	return [first, ...burst];
}

const ALL_CALLS = [FIRST_CALL, ...BURST_CALLS];

/** Items each call answered with, as { ok, items } per call. */
function itemsOf(answers) {
	return answers.map((a) => ({
		ok: a.status === 200 && Array.isArray(a.json),
		items: Array.isArray(a.json) ? a.json : [],
	}));
}

module.exports = {
	LIMITS,
	bulkId,
	FIRST_CALL,
	BURST,
	BURST_CALLS,
	CANCELLABLE,
	ALL_CALLS,
	newSimulator,
	canonical,
	countBy,
	postJson,
	callBody,
	fireCalls,
	itemsOf,
};
