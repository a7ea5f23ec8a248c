import type { INodeProperties } from 'n8n-workflow';

import { impUidField, merchantUidField } from '../../common.descriptions';
import { runLimitsField } from '../../../../engine/runLimits';
import { simplifyField } from '../../../../engine/simplify';
import { includeSandboxField } from '../shared';

export const showFor = { resource: ['payment'], operation: ['cancel'] };

/** The fields of Payment → Cancel (refund), POST /payments/cancel (cancelPayment). */
export const description: INodeProperties[] = [
	{
		displayName: 'Find Payment By',
		name: 'refundBy',
		type: 'options',
		default: 'impUid',
		options: [
			{ name: 'Imp UID', value: 'impUid', description: "I'mport's payment ID (imp_uid)" },
			{
				name: 'Merchant UID',
				value: 'merchantUid',
				description:
					'Your order ID (merchant_uid). Refused when more than one payment under it still has money to refund.',
			},
		],
		displayOptions: { show: showFor },
	},
	impUidField(
		{ ...showFor, refundBy: ['impUid'] },
		"The i'mport payment ID (imp_uid) to refund, usually mapped from a field of the incoming item",
	),
	merchantUidField(
		{ ...showFor, refundBy: ['merchantUid'] },
		'Your order ID (merchant_uid) whose payment to refund',
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
		displayOptions: { show: showFor },
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
		displayOptions: { show: { ...showFor, refundMode: ['partial'] } },
	},
	{
		displayName: 'Refund Reference',
		name: 'refundReference',
		type: 'string',
		default: '',
		placeholder: 'REFUND-2026-0042',
		description:
			"An ID of this refund request (e.g. its row in your sheet), written into the cancel's reason as [ref:…]: a payment that already has a refund carrying it is reported as already_refunded and not refunded again. Left empty, a partial refund gets a reference derived from the payment and the amount, so re-running the same row never pays twice; to refund the same amount from the same payment twice on purpose, give each refund its own reference.",
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		description: 'Why the payment is refunded (required by Naver Pay)',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only look each payment up and report what would happen (would_refund with what is left, already_refunded, exceeds_balance, …), refunding nothing',
		displayOptions: { show: showFor },
	},
	includeSandboxField(
		showFor,
		"Whether to find payments made on a test channel too (include_sandbox=true). Off, i'mport hides them and such a payment comes out as not_found, nothing refunded.",
	),
	runLimitsField(showFor),
	simplifyField(showFor),
	{
		displayName: 'Additional Fields',
		name: 'refundFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options: [
			{
				displayName: 'Refund Account Holder',
				name: 'refund_holder',
				type: 'string',
				default: '',
				description:
					'Virtual-account refunds: the name on the account the money goes back to. Required for virtual accounts (and by KCP for next-month mobile refunds, Smartro (new) for bank transfers).',
			},
			{
				displayName: 'Refund Account Holder Phone',
				name: 'refund_tel',
				type: 'string',
				default: '',
				description:
					'Virtual-account refunds: phone number of the account holder. Required by Smartro.',
			},
			{
				displayName: 'Refund Account Number',
				name: 'refund_account',
				type: 'string',
				default: '',
				description: 'Virtual-account refunds: the account number the money goes back to',
			},
			{
				displayName: 'Refund Bank Code',
				name: 'refund_bank',
				type: 'string',
				default: '',
				placeholder: '088',
				description:
					"Virtual-account refunds: the bank's code; codes differ per PG (see PortOne's bank code list)",
			},
			{
				displayName: 'Requester (Naver Pay)',
				name: 'requester',
				type: 'options',
				default: 'admin',
				description: 'Who asked for the refund, sent as extra.requester. Naver Pay requires it.',
				options: [
					{ name: 'Admin', value: 'admin' },
					{ name: 'Customer', value: 'customer' },
				],
			},
			{
				displayName: 'Retain Promotion',
				name: 'retain_promotion',
				type: 'boolean',
				default: false,
				description:
					"Whether to keep a promotion applied to the payment even if what is left breaks the promotion's rules",
			},
			{
				displayName: 'Send Webhook',
				name: 'enable_webhook',
				type: 'boolean',
				default: false,
				description:
					"Whether i'mport sends its cancel notification (webhook) for this refund; it does not by default for refunds made through the API",
			},
			{
				displayName: 'Tax-Free Amount',
				name: 'tax_free',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description:
					'The tax-free part of the refund, in whole won. Required for tax-free payments by KCP, KICC, NICE, Payco and Smartro (new).',
			},
			{
				displayName: 'VAT Amount',
				name: 'vat_amount',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description:
					'The VAT part of the refund, in whole won. Required when the VAT was set at payment (NICE, KG Inicis, Welcome Payments, NICE (new)).',
			},
		],
	},
];
