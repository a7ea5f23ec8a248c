'use strict';
/**
 * What the test/portoneTrigger{Starts,NotStarted}.test.js files share: a V2 simulator per test, the
 * built PortOne Trigger served through n8n-core's WebhookContext (./webhook.js, raw body kept as
 * n8n keeps it) with the PortOne V2 API credential, deliveries signed by the simulator exactly as
 * PortOne signs them, and what the trigger logged through n8n's Logger.
 */
const { createPortOneSimulator } = require('../portone-simulator/server');
const { signedDelivery } = require('../portone-simulator/webhooks');
const { post } = require('../simulator/notifications');
const { serveTrigger } = require('./webhook');
const { Container } = require('@n8n/di');
const { Logger } = require('@n8n/backend-common');

const SECRET = 'whsec_cG9ydG9uZS10cmlnZ2VyLXRlc3Qtc2VjcmV0LTE=';
const OLD_SECRET = 'whsec_b2xkLXNlY3JldC1iZWluZy1yb3RhdGVkLW91dA==';
const OTHER_SECRET = 'whsec_c29tZW9uZS1lbHNlcy1zZWNyZXQtYWJjZGVmZw==';
const nowS = () => Math.floor(Date.now() / 1000);

/**
 * Registers the hooks and returns `t`: `t.sim` (a new simulator per test), `t.served` (set by
 * `t.serve`), `t.capturedLogs`, and the helpers that read them when called.
 */
function portOneTriggerPerTest() {
	const t = {};
	/** What the trigger logged: a node's this.logger is n8n's Logger, taken from the container at each use. */
	const capturedLogs = [];
	const original = Container.get(Logger);
	const recorder = (level) => (message) => capturedLogs.push({ level, message });
	beforeAll(() => {
		const fake = {
			error: recorder('error'),
			warn: recorder('warn'),
			info: recorder('info'),
			debug: recorder('debug'),
		};
		fake.scoped = () => fake;
		Container.set(Logger, fake);
	});
	afterAll(() => Container.set(Logger, original));

	async function serve(parameters = {}, credential = {}) {
		const [account] = t.sim.accounts.list;
		t.served = await serveTrigger({
			api: 'portone',
			parameters: {
				events: ['Transaction.Paid', 'Transaction.Cancelled', 'Transaction.PartialCancelled'],
				lookUp: true,
				...parameters,
			},
			credential: {
				apiSecret: account.apiSecret,
				baseUrl: t.sim.baseUrl,
				webhookSecret: SECRET,
				...credential,
			},
		});
		t.sim.webhooks.configure({ url: t.served.url, secrets: [SECRET] });
		return t.served;
	}

	const lookups = () =>
		t.sim.log.filter((e) => e.method === 'GET' && e.rawPath.startsWith('/payments/'));
	const paid = (id = 'pay-card-0001') => ({
		type: 'Transaction.Paid',
		timestamp: t.sim.clock.iso(),
		data: { paymentId: id, storeId: t.sim.payments.get(id)?.storeId, transactionId: 'tx-1' },
	});

	/** Posts one delivery signed with `secrets` (default the current secret) at `timestamp` (default now). */
	async function deliver(
		event,
		{
			secrets = [SECRET],
			timestamp = nowS(),
			id = `msg_${Math.random().toString(16).slice(2)}`,
			version,
			format,
			headers = {},
			body,
		} = {},
	) {
		const signed = signedDelivery({ event, version, format, secrets, id, timestamp });
		return await post(t.served.url, body ?? signed.body, {
			contentType: signed.contentType,
			headers: { ...signed.headers, ...headers },
		});
	}

	beforeEach(async () => {
		capturedLogs.length = 0;
		t.sim = createPortOneSimulator();
		await t.sim.start();
	});
	afterEach(async () => {
		await t.served?.stop();
		t.served = undefined;
		await t.sim.stop();
	});
	return Object.assign(t, { capturedLogs, serve, lookups, paid, deliver });
}

module.exports = { portOneTriggerPerTest, SECRET, OLD_SECRET, OTHER_SECRET, nowS };
