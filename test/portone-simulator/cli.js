'use strict';
/**
 * Starts the PortOne V2 simulator on its own, to point a real n8n at it:
 *   node test/portone-simulator/cli.js [--port 8788] [--webhook-url URL] [--webhook-secret whsec_…]
 *       [--webhook-version 2024-04-25|2024-01-01] [--webhook-format json|form]
 * Prints the base URL, the API secrets with their stores and the seeded paymentIds. With a
 * webhook URL (loopback only) every cancel sends its webhook there, signed with the secret
 * (a new one is made and printed when none is given). Only first attempts are sent from here:
 * retries follow the simulator's clock, which only tests move.
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

simulator.start(port).then((baseUrl) => {
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
