'use strict';
/**
 * I'mport Trigger, verified notifications: the simulator's sender posts over HTTP to the built
 * node, the look-up reaches the simulator through n8n-core's request helpers and the credential,
 * and what comes out is i'mport's payment plus the notification. Real n8n: e2e/trigger.js.
 */
const { triggerWorldPerTest, answerOf, SECRET, ALL, SEEDED } = require('./helpers/triggerWorld');

const world = triggerWorldPerTest();
const { serve, lookups } = world;

describe('verified notifications', () => {
	test.each(['json', 'form'].flatMap((as) => ALL.map((status) => [as, status])))(
		"%s, %s: answered 200, one look-up, the payment as i'mport reports it plus the notification",
		async (as, status) => {
			const { url, emitted } = await serve();
			const impUid = SEEDED[status];
			const result = await world.sender.notify(url, impUid, { as });
			expect(result.status).toBe(200);
			expect(answerOf(result)).toEqual({ received: true });
			expect(lookups().map((e) => `${e.method} ${e.rawUrl}`)).toEqual([`GET /payments/${impUid}`]);
			const [item, ...more] = emitted();
			expect(more).toEqual([]);
			const { verified, event_key: eventKey, notification, ...payment } = item;
			expect(payment).toEqual(world.simulator.payments.get(impUid));
			expect(payment.status).toBe(status);
			expect(verified).toBe(true);
			const sent = world.sender.notificationFor(impUid);
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
		const results = await world.sender.notify(url, SEEDED.cancelled, { times: 2 });
		expect(results.map((r) => r.status)).toEqual([200, 200]);
		const [first, second] = emitted();
		expect(first.event_key).toBe(second.event_key);
		expect(first.event_key).toMatch(/^imp_pay_partial_0001:cancelled:CXL\d+$/);
	});

	test('a second partial cancel of the same payment is a different event', async () => {
		const { url, emitted } = await serve();
		const before = world.sender.notificationFor(SEEDED.cancelled);
		const [status] = world.simulator.payments.cancel(
			{ imp_uid: SEEDED.cancelled, amount: 1000, checksum: 9000, reason: 'test' },
			{},
		);
		expect(status).toBe(200);
		const after = world.sender.notificationFor(SEEDED.cancelled);
		expect(after.cancellation_id).not.toBe(before.cancellation_id);
		await world.sender.post(url, before);
		await world.sender.post(url, after);
		const keys = emitted().map((i) => i.event_key);
		expect(new Set(keys).size).toBe(2);
		expect(emitted().every((i) => i.verified)).toBe(true);
	});

	test('filter: a status not selected is answered 200 without a look-up or an execution', async () => {
		const { url, emitted } = await serve({ statuses: ['cancelled'] });
		const result = await world.sender.notify(url, SEEDED.paid);
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
		await world.sender.post(hidden.url, notification);
		expect(hidden.emitted()[0]).toMatchObject({ verified: false, reason: 'not_found' });
		await hidden.stop();
		const shown = await serve({ options: { includeSandbox: true } });
		await world.sender.post(shown.url, notification);
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

test('no secret or token in any answer or emitted item', async () => {
	const { url, emitted } = await serve({ onUnverified: 'emit' });
	for (const status of ALL) await world.sender.notify(url, SEEDED[status]);
	await world.sender.post(url, { imp_uid: 'imp_999999999999', status: 'paid' });
	const text = JSON.stringify([emitted(), world.sender.sent.map((s) => s.answer)]);
	expect(text).not.toContain(SECRET);
	for (const token of world.simulator.issuedTokens) expect(text).not.toContain(token);
});
