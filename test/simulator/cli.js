'use strict';
/**
 * Starts the i'mport simulator on its own: `npm run simulator [-- --port 8787]`.
 * Started as a child process with IPC (the benchmark), it also takes commands:
 *   { cmd: 'seed', count, prefix }  -> { ids }      add payments with issued receipts
 *   { cmd: 'seedPayments', count, prefix, amount } -> { ids }   add paid card payments (the /payments family)
 *   { cmd: 'latency', fixedMs, jitterMs }           set injected latency
 *   { cmd: 'stats' } -> { requests, tokenRequests, byMethod, maxInFlight, refundsApplied, moneyMoved }  and reset the counters
 *       (moneyMoved: [{ id, amount }] per refund applied since the last 'stats'; refundsApplied: all of them)
 */
const { createSimulator } = require('./server');

const portArg = process.argv.indexOf('--port');
const port = portArg === -1 ? 8787 : Number(process.argv[portArg + 1]);

const simulator = createSimulator();
/** Where the last 'stats' left simulator.payments.refunds (it only grows). */
let refundsSeen = 0;

function handleCommand(message) {
	switch (message.cmd) {
		case 'seed':
			return { ids: simulator.store.addIssuedPayments(message.count, message.prefix) };
		case 'seedPayments':
			return {
				ids: simulator.payments.addMany(message.count, {
					prefix: message.prefix,
					amount: message.amount,
				}),
			};
		case 'latency':
			simulator.faults.setLatency(message.fixedMs, message.jitterMs ?? 0);
			return {};
		case 'stats': {
			const byMethod = {};
			for (const entry of simulator.log) byMethod[entry.method] = (byMethod[entry.method] ?? 0) + 1;
			const answer = {
				requests: simulator.log.length,
				tokenRequests: simulator.tokenRequests().length,
				byMethod,
				maxInFlight: simulator.stats.maxInFlight,
				doubleCancels: [...simulator.store.cancellations.values()].filter((n) => n > 1).length,
				refundsApplied: simulator.payments.refunds.length,
				moneyMoved: simulator.payments.refunds
					.slice(refundsSeen)
					.map((r) => ({ id: r.imp_uid, amount: r.amount })),
			};
			refundsSeen = simulator.payments.refunds.length;
			simulator.log.length = 0;
			simulator.stats.maxInFlight = 0;
			return answer;
		}
		default:
			return { error: `unknown command ${message.cmd}` };
	}
}

simulator.start(port).then((baseUrl) => {
	const [account] = simulator.accounts;
	if (process.send) {
		process.on('message', (message) => process.send({ id: message.id, ...handleCommand(message) }));
		process.send({ ready: true, baseUrl, impKey: account.impKey, impSecret: account.impSecret });
		process.on('disconnect', () => simulator.stop().then(() => process.exit(0)));
		return;
	}
	console.log(`i'mport simulator listening on ${baseUrl}`);
	console.log(
		`credential: Base URL ${baseUrl}, API key ${account.impKey}, API secret ${account.impSecret}, tiers ${account.tiers.join(', ')}`,
	);
	console.log(`seeded imp_uids: ${[...simulator.store.payments.keys()].join(', ')}`);
	console.log(`seeded merchant_uids: ${[...simulator.store.external.keys()].join(', ')}`);
	console.log(`seeded payments (/payments): ${simulator.payments.ids().join(', ')}`);
});
process.on('SIGINT', () => simulator.stop().then(() => process.exit(0)));
process.on('SIGTERM', () => simulator.stop().then(() => process.exit(0)));
