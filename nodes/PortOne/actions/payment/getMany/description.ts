import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyField } from '../../../../engine/simplify';
import { listingFields } from '../../listing.descriptions';

/** Payment statuses as GET /payments filters them (the filter says PENDING where a payment says PAY_PENDING). */
export const STATUS_OPTIONS = [
	{ name: 'Cancelled', value: 'CANCELLED' },
	{ name: 'Failed', value: 'FAILED' },
	{ name: 'Paid', value: 'PAID' },
	{ name: 'Partially Cancelled', value: 'PARTIAL_CANCELLED' },
	{
		name: 'Pay Pending (PAY_PENDING)',
		value: 'PENDING',
		description: 'Sent as the filter value PENDING',
	},
	{ name: 'Ready', value: 'READY' },
	{ name: 'Virtual Account Issued', value: 'VIRTUAL_ACCOUNT_ISSUED' },
];

export const METHOD_OPTIONS = [
	{ name: 'Card', value: 'CARD' },
	{ name: 'Convenience Store', value: 'CONVENIENCE_STORE' },
	{ name: 'Crypto', value: 'CRYPTO' },
	{ name: 'Easy Pay', value: 'EASY_PAY' },
	{ name: 'Gift Certificate', value: 'GIFT_CERTIFICATE' },
	{ name: 'Mobile', value: 'MOBILE' },
	{ name: 'Transfer', value: 'TRANSFER' },
	{ name: 'Virtual Account', value: 'VIRTUAL_ACCOUNT' },
];

/** PaymentTextSearchField, the fields a text search may look in (ALL: every one). */
export const TEXT_FIELDS = [
	'ALL',
	'PAYMENT_ID',
	'TX_ID',
	'ORDER_NAME',
	'CUSTOMER_NAME',
	'CUSTOMER_EMAIL',
	'CUSTOMER_PHONE_NUMBER',
	'PG_TX_ID',
	'CANCEL_REASON',
	'BILLING_KEY',
	'SCHEDULE_ID',
];

const titleOf = (value: string) =>
	value
		.toLowerCase()
		.split('_')
		.map((word) =>
			['id', 'tx', 'pg'].includes(word)
				? word.toUpperCase()
				: word[0].toUpperCase() + word.slice(1),
		)
		.join(' ');

const properties: INodeProperties[] = [
	...listingFields({
		windowOn: {
			displayName: 'Window On',
			name: 'timeField',
			type: 'options',
			default: 'STATUS_CHANGED_AT',
			description: 'Which time of a payment the window applies to',
			options: [
				{
					name: 'Status Changed',
					value: 'STATUS_CHANGED_AT',
					description: 'When it was paid, cancelled, failed, and so on',
				},
				{ name: 'Created', value: 'CREATED_AT', description: 'When the payment was requested' },
			],
		},
		statuses: STATUS_OPTIONS,
		what: 'payments',
	}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Methods',
				name: 'methods',
				type: 'multiOptions',
				default: [],
				options: METHOD_OPTIONS,
			},
			{
				displayName: 'Text Search Field',
				name: 'textField',
				type: 'options',
				default: 'ALL',
				options: TEXT_FIELDS.map((value) => ({ name: titleOf(value), value })),
			},
			{
				displayName: 'Text Search Value',
				name: 'textValue',
				type: 'string',
				default: '',
				description: 'Text to look for in the Text Search Field',
			},
		],
	},
	simplifyField({}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['getMany'] } },
	properties,
);
