'use strict';
/**
 * I'mport Trigger, spoofed notifications: a claim i'mport's look-up does not back is dropped, or
 * emitted as verified: false with the reason, never as trusted. Real n8n: e2e/trigger.js.
 */
const { triggerWorldPerTest, answerOf, SEEDED } = require('./helpers/triggerWorld');

const world = triggerWorldPerTest();
const { serve, lookups } = world;

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
		const result = await world.sender.post(url, body);
		expect(result.status).toBe(200);
		expect(answerOf(result)).toEqual({ received: true });
		expect(lookups()).toHaveLength(1);
		expect(emitted()).toEqual([]);
	});

	test.each(spoofs)('emit: %s -> verified: false with the reason', async (_name, body, reason) => {
		const { url, emitted } = await serve({ onUnverified: 'emit' });
		await world.sender.post(url, body);
		const [item] = emitted();
		expect(item.verified).toBe(false);
		expect(item.reason).toBe(reason);
		expect(typeof item.reason_detail).toBe('string');
		expect(item.notification).toMatchObject({ imp_uid: body.imp_uid, status: body.status });
		if (reason === 'not_found') {
			expect(item.status).toBeUndefined();
		} else {
			// the top level is still i'mport's answer, never the notification's claim
			expect(item.status).toBe(world.simulator.payments.get(body.imp_uid).status);
		}
	});

	test('the spoofed status through the sender: what comes out', async () => {
		const { url, emitted } = await serve({ onUnverified: 'emit' });
		await world.sender.notify(url, SEEDED.paid, { spoof: { status: 'cancelled' } });
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
