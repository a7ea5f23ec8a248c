'use strict';
/**
 * I'mport Trigger: notifications posted by the simulator's sender over HTTP to the built node,
 * served through n8n-core's real WebhookContext (test/helpers/webhook.js); the look-up reaches
 * the simulator through n8n-core's request helpers and the credential. Real n8n: e2e/trigger.js.
 */
const { createSimulator } = require('./simulator/server');
const { createNotificationSender } = require('./simulator/notifications');
const { serveTrigger } = require('./helpers/webhook');

const SECRET = 'test_imp_secret_DO_NOT_LEAK';
const ALL = ['paid', 'ready', 'cancelled', 'failed'];
const SEEDED = {
	paid: 'imp_pay_card_0001',
	ready: 'imp_pay_vbank_ready_0001',
	cancelled: 'imp_pay_partial_0001',
	failed: 'imp_pay_failed_0001',
};

let simulator;
let sender;
let served;

async function serve(parameters = {}, { proxyHops, credential } = {}) {
	served = await serveTrigger({
		parameters: { statuses: ALL, onUnverified: 'drop', ...parameters },
		credential: {
			impKey: 'test_imp_key',
			impSecret: SECRET,
			baseUrl: simulator.baseUrl,
			...credential,
		},
		proxyHops,
	});
	return served;
}

const lookups = () => simulator.log.filter((e) => e.rawPath.startsWith('/payments'));
const answerOf = (result) => JSON.parse(result.answer);

beforeEach(async () => {
	simulator = createSimulator();
	await simulator.start();
	sender = createNotificationSender(simulator);
});
afterEach(async () => {
	await served?.stop();
	served = undefined;
	await simulator.stop();
});

describe('verified notifications', () => {
	test.each(['json', 'form'].flatMap((as) => ALL.map((status) => [as, status])))(
		"%s, %s: answered 200, one look-up, the payment as i'mport reports it plus the notification",
		async (as, status) => {
			const { url, emitted } = await serve();
			const impUid = SEEDED[status];
			const result = await sender.notify(url, impUid, { as });
			expect(result.status).toBe(200);
			expect(answerOf(result)).toEqual({ received: true });
			expect(lookups().map((e) => `${e.method} ${e.rawUrl}`)).toEqual([`GET /payments/${impUid}`]);
			const [item, ...more] = emitted();
			expect(more).toEqual([]);
			const { verified, event_key: eventKey, notification, ...payment } = item;
			expect(payment).toEqual(simulator.payments.get(impUid));
			expect(payment.status).toBe(status);
			expect(verified).toBe(true);
			const sent = sender.notificationFor(impUid);
			expect(notification).toEqual({
				imp_uid: impUid,
				merchant_uid: sent.merchant_uid,
				status,
				cancellation_id: sent.cancellation_id ?? null,
				received_at: expect.any(String),
			});
			expect(eventKey).toBe(
				status === 'cancelled'
					? `${impUid}:cancelled:${sent.cancellation_id}`
					: `${impUid}:${status}`,
			);
		},
	);

	test('a duplicate delivery carries the same event key (Remove Duplicates drops it; see e2e)', async () => {
		const { url, emitted } = await serve();
		const results = await sender.notify(url, SEEDED.cancelled, { times: 2 });
		expect(results.map((r) => r.status)).toEqual([200, 200]);
		const [first, second] = emitted();
		expect(first.event_key).toBe(second.event_key);
		expect(first.event_key).toMatch(/^imp_pay_partial_0001:cancelled:CXL\d+$/);
	});

	test('a second partial cancel of the same payment is a different event', async () => {
		const { url, emitted } = await serve();
		const before = sender.notificationFor(SEEDED.cancelled);
		const [status] = simulator.payments.cancel(
			{ imp_uid: SEEDED.cancelled, amount: 1000, checksum: 9000, reason: 'test' },
			{},
		);
		expect(status).toBe(200);
		const after = sender.notificationFor(SEEDED.cancelled);
		expect(after.cancellation_id).not.toBe(before.cancellation_id);
		await sender.post(url, before);
		await sender.post(url, after);
		const keys = emitted().map((i) => i.event_key);
		expect(new Set(keys).size).toBe(2);
		expect(emitted().every((i) => i.verified)).toBe(true);
	});

	test('filter: a status not selected is answered 200 without a look-up or an execution', async () => {
		const { url, emitted } = await serve({ statuses: ['cancelled'] });
		const result = await sender.notify(url, SEEDED.paid);
		expect(result.status).toBe(200);
		expect(lookups()).toEqual([]);
		expect(emitted()).toEqual([]);
	});

	test('test-channel payments: unknown unless Include Test-Channel Payments is on', async () => {
		const notification = {
			imp_uid: 'imp_pay_sandbox_0001',
			merchant_uid: 'order_pay_sandbox_0001',
			status: 'paid',
		};
		const hidden = await serve({ onUnverified: 'emit' });
		await sender.post(hidden.url, notification);
		expect(hidden.emitted()[0]).toMatchObject({ verified: false, reason: 'not_found' });
		await hidden.stop();
		const shown = await serve({ options: { includeSandbox: true } });
		await sender.post(shown.url, notification);
		expect(lookups().map((e) => e.rawUrl)).toEqual([
			'/payments/imp_pay_sandbox_0001',
			'/payments/imp_pay_sandbox_0001?include_sandbox=true',
		]);
		expect(shown.emitted()[0]).toMatchObject({
			verified: true,
			sandbox: true,
			imp_uid: 'imp_pay_sandbox_0001',
		});
	});
});

