import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listingFields } from '../../listing.descriptions';

const properties: INodeProperties[] = [
	...listingFields({
		windowOn: {
			displayName: 'Window On',
			name: 'timeField',
			type: 'options',
			default: 'ISSUED_AT',
			description: 'Which time of a receipt the window applies to',
			options: [
				{ name: 'Issued', value: 'ISSUED_AT' },
				{ name: 'Cancelled', value: 'CANCELLED_AT' },
				{ name: 'Status Updated', value: 'STATUS_UPDATED_AT' },
			],
		},
		statuses: [
			{ name: 'Cancelled', value: 'CANCELLED' },
			{
				name: 'Issue Failed (ISSUE_FAILED)',
				value: 'FAILED',
				description: 'Sent as the filter value FAILED',
			},
			{ name: 'Issued', value: 'ISSUED' },
		],
		what: 'receipts',
	}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Manual Only',
				name: 'isManual',
				type: 'boolean',
				default: true,
				description:
					'Whether to list only receipts issued by hand (POST /cash-receipts); off: only those issued with a payment',
			},
			{ displayName: 'Payment ID', name: 'paymentId', type: 'string', default: '' },
			{
				displayName: 'Types',
				name: 'types',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Corporate (Expense Proof)', value: 'CORPORATE' },
					{ name: 'Personal (Income Deduction)', value: 'PERSONAL' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['cashReceipt'], operation: ['getMany'] } },
	properties,
);
