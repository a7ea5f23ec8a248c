'use strict';
/**
 * The event lists (nodes/PortOneTrigger/events.ts, through webhookBody.ts): the Events option, the
 * default selection, the 2024-01-01 statuses' names, and isSelectedEvent on both versions.
 */
const { Webhook } = require('@portone/server-sdk');
const {
	isSelectedEvent,
	WEBHOOK_EVENT_OPTIONS,
	KNOWN_EVENT_TYPES,
	DEFAULT_EVENTS,
	LEGACY_STATUS_EVENTS,
} = require('../dist/nodes/PortOneTrigger/webhookBody.js');
const { LEGACY_STATUS } = require('./portone-simulator/webhooks');
const { json, current } = require('./helpers/portoneWebhookBody');

describe('the Events list', () => {
	test('16 events, the SDK recognises each one, sorted by display name', () => {
		expect(KNOWN_EVENT_TYPES).toHaveLength(16);
		expect(WEBHOOK_EVENT_OPTIONS.map((option) => option.value)).toEqual(KNOWN_EVENT_TYPES);
		for (const type of KNOWN_EVENT_TYPES)
			expect(Webhook.isUnrecognizedWebhook({ type })).toBe(false);
		expect(Webhook.isUnrecognizedWebhook({ type: 'Transaction.SomethingNew' })).toBe(true);
		const names = WEBHOOK_EVENT_OPTIONS.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		for (const option of WEBHOOK_EVENT_OPTIONS)
			expect(option.description).toEqual(expect.any(String));
	});

	test('the default: money and what to act on; not Ready, Pending, disputes, billing keys or Confirm', () => {
		expect([...DEFAULT_EVENTS].sort()).toEqual([
			'Transaction.Cancelled',
			'Transaction.Failed',
			'Transaction.Paid',
			'Transaction.PartialCancelled',
			'Transaction.VirtualAccountIssued',
		]);
		for (const type of DEFAULT_EVENTS) expect(KNOWN_EVENT_TYPES).toContain(type);
	});

	test("2024-01-01 statuses map onto the same names (the simulator's mapping, inverted)", () => {
		expect(LEGACY_STATUS_EVENTS).toEqual(
			Object.fromEntries(Object.entries(LEGACY_STATUS).map(([type, status]) => [status, type])),
		);
	});

	test('isSelectedEvent: one filter for both versions; an unknown event is never selected', () => {
		const paidNow = current('Transaction.Paid', { paymentId: 'p' });
		const paidThen = json({ payment_id: 'p', status: 'Paid' });
		const ready = json({ payment_id: 'p', status: 'Ready' });
		const unknown = json({ type: 'Transaction.SomethingNew' });
		expect(
			[paidNow, paidThen, ready, unknown].map((e) => isSelectedEvent(e, DEFAULT_EVENTS)),
		).toEqual([true, true, false, false]);
		expect(isSelectedEvent(unknown, ['Transaction.SomethingNew'])).toBe(false);
		expect(isSelectedEvent(json({ payment_id: 'p', status: 'Refunded' }), [null])).toBe(false);
	});
});
