'use strict';
/**
 * PortOne Trigger (V2): webhooks sent and signed by the V2 simulator exactly as PortOne sends them,
 * posted over HTTP to the built node served through n8n-core's WebhookContext
 * (test/helpers/webhook.js, raw body kept as n8n keeps it); the payment look-up reaches the
 * simulator through n8n-core's helpers and the PortOne V2 API credential. Real n8n: e2e.
 */
const { createPortOneSimulator } = require('./portone-simulator/server');
const { signedDelivery } = require('./portone-simulator/webhooks');
const { post } = require('./simulator/notifications');
const { serveTrigger } = require('./helpers/webhook');
const { Container } = require('@n8n/di');
const { Logger } = require('@n8n/backend-common');
const { visibleText } = require('./helpers/setup');

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

const SECRET = 'whsec_cG9ydG9uZS10cmlnZ2VyLXRlc3Qtc2VjcmV0LTE=';
const OLD_SECRET = 'whsec_b2xkLXNlY3JldC1iZWluZy1yb3RhdGVkLW91dA==';
const OTHER_SECRET = 'whsec_c29tZW9uZS1lbHNlcy1zZWNyZXQtYWJjZGVmZw==';

let sim;
let served;

async function serve(parameters = {}, credential = {}) {
	const [account] = sim.accounts.list;
	served = await serveTrigger({
		api: 'portone',
		parameters: {
			events: ['Transaction.Paid', 'Transaction.Cancelled', 'Transaction.PartialCancelled'],
			lookUp: true,
			...parameters,
		},
		credential: {
			apiSecret: account.apiSecret,
			baseUrl: sim.baseUrl,
			webhookSecret: SECRET,
			...credential,
		},
	});
	sim.webhooks.configure({ url: served.url, secrets: [SECRET] });
	return served;
}

const lookups = () =>
	sim.log.filter((e) => e.method === 'GET' && e.rawPath.startsWith('/payments/'));
const paid = (id = 'pay-card-0001') => ({
	type: 'Transaction.Paid',
	timestamp: sim.clock.iso(),
	data: { paymentId: id, storeId: sim.payments.get(id)?.storeId, transactionId: 'tx-1' },
});
const nowS = () => Math.floor(Date.now() / 1000);

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
	return await post(served.url, body ?? signed.body, {
		contentType: signed.contentType,
		headers: { ...signed.headers, ...headers },
	});
}

beforeEach(async () => {
	capturedLogs.length = 0;
	sim = createPortOneSimulator();
	await sim.start();
});
afterEach(async () => {
	await served?.stop();
	served = undefined;
	await sim.stop();
});

describe('signed webhooks start the workflow', () => {
	test('2024-04-25: verified, the payment looked up and emitted as PortOne reports it; event_key is the webhook-id', async () => {
		await serve();
		const result = await deliver(paid(), { id: 'msg_fixed_0001' });
		expect(result.status).toBe(200);
		expect(JSON.parse(result.answer)).toEqual({ received: true });
		const [item] = served.emitted();
		expect(item).toMatchObject({
			id: 'pay-card-0001',
			status: 'PAID',
			payment_found: true,
			event_key: 'msg_fixed_0001',
		});
		expect(item.webhook).toMatchObject({
			id: 'msg_fixed_0001',
			type: 'Transaction.Paid',
			version: '2024-04-25',
			paymentId: 'pay-card-0001',
		});
		expect(lookups().map((e) => e.rawPath)).toEqual(['/payments/pay-card-0001']);
	});

	test.each(['json', 'form'])('2024-01-01 as %s: read as the same event', async (format) => {
		await serve();
		const event = paid('pay-card-0002');
		const result = await deliver(event, { version: '2024-01-01', format });
		expect(result.status).toBe(200);
		const [item] = served.emitted();
		expect(item.webhook).toMatchObject({
			type: 'Transaction.Paid',
			version: '2024-01-01',
			status: 'Paid',
			paymentId: 'pay-card-0002',
		});
	});

	test('PortOne retries keep the webhook-id: the same event_key on every attempt (for Remove Duplicates)', async () => {
		await serve();
		const first = await deliver(paid(), { id: 'msg_retry_0001', timestamp: nowS() - 120 });
		const second = await deliver(paid(), { id: 'msg_retry_0001' });
		expect([first.status, second.status]).toEqual([200, 200]);
		expect(served.emitted().map((i) => i.event_key)).toEqual(['msg_retry_0001', 'msg_retry_0001']);
	});

	test('the simulator sends a cancel webhook when a refund succeeds; the trigger gets it as PortOne would send it', async () => {
		await serve();
		const record = sim.payments.record('pay-card-0002');
		sim.webhooks.emitTransaction(record, 'Transaction.PartialCancelled', { cancellationId: 'c-1' });
		await sim.webhooks.idle();
		expect(sim.webhooks.attempts.at(-1).status).toBe(200);
		expect(served.emitted()[0].webhook).toMatchObject({
			type: 'Transaction.PartialCancelled',
			cancellationId: 'c-1',
		});
	});

	test('rotation: the previous secret still verifies while it is in the credential; both signatures at once too', async () => {
		await serve({}, { webhookSecret: SECRET, previousWebhookSecret: OLD_SECRET });
		expect((await deliver(paid(), { secrets: [OLD_SECRET] })).status).toBe(200);
		expect((await deliver(paid(), { secrets: [OLD_SECRET, SECRET] })).status).toBe(200);
		expect(served.emitted()).toHaveLength(2);
		expect(capturedLogs.some((l) => /signed with the previous secret/.test(l.message))).toBe(true);
	});

	test('a webhook for a payment PortOne does not know is emitted with payment_found: false', async () => {
		await serve();
		expect((await deliver(paid('pay-nobody-knows'))).status).toBe(200);
		expect(served.emitted()[0]).toMatchObject({
			payment_found: false,
			event_key: expect.any(String),
		});
	});

	test('Look Up the Payment off: the webhook alone, nothing looked up', async () => {
		await serve({ lookUp: false });
		await deliver(paid());
		expect(served.emitted()[0].id).toBeUndefined();
		expect(lookups()).toHaveLength(0);
	});
});

