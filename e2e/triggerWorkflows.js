'use strict';
/**
 * Part of e2e/trigger.js: the two workflows it builds around the I'mport Trigger (every status,
 * then Remove Duplicates; unverified notifications emitted, i'mport's senders only) and the
 * credential they and the example share.
 */
const { CREDENTIAL_TYPE } = require('./n8n');

const TRIGGER_TYPE = 'n8n-nodes-iamport.iamportTrigger';
const EXAMPLE_FILE = 'cancel-receipt-on-console-cancel.json';

const CREDENTIAL = { id: 'iamportSimulator', name: "I'mport API (simulator)" };

function triggerNode(name, webhookId, parameters, position = [0, 0]) {
	return {
		id: `${webhookId.slice(0, 8)}-0000-4000-8000-000000000001`,
		name,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position,
		webhookId,
		parameters,
		credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
	};
}

function noOp(name, position) {
	return {
		id: `${name.length}b1c2d3e-0000-4000-8000-${String(position[0]).padStart(12, '0')}`,
		name,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position,
		parameters: {},
	};
}

const link = (to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });

/** Every status, unverified ones dropped (the defaults), then n8n's Remove Duplicates on the event key. */
const ALL_STATUSES = {
	id: 'iamportTriggerAll',
	name: "I'mport Trigger e2e: every status, deduplicated",
	active: false,
	nodes: [
		triggerNode('Payment notification', '0e2e0001-aaaa-4bbb-8ccc-000000000001', {
			statuses: ['paid', 'ready', 'cancelled', 'failed'],
			options: {},
		}),
		{
			id: '0e2e0001-aaaa-4bbb-8ccc-000000000002',
			name: 'New events only',
			type: 'n8n-nodes-base.removeDuplicates',
			typeVersion: 2,
			position: [240, 0],
			parameters: {
				operation: 'removeItemsSeenInPreviousExecutions',
				logic: 'removeItemsWithAlreadySeenKeyValues',
				dedupeValue: '={{ $json.event_key }}',
				options: {},
			},
		},
		noOp('New event', [480, 0]),
	],
	connections: {
		'Payment notification': link('New events only'),
		'New events only': link('New event'),
	},
	settings: { executionOrder: 'v1' },
};

/** Unverified notifications emitted (verified: false), and only i'mport's documented senders. */
const EMIT_CHECKED = {
	id: 'iamportTriggerEmit',
	name: "I'mport Trigger e2e: unverified emitted, i'mport's senders only",
	active: false,
	nodes: [
		triggerNode('Checked notification', '0e2e0002-aaaa-4bbb-8ccc-000000000001', {
			statuses: ['paid', 'ready', 'cancelled', 'failed'],
			onUnverified: 'emit',
			checkSender: true,
			options: {},
		}),
		noOp('Received', [240, 0]),
	],
	connections: { 'Checked notification': link('Received') },
	settings: { executionOrder: 'v1' },
};

module.exports = { TRIGGER_TYPE, EXAMPLE_FILE, CREDENTIAL, ALL_STATUSES, EMIT_CHECKED };
