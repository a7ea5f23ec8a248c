'use strict';
/**
 * Starts the PortOne V2 simulator on its own, to point a real n8n at it:
 *   node test/portone-simulator/cli.js [--port 8788] [--webhook-url URL] [--webhook-secret whsec_…]
 *       [--webhook-version 2024-04-25|2024-01-01] [--webhook-format json|form]
 * Prints the base URL, the API secrets with their stores and the seeded paymentIds. With a
 * webhook URL (loopback only) every cancel sends its webhook there, signed with the secret
 * (a new one is made and printed when none is given). Only first attempts are sent from here:
 * retries follow the simulator's clock, which only tests move.
 *
 * Started as a child process with IPC (scripts/bench.js), it takes commands instead of printing:
 *   { cmd: 'seedPayments', count, prefix, total } -> { ids }   paid card payments (payments.addMany)
 *   { cmd: 'latency', fixedMs, jitterMs }                     injected latency (faults.setLatency)
 *   { cmd: 'stats' } -> { requests, tokenRequests: 0, byMethod, maxInFlight, moneyMoved }
 *       what reached it since the last 'stats' (moneyMoved: [{ id, amount }] per applied
 *       cancellation), and resets the counters
 */
const { createPortOneSimulator } = require('./server');
const { newSecret } = require('./webhooks');

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const at = args.indexOf(name);
	return at === -1 ? fallback : args[at + 1];
};
const port = Number(option('--port', 8788));
const webhookUrl = option('--webhook-url');
const webhook = webhookUrl && {
	url: webhookUrl,
	secrets: [option('--webhook-secret', newSecret())],
	version: option('--webhook-version', '2024-04-25'),
	format: option('--webhook-format', 'json'),
};

const simulator = createPortOneSimulator({ webhook });

/** Where the last 'stats' left simulator.payments.moneyMoved (it only grows). */
let movedSeen = 0;

function handleCommand(message) {
	switch (message.cmd) {
		case 'seedPayments':
			return {
				ids: simulator.payments.addMany(message.count, {
					prefix: message.prefix,
					total: message.total,
				}),
			};
		case 'latency':
			simulator.faults.setLatency(message.fixedMs, message.jitterMs ?? 0);
			return {};
		case 'stats': {
			const byMethod = {};
			for (const entry of simulator.log) byMethod[entry.method] = (byMethod[entry.method] ?? 0) + 1;
			const moved = simulator.payments.moneyMoved.slice(movedSeen);
			movedSeen = simulator.payments.moneyMoved.length;
			const answer = {
				requests: simulator.log.length,
				tokenRequests: 0,
				byMethod,
				maxInFlight: simulator.stats.maxInFlight,
				moneyMoved: moved.map((m) => ({ id: m.paymentId, amount: m.amount })),
			};
			simulator.log.length = 0;
			simulator.stats.maxInFlight = 0;
			return answer;
		}
		default:
			return { error: `unknown command ${message.cmd}` };
	}
}

simulator.start(port).then((baseUrl) => {
	if (process.send) {
		const [account] = simulator.accounts.list;
		process.on('message', (message) => process.send({ id: message.id, ...handleCommand(message) }));
		process.send({ ready: true, baseUrl, apiSecret: account.apiSecret });
		process.on('disconnect', () => simulator.stop().then(() => process.exit(0)));
		return;
	}
	console.log(`PortOne V2 simulator listening on ${baseUrl}`);
	for (const account of simulator.accounts.list) {
		console.log(
			`API secret ${account.apiSecret}: stores ${account.storeIds.join(', ')} (first = default)`,
		);
	}
	if (webhook)
		console.log(
			`webhooks ${webhook.version} (${webhook.format}) to ${webhook.url}, secret ${webhook.secrets[0]}`,
		);
	console.log(`seeded paymentIds: ${simulator.payments.ids().join(', ')}`);
});
const stop = () => simulator.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
