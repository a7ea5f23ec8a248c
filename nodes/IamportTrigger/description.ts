import type { INodeProperties } from 'n8n-workflow';

import { DOCUMENTED_SENDERS } from './notification';

/** The I'mport Trigger's fields: which statuses start a workflow, unverified notifications, the sender check. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"i'mport V1 notifications are not signed: each one is checked by looking the payment up (GET /payments/{imp_uid}) with the credential, and the payment is emitted as i'mport reports it. Set the Production URL shown under Webhook URLs in the PortOne console (Integration > Webhook).",
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		required: true,
		options: [
			{
				name: 'Cancelled',
				value: 'cancelled',
				description: 'Cancelled in the console (or by the API with enable_webhook)',
			},
			{
				name: 'Failed',
				value: 'failed',
				description: 'A scheduled (subscription) payment failed',
			},
			{
				name: 'Paid',
				value: 'paid',
				description: 'Paid, including a virtual-account deposit and a scheduled payment',
			},
			{
				name: 'Ready',
				value: 'ready',
				description: 'A virtual account was issued, awaiting the deposit',
			},
		],
		default: ['paid', 'ready', 'cancelled', 'failed'],
		description:
			'Which notifications start the workflow, by the status they announce. Others are answered with HTTP 200 and not looked up.',
	},
	{
		displayName: 'Unverified Notifications',
		name: 'onUnverified',
		type: 'options',
		options: [
			{
				name: 'Drop',
				value: 'drop',
				description: "Answer HTTP 200, start nothing, log a warning in n8n's log",
			},
			{
				name: 'Emit With Verified: False',
				value: 'emit',
				description:
					'Start the workflow with verified: false and a reason; check `verified` before acting',
			},
		],
		default: 'drop',
		description:
			"What happens to a notification that i'mport's own answer does not confirm: an unknown imp_uid, or a status, merchant_uid or cancellation_id that disagrees with the payment",
	},
	{
		displayName: "Only Accept I'mport's Sender Addresses",
		name: 'checkSender',
		type: 'boolean',
		default: false,
		description:
			'Whether to refuse (HTTP 403, no execution) requests from other addresses. The address is the one n8n sees: behind a reverse proxy set N8N_PROXY_HOPS, or every notification is refused.',
	},
	{
		displayName: 'Allowed Sender Addresses',
		name: 'allowedSenders',
		type: 'string',
		default: DOCUMENTED_SENDERS,
		displayOptions: { show: { checkSender: [true] } },
		description:
			"IPv4 or IPv6 addresses (or IPv4 ranges such as 10.0.0.0/8), separated by commas. Defaults to the addresses i'mport documents; they have changed before. A list with an invalid entry refuses everyone.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Test-Channel Payments',
				name: 'includeSandbox',
				type: 'boolean',
				default: false,
				description:
					"Whether to look payments up with include_sandbox=true. i'mport hides test-channel payments otherwise, so their notifications count as unknown.",
			},
			{
				displayName: 'Look-up Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				typeOptions: { minValue: 1000, maxValue: 14000, numberPrecision: 0 },
				default: 10000,
				description:
					"The longest the look-up may take, including one more attempt after a transient failure. i'mport waits 30 s for the answer to a first delivery and 15 s for a re-sent one.",
			},
		],
	},
];