describe('spoofed notifications never come out as trusted', () => {
	const spoofs = [
		[
			'a status the payment does not have',
			{ imp_uid: SEEDED.paid, merchant_uid: 'order_pay_card_0001', status: 'cancelled' },
			'status_mismatch',
		],
		[
			"an imp_uid i'mport does not know",
			{ imp_uid: 'imp_999999999999', merchant_uid: 'order_x', status: 'paid' },
			'not_found',
		],
		[
			"another payment's merchant_uid",
			{ imp_uid: SEEDED.paid, merchant_uid: 'order_pay_card_0002', status: 'paid' },
			'merchant_uid_mismatch',
		],
		[
			'a cancellation_id not in cancel_history',
			{
				imp_uid: SEEDED.cancelled,
				merchant_uid: 'order_pay_partial_0001',
				status: 'cancelled',
				cancellation_id: 'CXL_FORGED',
			},
			'unknown_cancellation',
		],
	];

	test.each(spoofs)('drop (default): %s -> 200, looked up, no execution', async (_name, body) => {
		const { url, emitted } = await serve();
		const result = await sender.post(url, body);
		expect(result.status).toBe(200);
		expect(answerOf(result)).toEqual({ received: true });
		expect(lookups()).toHaveLength(1);
		expect(emitted()).toEqual([]);
	});

	test.each(spoofs)('emit: %s -> verified: false with the reason', async (_name, body, reason) => {
		const { url, emitted } = await serve({ onUnverified: 'emit' });
		await sender.post(url, body);
		const [item] = emitted();
		expect(item.verified).toBe(false);
		expect(item.reason).toBe(reason);
		expect(typeof item.reason_detail).toBe('string');
		expect(item.notification).toMatchObject({ imp_uid: body.imp_uid, status: body.status });
		if (reason === 'not_found') {
			expect(item.status).toBeUndefined();
		} else {
			// the top level is still i'mport's answer, never the notification's claim
			expect(item.status).toBe(simulator.payments.get(body.imp_uid).status);
		}
	});

	test('the spoofed status through the sender: what comes out', async () => {
		const { url, emitted } = await serve({ onUnverified: 'emit' });
		await sender.notify(url, SEEDED.paid, { spoof: { status: 'cancelled' } });
		const [item] = emitted();
		expect(item).toMatchObject({
			imp_uid: SEEDED.paid,
			status: 'paid',
			verified: false,
			reason: 'status_mismatch',
			reason_detail: 'The notification says "cancelled" but i\'mport reports the payment as "paid"',
			event_key: `unverified/${SEEDED.paid}:cancelled`,
			notification: { imp_uid: SEEDED.paid, status: 'cancelled', cancellation_id: null },
		});
	});
});