describe('refused: 401, nothing started, nothing looked up, a warning that says why', () => {
	test.each([
		[
			'a forged signature (another secret)',
			() => ({ secrets: [OTHER_SECRET] }),
			/no_matching_signature/,
		],
		['a stale timestamp (301 s old)', () => ({ timestamp: nowS() - 301 }), /timestamp_too_old/],
		[
			'a timestamp from the future (301 s)',
			() => ({ timestamp: nowS() + 301 }),
			/timestamp_too_new/,
		],
		[
			'no webhook-signature header',
			() => ({ headers: { 'webhook-signature': '' } }),
			/missing_headers/,
		],
		[
			'a body changed after signing (one space)',
			(event) => ({ body: `${JSON.stringify(event)} ` }),
			/no_matching_signature/,
		],
	])('%s', async (_name, change, reason) => {
		await serve();
		const event = paid();
		// Built when the test runs: a timestamp taken earlier would drift into the tolerance.
		const result = await deliver(event, change(event));
		expect(result.status).toBe(401);
		expect(served.emitted()).toHaveLength(0);
		expect(lookups()).toHaveLength(0);
		expect(capturedLogs.some((l) => l.level === 'warn' && reason.test(l.message))).toBe(true);
	});

	test('a captured delivery replayed past the tolerance is refused by its timestamp', async () => {
		await serve();
		const signed = signedDelivery({
			event: paid(),
			secrets: [SECRET],
			id: 'msg_captured',
			timestamp: nowS() - 400,
		});
		const replay = await post(served.url, signed.body, {
			contentType: signed.contentType,
			headers: signed.headers,
		});
		expect(replay.status).toBe(401);
	});

	test('no webhook secret in the credential: every webhook refused, an error in the log', async () => {
		await serve({}, { webhookSecret: '' });
		expect((await deliver(paid())).status).toBe(401);
		expect(
			capturedLogs.some((l) => l.level === 'error' && /no Webhook Secret/.test(l.message)),
		).toBe(true);
	});
});

describe('verified but not for this workflow', () => {
	test('an event not selected, and an unknown type: 200, nothing started, nothing looked up', async () => {
		await serve();
		expect((await deliver({ ...paid(), type: 'Transaction.Ready' })).status).toBe(200);
		expect((await deliver({ ...paid(), type: 'Transaction.SomethingNew' })).status).toBe(200);
		expect(served.emitted()).toHaveLength(0);
		expect(lookups()).toHaveLength(0);
	});

	test('Transaction.Confirm is never approved: 409, nothing started', async () => {
		await serve({ events: ['Transaction.Paid'] });
		const result = await deliver({
			type: 'Transaction.Confirm',
			timestamp: sim.clock.iso(),
			data: { paymentId: 'pay-card-0001', storeId: 'x', transactionId: 't', totalAmount: 1000 },
		});
		expect(result.status).toBe(409);
		expect(served.emitted()).toHaveLength(0);
	});

	test.each([
		['an empty body', ''],
		['a body that is not JSON', 'hello'],
		['JSON that is not an object', '[1,2]'],
		[
			'a paymentId with a path character',
			JSON.stringify({
				type: 'Transaction.Paid',
				timestamp: '2026-01-01T00:00:00Z',
				data: { paymentId: '../x', storeId: 's' },
			}),
		],
	])('signed, but %s: 400, nothing started or looked up', async (_name, body) => {
		await serve();
		const signed = signedDelivery({
			event: paid(),
			secrets: [SECRET],
			id: 'msg_bad',
			timestamp: nowS(),
		});
		const { webhookHeaders } = require('./portone-simulator/webhooks');
		const headers = webhookHeaders({ id: 'msg_bad', timestamp: nowS(), body, secrets: [SECRET] });
		const result = await post(served.url, body, { contentType: signed.contentType, headers });
		expect([400, 422]).toContain(result.status);
		expect(served.emitted()).toHaveLength(0);
		expect(lookups()).toHaveLength(0);
	});

	test('PortOne cannot be asked about the payment: 503 (PortOne sends it again), nothing started', async () => {
		await serve({ options: { timeoutMs: 3000 } });
		sim.faults.add({
			method: 'GET',
			path: '/payments/',
			action: 'status',
			status: 503,
			times: Infinity,
		});
		expect((await deliver(paid())).status).toBe(503);
		expect(served.emitted()).toHaveLength(0);
	});
});

test('no API secret or webhook secret in any answer, item or log', async () => {
	await serve();
	const answers = [await deliver(paid()), await deliver(paid(), { secrets: [OTHER_SECRET] })];
	const text = visibleText(answers, served.emitted(), capturedLogs);
	for (const secret of [...sim.accounts.list.map((a) => a.apiSecret), SECRET, SECRET.slice(6)]) {
		expect(text.includes(secret)).toBe(false);
	}
});
