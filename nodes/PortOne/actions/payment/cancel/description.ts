import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runLimitsField } from '../../../../engine/runLimits';
import { simplifyField } from '../../../../engine/simplify';
import { paymentIdField } from '../../common.descriptions';
import { BANK_OPTIONS } from './banks';

const properties: INodeProperties[] = [
	paymentIdField(
		{},
		'The payment to refund: the Payment ID your shop gave it, usually mapped from the incoming item',
	),
	{
		displayName: 'Refund Mode',
		name: 'refundMode',
		type: 'options',
		default: 'partial',
		description:
			'Full refunds what is left of the payment; Partial refunds the Amount below and nothing else. An empty or unknown value is an error, never a full refund.',
		options: [
			{ name: 'Full (Everything Left)', value: 'full' },
			{ name: 'Partial (an Amount)', value: 'partial' },
		],
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description:
			'Whole won to refund, more than 0. Empty, 0, negative, fractional or non-numeric values are refused for the item and nothing is sent for it.',
		displayOptions: { show: { refundMode: ['partial'] } },
	},
	{
		displayName: 'Refund Reference',
		name: 'refundReference',
		type: 'string',
		default: '',
		placeholder: 'REFUND-2026-0042',
		description:
			"An ID of this refund request (e.g. its row in your sheet), written into the refund's reason as [ref:…] and into its Idempotency-Key: a payment that already has a refund carrying it is reported as already_refunded and not refunded again. Left empty, one derived from the payment and the amount is used, so re-running the same row never pays twice; to refund the same amount from the same payment twice on purpose, give each refund its own reference.",
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		description:
			'Why the payment is refunded; sent after the reference (PortOne requires a reason)',
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only look each payment up and report what would happen (would_refund with what is left, already_refunded, exceeds_balance, …), refunding nothing',
	},
	runLimitsField({}),
	simplifyField({}),
	{
		displayName: 'Additional Fields',
		name: 'refundFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Promotion Discount',
				name: 'promotionDiscountRetainOption',
				type: 'options',
				default: 'RELEASE',
				description:
					"What happens to a promotion's discount; it must stay the same over a payment's partial refunds",
				options: [
					{ name: 'Release (PortOne Default)', value: 'RELEASE' },
					{ name: 'Retain', value: 'RETAIN' },
				],
			},
			{
				displayName: 'Refund Account Bank',
				name: 'refundBank',
				type: 'options',
				default: 'KOOKMIN',
				description: 'Virtual-account refunds: the bank of the account the money goes back to',
				options: BANK_OPTIONS,
			},
			{
				displayName: 'Refund Account Holder',
				name: 'refundHolderName',
				type: 'string',
				default: '',
				description:
					'Virtual-account refunds: the name on the account. Required with the bank and number.',
			},
			{
				displayName: 'Refund Account Holder Phone',
				name: 'refundHolderPhoneNumber',
				type: 'string',
				default: '',
				description:
					"Virtual-account refunds: the holder's phone number (Smartro virtual accounts need it)",
			},
			{
				displayName: 'Refund Account Number',
				name: 'refundAccountNumber',
				type: 'string',
				default: '',
				description: 'Virtual-account refunds: the account number the money goes back to',
			},
			{
				displayName: 'Requester',
				name: 'requester',
				type: 'options',
				default: 'ADMIN',
				description: 'Who asked for the refund',
				options: [
					{ name: 'Admin', value: 'ADMIN' },
					{ name: 'Customer', value: 'CUSTOMER' },
				],
			},
			{
				displayName: 'Skip Webhook',
				name: 'skipWebhook',
				type: 'boolean',
				default: false,
				description: 'Whether PortOne should not send its webhook for this refund',
			},
			{
				displayName: 'Tax-Free Amount',
				name: 'taxFreeAmount',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description: 'The tax-free part of the refund, in whole won (absent: all taxable)',
			},
			{
				displayName: 'VAT Amount',
				name: 'vatAmount',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description: 'The VAT part of the refund, in whole won (absent: PortOne computes it)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['cancel'] } },
	properties,
);
