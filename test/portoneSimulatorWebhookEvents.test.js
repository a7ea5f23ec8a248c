'use strict';
/**
 * The PortOne V2 simulator's webhooks on cancels, in both webhook versions and formats: the
 * events sent (none with skipWebhook), their bodies and headers, each signed.
 */
const { START } = require('./helpers/portoneHttp');
const { encode } = require('./portone-simulator/webhooks');
const { SECRET, verifies, webhookReceiverPerTest } = require('./helpers/portoneWebhookReceiver');

const t = webhookReceiverPerTest();

const cancel = (id, body) => t.api.post(`/payments/${id}/cancel`, body);

describe('events on cancels, version 2024-04-25', () => {
	test("a partial then a full cancel send PartialCancelled and Cancelled, signed, with this attempt's time", async () => {
		const first = await cancel('pay-card-0001', { reason: 'x', amount: 1000 });
		t.sim.clock.advance(90);
		await cancel('pay-card-0001', { reason: 'y' });
		await t.sim.webhooks.idle();
		expect(t.receiver.received).toHaveLength(2);
		const [partial, full] = t.receiver.received;
		expect(partial.headers['content-type']).toBe('application/json');
		expect(JSON.parse(partial.body)).toEqual({
			type: 'Transaction.PartialCancelled',
			timestamp: new Date(START).toISOString(),
			data: {
				paymentId: 'pay-card-0001',
				storeId: t.storeA1,
				transactionId: t.sim.payments.get('pay-card-0001').transactionId,
				cancellationId: first.data.cancellation.id,
			},
		});
		expect(JSON.parse(full.body).type).toBe('Transaction.Cancelled');
		expect([partial.headers['webhook-timestamp'], full.headers['webhook-timestamp']]).toEqual([
			String(START / 1000),
			String(START / 1000 + 90),
		]);
		expect(partial.headers['webhook-id']).not.toBe(full.headers['webhook-id']);
		expect(t.receiver.received.every((r) => verifies(SECRET, r))).toBe(true);
	});

	test('CancelPending for REQUESTED, then PartialCancelled when the PG completes; nothing with skipWebhook', async () => {
		await cancel('pay-async-0001', { reason: 'x', amount: 100 });
		t.sim.payments.completeCancellation('pay-async-0001');
		await cancel('pay-card-0002', { reason: 'x', skipWebhook: true });
		await t.sim.webhooks.idle();
		expect(t.receiver.received.map((r) => JSON.parse(r.body).type)).toEqual([
			'Transaction.CancelPending',
			'Transaction.PartialCancelled',
		]);
	});

	test('2024-04-25 cannot be sent form-encoded', () => {
		expect(() => t.sim.webhooks.configure({ format: 'form' })).toThrow(/application\/json only/);
		expect(() =>
			t.sim.webhooks.emit(
				{ type: 'Transaction.Paid', timestamp: 'x', data: {} },
				{ format: 'form' },
			),
		).toThrow(/application\/json only/);
		expect(t.sim.webhooks.config.format).toBe('json');
	});
});

describe('version 2024-01-01', () => {
	test.each([
		['json', 'application/json', (b) => JSON.parse(b)],
		[
			'form',
			'application/x-www-form-urlencoded',
			(b) => Object.fromEntries(new URLSearchParams(b)),
		],
	])(
		'as %s: {payment_id, tx_id, status}, signed the same way',
		async (format, contentType, parse) => {
			t.sim.webhooks.configure({ version: '2024-01-01', format });
			await cancel('pay-async-0001', { reason: 'x' });
			t.sim.payments.completeCancellation('pay-async-0001');
			await t.sim.webhooks.idle();
			const transactionId = t.sim.payments.get('pay-async-0001').transactionId;
			expect(t.receiver.received.map((r) => [r.headers['content-type'], parse(r.body)])).toEqual([
				[
					contentType,
					{ payment_id: 'pay-async-0001', tx_id: transactionId, status: 'CancelPending' },
				],
				[contentType, { payment_id: 'pay-async-0001', tx_id: transactionId, status: 'Cancelled' }],
			]);
			expect(t.receiver.received.every((r) => verifies(SECRET, r))).toBe(true);
		},
	);

	test('events the old version does not know are not sent', () => {
		expect(
			encode({ type: 'BillingKey.Issued', timestamp: 'x', data: {} }, '2024-01-01', 'json'),
		).toBe(null);
		t.sim.webhooks.configure({ version: '2024-01-01' });
		expect(
			t.sim.webhooks.emit({ type: 'Transaction.DisputeCreated', timestamp: 'x', data: {} }),
		).toBe(null);
	});
});
