'use strict';
/**
 * Measurement (not a test): what one run of the Cancel operation costs while i'mport is down.
 * N receipts, the node's default options (continue on fail, so every item comes out), against
 * the simulator on 127.0.0.1 with every receipt call failing; prints wall time, calls made and
 * the items' outcomes.
 *
 *   npm run build && node scripts/outage.js                  # 100 items, every receipt call answered 503
 *   node scripts/outage.js --items 100 --fault blip          # only the first 10 receipt calls answered 503
 *   node scripts/outage.js --fault hang --options '{"timeoutMs":1000}'
 *   node scripts/outage.js --fault refused                   # nothing listening: every call refused
 */
const net = require('node:net');
const { createSimulator } = require('../test/simulator/server');
const { createEngine } = require('../test/helpers/engine');
const { closedPort } = require('../test/helpers/closedPort');

function arg(name, fallback) {
	const at = process.argv.indexOf(`--${name}`);
	return at === -1 ? fallback : process.argv[at + 1];
}
const ITEMS = Number(arg('items', '100'));
const FAULT = arg('fault', '503');
const OPTIONS = JSON.parse(arg('options', '{}'));

const FAULTS = {
	503: { path: '/receipts/', action: 'status', status: 503, times: Infinity },
	hang: { path: '/receipts/', action: 'hang', times: Infinity },
	blip: { path: '/receipts/', action: 'status', status: 503, times: 10 },
};

async function main() {
	if (FAULT !== 'refused' && !FAULTS[FAULT])
		throw new Error(`--fault must be one of 503, hang, blip, refused`);
	const simulator = createSimulator();
	const simulatorUrl = await simulator.start();
	const [account] = simulator.accounts;
	const baseUrl = FAULT === 'refused' ? `http://127.0.0.1:${await closedPort()}` : simulatorUrl;
	const ids = simulator.store.addIssuedPayments(ITEMS, 'outage_');
	if (FAULTS[FAULT]) simulator.faults.add(FAULTS[FAULT]);
	// Count connection attempts too, so refused calls (which never reach a server) are counted.
	let connects = 0;
	const originalConnect = net.Socket.prototype.connect;
	net.Socket.prototype.connect = function countedConnect(...args) {
		connects++;
		return originalConnect.apply(this, args);
	};

	const engine = createEngine({ impKey: account.impKey, impSecret: account.impSecret, baseUrl });
	const started = performance.now();
	const run = await engine.run(
		ids.map((imp_uid) => ({ imp_uid })),
		{
			resource: 'cashReceipt',
			operation: 'cancel',
			impUid: '={{ $json.imp_uid }}',
			options: OPTIONS,
		},
		{ onError: 'continueRegularOutput' },
	);
	const wallMs = performance.now() - started;
	net.Socket.prototype.connect = originalConnect;

	const outcomes = {};
	const messages = {};
	for (const item of [...run.success, ...run.failure]) {
		outcomes[item.json.outcome] = (outcomes[item.json.outcome] ?? 0) + 1;
		if (item.json.error) messages[item.json.error] = (messages[item.json.error] ?? 0) + 1;
	}
	const receiptCalls = simulator.log.filter((entry) =>
		entry.rawPath.startsWith('/receipts/'),
	).length;
	console.log(`${ITEMS} items, fault ${FAULT}, options ${JSON.stringify(OPTIONS)}`);
	console.log(`wall time: ${(wallMs / 1000).toFixed(1)} s`);
	if (FAULT === 'refused') console.log(`calls made: ${connects} connection attempts (all refused)`);
	else
		console.log(
			`calls made: ${receiptCalls} receipt calls, ${simulator.tokenRequests().length} token requests`,
		);
	console.log(`outcomes: ${JSON.stringify(outcomes)}`);
	for (const [message, count] of Object.entries(messages)) console.log(`  ${count} × ${message}`);
	if (run.error) console.log(`run error: ${run.error.message}`);
	await simulator.stop();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
