import type { INodeProperties } from 'n8n-workflow';

type ShowFor = Record<string, string[]>;

/** The imp_uid field of an operation on receipts of i'mport payments. */
export function impUidField(showFor: ShowFor, description: string): INodeProperties {
	return {
		displayName: 'Imp UID',
		name: 'impUid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'imp_123456789012',
		description,
		displayOptions: { show: showFor },
	};
}

/** The merchant_uid field of an operation on receipts issued outside i'mport payments. */
export function merchantUidField(showFor: ShowFor, description: string): INodeProperties {
	return {
		displayName: 'Merchant UID',
		name: 'merchantUid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'order_20261124_0001',
		description,
		displayOptions: { show: showFor },
	};
}
