import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { paymentIdField } from '../../common.descriptions';

const properties: INodeProperties[] = [
	paymentIdField(
		{},
		'The payment the receipt is for. For a cash sale made outside PortOne, an id you choose (use the order id, so a re-run names the same sale).',
	),
	{
		displayName: 'Channel Key',
		name: 'channelKey',
		type: 'string',
		required: true,
		default: '',
		description:
			'The channel key of the PG channel to issue through (PortOne console, Integration > Channels)',
	},
	{
		displayName: 'Receipt Type',
		name: 'receiptType',
		type: 'options',
		default: 'PERSONAL',
		options: [
			{ name: 'Personal (Income Deduction)', value: 'PERSONAL' },
			{ name: 'Corporate (Expense Proof)', value: 'CORPORATE' },
		],
	},
	{
		displayName: 'Order Name',
		name: 'orderName',
		type: 'string',
		required: true,
		default: '',
		description: 'The order name printed on the receipt',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 0,
		description: 'The receipt amount in whole won',
	},
	{
		displayName: 'Identity Number',
		name: 'identityNumber',
		type: 'string',
		required: true,
		typeOptions: { password: true },
		default: '',
		placeholder: '01012345678',
		description:
			'Who the receipt is for: a phone number, a cash receipt card number or a business registration number. Personal data: sent to PortOne, never shown in the output.',
	},
	{
		displayName: 'Additional Fields',
		name: 'issueFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Business Registration Number',
				name: 'businessRegistrationNumber',
				type: 'string',
				default: '',
				description: 'Welcome Payments only',
			},
			{
				displayName: 'Customer Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{ displayName: 'Customer Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Customer Phone', name: 'phoneNumber', type: 'string', default: '' },
			{
				displayName: 'Identity Number Type',
				name: 'identityNumberType',
				type: 'options',
				default: 'PHONE',
				description: 'Galaxia Money Tree needs it',
				options: [
					{ name: 'Business Registration Number', value: 'BUSINESS' },
					{ name: 'Cash Receipt Card', value: 'CARD' },
					{ name: 'Phone Number', value: 'PHONE' },
				],
			},
			{
				displayName: 'Payment Method',
				name: 'paymentMethod',
				type: 'options',
				default: 'TRANSFER',
				description: 'Welcome Payments only',
				options: [
					{ name: 'Transfer', value: 'TRANSFER' },
					{ name: 'Virtual Account', value: 'VIRTUAL_ACCOUNT' },
				],
			},
			{
				displayName: 'Product Type',
				name: 'productType',
				type: 'options',
				default: 'PHYSICAL',
				options: [
					{ name: 'Physical', value: 'PHYSICAL' },
					{ name: 'Digital', value: 'DIGITAL' },
				],
			},
			{
				displayName: 'Tax-Free Amount',
				name: 'taxFree',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description: 'The tax-free part of the amount, in whole won',
			},
			{
				displayName: 'VAT Amount',
				name: 'vat',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description: 'The VAT part, in whole won (absent: 1/11 of the taxable part)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['cashReceipt'], operation: ['issue'] } },
	properties,
);
