import type { Resource } from '../../../engine/types';
import type { PortOneTransport } from '../../transport/client';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as issue from './issue.operation';

/** Cash receipts on PortOne V2: of a payment (by its Payment ID), or issued by hand for a sale outside PortOne. */
export const cashReceipt: Resource<PortOneTransport> = {
	option: {
		name: 'Cash Receipt',
		value: 'cashReceipt',
		description: 'Cash receipts by Payment ID',
	},
	operations: { cancel, get, getMany, issue },
	properties: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['cashReceipt'] } },
			options: [
				{
					name: 'Cancel',
					value: 'cancel',
					description: "Cancel a payment's cash receipt",
					action: 'Cancel a cash receipt',
				},
				{
					name: 'Get',
					value: 'get',
					description: "Look up a payment's cash receipt",
					action: 'Get a cash receipt',
				},
				{
					name: 'Get Many',
					value: 'getMany',
					description: 'List cash receipts in a time window, by status or type',
					action: 'Get many cash receipts',
				},
				{
					name: 'Issue',
					value: 'issue',
					description: 'Issue a cash receipt for a payment, or for a sale made outside PortOne',
					action: 'Issue a cash receipt',
				},
			],
			default: 'get',
		},
		...cancel.description,
		...get.description,
		...getMany.description,
		...issue.description,
	],
};
