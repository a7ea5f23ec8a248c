import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_EVENTS, LEGACY_CONFIRM_EVENT, WEBHOOK_EVENT_OPTIONS } from './webhookBody';

/** The PortOne Trigger's fields: which events start a workflow, the payment look-up, its timeout. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Every webhook is checked against its signature (Standard Webhooks, with the Webhook Secret of the credential) before anything else; unsigned, altered, stale and replayed-late deliveries get HTTP 401 and start nothing. Set the Production URL shown under Webhook URLs in the PortOne console (Integration > Webhook, V2).',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		// Transaction.Confirm asks for an approval this trigger never gives (see webhook()).
		options: WEBHOOK_EVENT_OPTIONS.filter((option) => option.value !== LEGACY_CONFIRM_EVENT),
		default: [...DEFAULT_EVENTS],
		description:
			'Which webhooks start the workflow (both webhook versions: 2024-04-25 types, and 2024-01-01 statuses read as the same events). Others, and types this package does not know, are answered 200 and start nothing.',
	},
	{
		displayName: 'Look Up the Payment',
		name: 'lookUp',
		type: 'boolean',
		default: true,
		description:
			'Whether to fetch the payment (GET /payments/{paymentId}) and emit it as PortOne reports it: the webhook carries only IDs. If PortOne cannot be asked, the webhook is answered 503 so PortOne sends it again.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Look-up Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				typeOptions: { minValue: 1000, maxValue: 25000, numberPrecision: 0 },
				default: 10000,
				description:
					'The longest the look-up may take, one more attempt after a transient failure included. PortOne waits 30 s for the answer.',
			},
		],
	},
];
