import type { Resource } from '../../../engine/types';
import type { PortOneTransport } from '../../transport/client';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

/** Payments on PortOne V2 (and V1 payments seen through V2), by the merchant's Payment ID. */
export const payment: Resource<PortOneTransport> = {
	option: { name: 'Payment', value: 'payment', description: 'Payments by their Payment ID' },
	operations: { cancel, get, getMany },
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
				{
					name: 'Get',
					value: 'get',
					description: 'Look up a payment by its Payment ID',
					action: 'Get a payment',
				},
				{
					name: 'Get Many',
					value: 'getMany',
					description: 'List payments in a time window, by status, method or text',
					action: 'Get many payments',
				},
			],
			default: 'get',
		},
		...cancel.description,
		...get.description,
		...getMany.description,
	],
};
