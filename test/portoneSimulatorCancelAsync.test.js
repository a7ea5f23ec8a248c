'use strict';
/**
 * POST /payments/{paymentId}/cancel of the PortOne V2 simulator over plain HTTP: asynchronous
 * (REQUESTED) and failed-after-accepting cancels, and that money moves only once the PG finishes.
 */
const { simulatorPerTest } = require('./helpers/portoneHttp');
const { cancelling } = require('./helpers/portoneSimulatorCancel');

const t = simulatorPerTest();
const { cancel, moved, eventTypes } = cancelling(t);

describe('asynchronous and failing PGs', () => {
	test('REQUESTED: nothing moves until the PG finishes; the hook completes it later', async () => {
		const requested = await cancel('pay-async-0001', { reason: 'ref:ASYNC-1', amount: 5000 });
		expect(requested.status).toBe(200);
		const { cancellation } = requested.data;
		expect(cancellation).toMatchObject({
			status: 'REQUESTED',
			totalAmount: 5000,
			reason: 'ref:ASYNC-1',
		});
		expect(cancellation).not.toHaveProperty('receiptUrl');
		const pending = (await t.api.get('/payments/pay-async-0001')).data;
		expect(pending).toMatchObject({ status: 'PAID', amount: { cancelled: 0 } });
		expect(pending.cancellations).toEqual([cancellation]);
		expect(moved('pay-async-0001')).toBe(0);
		// The reserved 5,000 is not cancellable again: the balance check sees 15,000.
		const twice = await cancel('pay-async-0001', {
			reason: 'ref:ASYNC-1',
			amount: 5000,
			currentCancellableAmount: 20000,
		});
		expect(twice.data.type).toBe('CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN');
		t.sim.clock.advance(600);
		const done = t.sim.payments.completeCancellation('pay-async-0001');
		expect(done).toMatchObject({ id: cancellation.id, status: 'SUCCEEDED' });
		const after = (await t.api.get('/payments/pay-async-0001')).data;
		expect(after).toMatchObject({ status: 'PARTIAL_CANCELLED', amount: { cancelled: 5000 } });
		expect(Date.parse(after.cancelledAt) - Date.parse(cancellation.requestedAt)).toBe(600_000);
		expect(moved('pay-async-0001')).toBe(1);
		expect(eventTypes()).toEqual([
			'Transaction.CancelPending pay-async-0001',
			'Transaction.PartialCancelled pay-async-0001',
		]);
		expect(t.sim.webhooks.events.map((e) => e.data.cancellationId)).toEqual([
			cancellation.id,
			cancellation.id,
		]);
	});

	test('REQUESTED that the PG then fails: no money, the balance is free again', async () => {
		const { data } = await cancel('pay-async-0001', { reason: 'x' });
		expect(
			t.sim.payments.completeCancellation('pay-async-0001', {
				outcome: 'FAILED',
				cancellationId: data.cancellation.id,
			}).status,
		).toBe('FAILED');
		expect(() => t.sim.payments.completeCancellation('pay-async-0001')).toThrow(/no REQUESTED/);
		expect(moved('pay-async-0001')).toBe(0);
		expect(
			(await cancel('pay-async-0001', { reason: 'x', currentCancellableAmount: 20000 })).data
				.cancellation.status,
		).toBe('REQUESTED');
	});

	test('FAILED after accepting: 200 with a FAILED cancellation, no money, no webhook', async () => {
		const answer = await cancel('pay-fail-after-0001', { reason: 'x', amount: 1000 });
		expect(answer.status).toBe(200);
		expect(answer.data.cancellation).toMatchObject({ status: 'FAILED', totalAmount: 1000 });
		const payment = (await t.api.get('/payments/pay-fail-after-0001')).data;
		expect(payment).toMatchObject({ status: 'PAID', amount: { cancelled: 0 } });
		expect(payment.cancellations.map((c) => c.status)).toEqual(['FAILED']);
		expect(moved('pay-fail-after-0001')).toBe(0);
		expect(t.sim.webhooks.events).toEqual([]);
	});

	test("setCancelMode switches one payment's PG behaviour", async () => {
		t.sim.payments.setCancelMode('pay-card-0002', 'refuse');
		expect((await cancel('pay-card-0002', { reason: 'x' })).status).toBe(502);
		t.sim.payments.setCancelMode('pay-card-0002', 'request');
		expect((await cancel('pay-card-0002', { reason: 'x' })).data.cancellation.status).toBe(
			'REQUESTED',
		);
	});
});
