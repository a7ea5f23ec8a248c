import type { INodeProperties } from 'n8n-workflow';

import type { ShowFor } from '../../engine/types';

/** The imp_uid field: i'mport's id of a payment (and of its receipt). */
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

/** The merchant_uid field: your order id (of a payment, or of a receipt issued outside i'mport). */
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
