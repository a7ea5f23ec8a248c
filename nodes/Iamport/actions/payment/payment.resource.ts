import type { Resource } from '../../helpers/operation';
import * as cancel from './cancel.operation';

/** Payments made through i'mport: refunds. */
export const payment: Resource = {
	option: { name: 'Payment', value: 'payment', description: "Payments made through i'mport: refunds" },
	operations: { cancel },
	properties: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['payment'] } },
			options: [
				{
					name: 'Cancel (Refund)',
					value: 'cancel',
					description: 'Refund a payment in full or in part, never twice',
					action: 'Refund a payment',
				},
			],
			default: 'cancel',
		},
		...cancel.description,
	],
};
