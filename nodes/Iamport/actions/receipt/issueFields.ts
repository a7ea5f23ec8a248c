import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { refuseItem } from '../../../engine/read/input';
import { itemParameter } from '../../../engine/read/itemParameter';
import { readWon, wonProblem } from '../../../engine/read/won';
import type { ShowFor } from '../../../engine/types';

/**
 * Optional fields of both Issue calls (POST /receipts/{imp_uid} and
 * POST /receipts/external/{merchant_uid}), with the spec's per-PG notes in plain English.
 */
const commonIssueOptions: INodeProperties[] = [
	{
		displayName: 'Buyer Email',
		name: 'buyer_email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Buyer Name',
		name: 'buyer_name',
		type: 'string',
		default: '',
		description:
			'Required by KSNET and Smartro (new module). Strongly recommended, to trace the receipt later.',
	},
	{
		displayName: 'Buyer Phone',
		name: 'buyer_tel',
		type: 'string',
		default: '',
		description:
			'Required by Smartro (new module) and Welcome Payments. Strongly recommended, to trace the receipt later.',
	},
	{
		displayName: 'Identifier Type',
		name: 'identifier_type',
		type: 'options',
		default: 'phone',
		description:
			'What the identifier is. Required by KICC, Hecto Financial (Settlebank) and NICE Pay (new); KG Inicis, NHN KCP, NICE Payments and Welcome Payments work it out from the identifier. NICE Pay (new) cannot issue to a cash receipt card number.',
		options: [
			{ name: 'Business Registration Number', value: 'business' },
			{ name: 'Cash Receipt Card Number', value: 'taxcard' },
			{ name: 'Mobile Phone Number', value: 'phone' },
			{ name: 'Resident Registration Number', value: 'person' },
		],
	},
	{
		displayName: 'Merchant Business Registration Number',
		name: 'corp_reg_no',
		type: 'string',
		default: '',
		description:
			"The issuing shop's business registration number. Required by Kiwoom Pay (Daou) and Welcome Payments.",
	},
	{
		displayName: 'Product Type',
		name: 'product_type',
		type: 'options',
		default: 'real',
		description: 'Required by KSNET',
		options: [
			{ name: 'Physical Goods', value: 'real' },
			{ name: 'Digital Content', value: 'digital' },
		],
	},
	{
		displayName: 'Receipt Type',
		name: 'type',
		type: 'options',
		default: 'person',
		description:
			'Income deduction for a person, or expense proof for a business. Required by Smartro (new module), NICE Pay (new) and Welcome Payments; i\'mport uses "person" when omitted.',
		options: [
			{ name: 'Person (Income Deduction)', value: 'person' },
			{ name: 'Company (Expense Proof)', value: 'company' },
		],
	},
	{
		displayName: 'Tax-Free Amount',
		name: 'tax_free',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description:
			"The tax-free part of the amount, in won. i'mport takes 1/11 of the rest as VAT; use this to adjust the VAT.",
	},
	{
		displayName: 'VAT Amount',
		name: 'vat_amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description:
			'Only for merchants allowed to set the VAT themselves: the VAT part of the amount, in won',
	},
];

const byName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/** The optional fields of a receipt Issue operation: the common ones and the operation's own, by name. */
export function issueOptions(own: INodeProperties[]): INodeProperties[] {
	return [...commonIssueOptions, ...own].sort(byName);
}

/** Added to an Issue error when the POST may have reached i'mport. */
export const ISSUE_UNSURE_HINT =
	'The receipt may have been issued anyway: look it up (Get) before issuing it again.';

/** Who the receipt is for; personal data, hidden in the editor and never echoed in outputs. */
export function identifierField(showFor: ShowFor): INodeProperties {
	return {
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		required: true,
		typeOptions: { password: true },
		default: '',
		placeholder: '01012345678',
		description:
			"Who the receipt is for: a mobile phone number, a cash receipt card number, a business registration number or a resident registration number. Personal data: it is sent to i'mport and not shown in the output.",
		displayOptions: { show: showFor },
	};
}

/** The optional fields of an Issue operation, as one collection. */
export function additionalIssueFields(
	showFor: ShowFor,
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'issueOptions',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor },
		options,
	};
}

const WHOLE_WON_FIELDS = ['tax_free', 'vat_amount'];

/** The optional fields the user set, checked: amounts must be whole won, 0 or more. */
export function readIssueOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = itemParameter(ctx, 'issueOptions', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(options)) {
		if (value === '' || value === undefined || value === null) continue;
		if (!WHOLE_WON_FIELDS.includes(name)) {
			body[name] = value;
			continue;
		}
		const won = readWon(value, 0);
		if (won === undefined) throw refuseItem(ctx, itemIndex, wonProblem(name, value, 0));
		body[name] = won;
	}
	return body;
}
