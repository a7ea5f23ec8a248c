'use strict';
/**
 * The I'mport Trigger test world shared by test/trigger*.test.js: a fresh simulator and
 * notification sender per test, and serve(), which serves the built trigger (through n8n-core's
 * real WebhookContext, test/helpers/webhook.js) with the simulator's credential.
 */
const { createSimulator } = require('../simulator/server');
const { createNotificationSender } = require('../simulator/notifications');
const { serveTrigger } = require('./webhook');

const SECRET = 'test_imp_secret_DO_NOT_LEAK';
const ALL = ['paid', 'ready', 'cancelled', 'failed'];
const SEEDED = {
	paid: 'imp_pay_card_0001',
	ready: 'imp_pay_vbank_ready_0001',
	cancelled: 'imp_pay_partial_0001',
	failed: 'imp_pay_failed_0001',
};

const answerOf = (result) => JSON.parse(result.answer);

/**
 * Registers the jest hooks of a trigger test file. The object returned holds the current test's
 * { simulator, sender }, serve() and lookups() (the /payments requests the simulator saw).
 */
function triggerWorldPerTest() {
	const world = {};
	let served;

	world.serve = async (parameters = {}, { proxyHops, credential } = {}) => {
		served = await serveTrigger({
			parameters: { statuses: ALL, onUnverified: 'drop', ...parameters },
			credential: {
				impKey: 'test_imp_key',
				impSecret: SECRET,
				baseUrl: world.simulator.baseUrl,
				...credential,
			},
			proxyHops,
		});
		return served;
	};
	world.lookups = () => world.simulator.log.filter((e) => e.rawPath.startsWith('/payments'));

	beforeEach(async () => {
		world.simulator = createSimulator();
		await world.simulator.start();
		world.sender = createNotificationSender(world.simulator);
	});
	afterEach(async () => {
		await served?.stop();
		served = undefined;
		await world.simulator.stop();
	});
	return world;
}

module.exports = { triggerWorldPerTest, answerOf, SECRET, ALL, SEEDED };
