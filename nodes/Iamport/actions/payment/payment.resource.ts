import type { Resource } from '../../../engine/types';
import type { IamportTransport } from '../../transport/client';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

/** Payments made through i'mport: look them up one by one, 100 ids at a time, or by status and time window; refund them. */
export const payment: Resource<IamportTransport> = {
	option: {
		name: 'Payment',
		value: 'payment',
		description: "Payments made through i'mport (imp_uid, merchant_uid)",
	},
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
					description:
						'Look up a payment by imp_uid, or by merchant_uid (the first, or every attempt)',
					action: 'Get a payment',
				},
				{
					name: 'Get Many',
					value: 'getMany',
					description:
						"Look up the payments of many items' imp_uids (100 per request), or list payments by status and time window",
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