describe('bad input: 400, no look-up, no execution', () => {
	const cases = [
		['an empty JSON body', '', 'application/json', /empty/],
		['an empty form body', '', 'application/x-www-form-urlencoded', /empty/],
		['an empty JSON object', '{}', 'application/json', /empty/],
		[
			'a JSON array',
			'[{"imp_uid":"imp_1","status":"paid"}]',
			'application/json',
			/must be an object/,
		],
		['a JSON string', '"imp_pay_card_0001"', 'application/json', /must be an object/],
		[
			'no imp_uid',
			{ merchant_uid: 'order_1', status: 'paid' },
			'application/json',
			/imp_uid is missing/,
		],
		['no status', { imp_uid: SEEDED.paid }, 'application/json', /status is missing/],
		['a numeric imp_uid', '{"imp_uid":123,"status":"paid"}', 'application/json', /single string/],
		[
			'imp_uid given twice (form)',
			'imp_uid=imp_a&imp_uid=imp_b&status=paid',
			'application/x-www-form-urlencoded',
			/single string/,
		],
		[
			'imp_uid with a slash',
			{ imp_uid: '../receipts/imp_pay_card_0001', status: 'paid' },
			'application/json',
			/imp_uid may only hold/,
		],
		['imp_uid "..', { imp_uid: '..', status: 'paid' }, 'application/json', /imp_uid may only hold/],
		[
			'imp_uid with %2F',
			{ imp_uid: 'imp_1%2F..%2Fbanks', status: 'paid' },
			'application/json',
			/imp_uid may only hold/,
		],
		[
			'imp_uid with ? and #',
			{ imp_uid: 'imp_1?include_sandbox=true#x', status: 'paid' },
			'application/json',
			/imp_uid may only hold/,
		],
		[
			'a status that is not a word',
			{ imp_uid: SEEDED.paid, status: 'PAID; DROP' },
			'application/json',
			/status must be/,
		],
		['text/plain', 'imp_uid=imp_pay_card_0001&status=paid', 'text/plain', /Content-Type must be/],
		[
			'XML',
			'<x><imp_uid>imp_pay_card_0001</imp_uid><status>paid</status></x>',
			'application/xml',
			/Content-Type must be/,
		],
		[
			'no Content-Type',
			'{"imp_uid":"imp_pay_card_0001","status":"paid"}',
			'',
			/Content-Type must be/,
		],
		[
			'a control character in merchant_uid',
			{ imp_uid: SEEDED.paid, merchant_uid: 'a\u0000b', status: 'paid' },
			'application/json',
			/merchant_uid must be/,
		],
	];

	test.each(cases)('%s', async (_name, body, contentType, message) => {
		const { url, emitted, calls } = await serve();
		const result = await sender.post(
			url,
			body,
			contentType ? { contentType } : { headers: { 'content-type': undefined } },
		);
		expect(result.status).toBe(400);
		expect(answerOf(result).error).toMatch(message);
		expect(lookups()).toEqual([]);
		expect(emitted()).toEqual([]);
		expect(calls[0].error).toBeUndefined();
	});
});

