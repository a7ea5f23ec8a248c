import type { INodeProperties } from 'n8n-workflow';

import { customerUidField } from '../shared';

export const showFor = { resource: ['subscription'], operation: ['unschedule'] };

/** The fields of Subscription → Unschedule, POST /subscribe/payments/unschedule. */
export const description: INodeProperties[] = [
	customerUidField(showFor, 'The billing key (customer_uid) whose scheduled payments to withdraw'),
	{
		displayName: 'Merchant UIDs',
		name: 'merchantUids',
		type: 'string',
		default: '',
		placeholder: 'order_2026_12, order_2027_01',
		description:
			"Only these scheduled payments (their merchant_uid), separated by commas or line breaks, or a list from an expression. Empty: every payment still scheduled for this customer_uid. Each is looked up first: one that i'mport does not know, or that belongs to another customer_uid, refuses the item (nothing sent).",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only look the schedules up and report what would be unscheduled (would_unschedule or nothing_scheduled), changing nothing',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Additional Fields',
		name: 'unscheduleFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Look Ahead (Days)',
				name: 'lookAheadDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3650, numberPrecision: 0 },
				default: 365,
				description:
					"Without Merchant UIDs: how far ahead the customer's schedules are looked up (read in 90-day slices) for the dry run, the output and the check after a lost answer. The unschedule itself withdraws every scheduled payment of the customer_uid, also later ones; only those within this many days are listed.",
			},
		],
	},
];
