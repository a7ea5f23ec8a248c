'use strict';
/**
 * Part of e2e/portoneTrigger.js: the workflow "every default event" (the PortOne Trigger as a new
 * node has it, its five default Events, then Remove Duplicates on event_key) and what must start it
 * in a real n8n: each default event in each body version and format PortOne sends (2024-04-25
 * JSON; 2024-01-01 JSON and form), with the one payment look-up each makes (for the store a
 * 2024-04-25 webhook names) and the item the execution got, the payment as PortOne reports it.
 */
const { check, same, sameJson } = require('./script');
const { itemsOf } = require('./workflowsOverRest');
const { LEGACY_STATUS } = require('../test/portone-simulator/webhooks');

const CREDENTIAL_TYPE = 'portOneApi';
const TRIGGER_TYPE = 'n8n-nodes-iamport.portOneTrigger';
const CREDENTIAL_NAME = 'PortOne V2 API (simulator)';

const node = (name, type, position, parameters, extra = {}) => ({
	id: `e2e0a001-0000-4000-8000-00000000000${position[0] / 240 + 1}`,
	name,
	type,
	typeVersion: type === 'n8n-nodes-base.removeDuplicates' ? 2 : 1,
	position,
	parameters,
	...extra,
});
const link = (to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
/** The trigger as a new node has it (the five default Events), then Remove Duplicates on event_key. */
const EVERY_EVENT = {
	name: 'PortOne Trigger e2e: every default event, deduplicated',
	nodes: [
		node(
			'PortOne webhook',
			TRIGGER_TYPE,
			[0, 0],
			{ lookUp: true, options: {} },
			{
				webhookId: 'e2e0a001-0000-4000-8000-0000000000aa',
				credentials: { [CREDENTIAL_TYPE]: { id: 'set-when-created', name: CREDENTIAL_NAME } },
			},
		),
		node('New events only', 'n8n-nodes-base.removeDuplicates', [240, 0], {
			operation: 'removeItemsSeenInPreviousExecutions',
			logic: 'removeItemsWithAlreadySeenKeyValues',
			dedupeValue: '={{ $json.event_key }}',
			options: {},
		}),
		node('New event', 'n8n-nodes-base.noOp', [480, 0], {}),
	],
	connections: { 'PortOne webhook': link('New events only'), 'New events only': link('New event') },
	settings: { executionOrder: 'v1' },
};

/** The five default events, and the payment each is about: [type, 2024-04-25, 2024-01-01]. */
const DEFAULT_EVENTS = [
	['Transaction.Paid', 'pay-store-a2-0001', 'pay-card-0001'],
	['Transaction.VirtualAccountIssued', 'pay-vbank-issued-0001', 'pay-vbank-issued-0001'],
	['Transaction.PartialCancelled', 'pay-partial-0001', 'pay-partial-0001'],
	['Transaction.Cancelled', 'pay-cancelled-0001', 'pay-cancelled-0001'],
	['Transaction.Failed', 'pay-failed-0001', 'pay-failed-0001'],
];
const ENCODINGS = [
	['2024-04-25', 'json'],
	['2024-01-01', 'json'],
	['2024-01-01', 'form'],
];

/** One delivered default event: the answer, the one look-up, and the execution's item. */
function checkDelivered(sim, sent, execution, [type, version, format, id]) {
	const legacy = version === '2024-01-01';
	const truth = sim.payments.get(id);
	const store = legacy ? '' : `?storeId=${encodeURIComponent(truth.storeId)}`;
	const lookup = `GET /payments/${id}${store}`;
	check(
		`${version} ${format} ${type} (${id}): 200, ${lookup}, an execution with the payment as PortOne reports it, event_key = webhook-id, a new event`,
		() => {
			const [item] = itemsOf(execution, 'PortOne webhook');
			const { payment_found: found, event_key: key, webhook: w = {}, ...payment } = item ?? {};
			const mismatch = sameJson(payment, truth);
			if (mismatch !== true) return mismatch;
			const signedAt = Number(sent.attempt.headers['webhook-timestamp']) * 1000;
			return same(
				{
					http: `${sent.status} ${sent.answer}`,
					lookups: sent.lookups,
					run: execution.status,
					found,
					key,
					passed: itemsOf(execution, 'New events only').length,
					webhook: [w.id, w.type, w.version, w.status, w.paymentId, w.storeId, w.signed_at],
				},
				{
					http: '200 {"received":true}',
					lookups: [lookup],
					run: 'success',
					found: true,
					key: sent.delivery.id,
					passed: 1,
					webhook: [
						sent.delivery.id,
						type,
						version,
						legacy ? LEGACY_STATUS[type] : null,
						id,
						legacy ? null : truth.storeId,
						new Date(signedAt).toISOString(),
					],
				},
			);
		},
	);
}

/** Sends every default event in every version and format; returns what was sent, in order. */
async function everyEventInN8n({ sim, d, waiter, every, url }) {
	console.log(`\n${EVERY_EVENT.name}`);
	const delivered = [];
	for (const [type, currentId, legacyId] of DEFAULT_EVENTS) {
		for (const [version, format] of ENCODINGS) {
			const id = version === '2024-01-01' ? legacyId : currentId;
			const sent = await d.emit(url, id, type, { version, format });
			delivered.push(sent);
			checkDelivered(sim, sent, await waiter.next(every.id), [type, version, format, id]);
		}
	}
	return delivered;
}

module.exports = { EVERY_EVENT, everyEventInN8n, CREDENTIAL_TYPE, TRIGGER_TYPE, CREDENTIAL_NAME };