describe('sender check', () => {
	const body = () => sender.notificationFor(SEEDED.paid);

	test('off (default): any address is served', async () => {
		const { url, emitted } = await serve();
		await sender.post(url, body(), { localAddress: '127.0.0.9' });
		expect(emitted()).toHaveLength(1);
	});

	test("on, i'mport's documented addresses: a loopback sender gets 403, nothing is looked up", async () => {
		const { url, emitted } = await serve({ checkSender: true });
		const result = await sender.post(url, body());
		expect(result.status).toBe(403);
		expect(answerOf(result)).toEqual({ error: 'This sender is not allowed' });
		expect(lookups()).toEqual([]);
		expect(emitted()).toEqual([]);
	});

	test('on, an edited list: only the listed address gets through', async () => {
		const { url, emitted } = await serve({
			checkSender: true,
			allowedSenders: '52.78.100.19, 127.0.0.2',
		});
		expect((await sender.post(url, body(), { localAddress: '127.0.0.2' })).status).toBe(200);
		expect((await sender.post(url, body(), { localAddress: '127.0.0.3' })).status).toBe(403);
		expect(emitted()).toHaveLength(1);
	});

	test('X-Forwarded-For is ignored unless n8n trusts a proxy (N8N_PROXY_HOPS)', async () => {
		const { url } = await serve({ checkSender: true });
		const result = await sender.post(url, body(), {
			headers: { 'x-forwarded-for': '52.78.100.19' },
		});
		expect(result.status).toBe(403);
	});

	test('behind one trusted proxy: the address the proxy saw decides; a forged earlier entry does not help', async () => {
		const { url, emitted } = await serve({ checkSender: true }, { proxyHops: 1 });
		expect(
			(await sender.post(url, body(), { headers: { 'x-forwarded-for': '52.78.48.223' } })).status,
		).toBe(200);
		expect(
			(
				await sender.post(url, body(), {
					headers: { 'x-forwarded-for': '52.78.100.19, 203.0.113.7' },
				})
			).status,
		).toBe(403);
		expect(emitted()).toHaveLength(1);
	});

	test('an invalid entry refuses everyone (a typo must not open the door)', async () => {
		const { url } = await serve({ checkSender: true, allowedSenders: '127.0.0.1, 52.78.100.300' });
		expect((await sender.post(url, body())).status).toBe(403);
	});
});

describe("when i'mport cannot be asked", () => {
	test('503 twice: 503 to the sender, no execution, two attempts', async () => {
		simulator.faults.add({
			method: 'GET',
			path: '/payments/',
			action: 'status',
			status: 503,
			times: 2,
		});
		const { url, emitted } = await serve({ onUnverified: 'emit' });
		const result = await sender.notify(url, SEEDED.paid);
		expect(result.status).toBe(503);
		expect(answerOf(result).error).toMatch(/could not be checked/);
		expect(lookups()).toHaveLength(2);
		expect(emitted()).toEqual([]);
	});

	test('one transient failure is retried once, then the notification is verified', async () => {
		simulator.faults.add({ method: 'GET', path: '/payments/', action: 'reset', times: 1 });
		const { url, emitted } = await serve();
		expect((await sender.notify(url, SEEDED.paid)).status).toBe(200);
		expect(emitted()).toHaveLength(1);
	});

	test('a look-up that never answers: 503 when the Look-up Timeout is used up, no second attempt past it', async () => {
		simulator.faults.add({ method: 'GET', path: '/payments/', action: 'hang', times: Infinity });
		const { url, emitted } = await serve({ options: { timeoutMs: 1000 } });
		const result = await sender.notify(url, SEEDED.paid);
		expect(result.status).toBe(503);
		expect(lookups()).toHaveLength(1);
		expect(emitted()).toEqual([]);
	});

	test('a refused API secret: 503, and neither the secret nor a token in the answer', async () => {
		const { url, emitted, calls } = await serve(
			{},
			{ credential: { impSecret: 'wrong_secret_DO_NOT_LEAK' } },
		);
		const result = await sender.notify(url, SEEDED.paid);
		expect(result.status).toBe(503);
		expect(result.answer).not.toMatch(/DO_NOT_LEAK/);
		expect(emitted()).toEqual([]);
		expect(calls[0].error).toBeUndefined();
	});

	test('an expired token is renewed once and the look-up goes on', async () => {
		const { url, emitted } = await serve();
		await sender.notify(url, SEEDED.paid);
		simulator.expireAllTokens();
		await sender.notify(url, SEEDED.ready);
		expect(emitted().map((i) => i.verified)).toEqual([true, true]);
		expect(simulator.tokenRequests()).toHaveLength(2);
	});
});

test('no secret or token in any answer or emitted item', async () => {
	const { url, emitted } = await serve({ onUnverified: 'emit' });
	for (const status of ALL) await sender.notify(url, SEEDED[status]);
	await sender.post(url, { imp_uid: 'imp_999999999999', status: 'paid' });
	const text = JSON.stringify([emitted(), sender.sent.map((s) => s.answer)]);
	expect(text).not.toContain(SECRET);
	for (const token of simulator.issuedTokens) expect(text).not.toContain(token);
});
