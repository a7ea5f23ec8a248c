import type { Resource } from '../../../engine/types';
import type { IamportTransport } from '../../transport/client';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as issue from './issue.operation';

/** Cash receipts for cash sales made outside i'mport, by your order number (merchant_uid). */
export const externalCashReceipt: Resource<IamportTransport> = {
	option: {
		name: 'External Cash Receipt',
		value: 'externalCashReceipt',
		description: "Receipts for cash sales made outside i'mport (merchant_uid)",
	},
	operations: { cancel, get, issue },
	properties: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['externalCashReceipt'] } },
			options: [
				{
					name: 'Cancel',
					value: 'cancel',
					description: "Cancel a cash receipt issued for a sale made outside i'mport",
					action: 'Cancel an external cash receipt',
				},
				{
					name: 'Get',
					value: 'get',
					description: "Look up a cash receipt issued for a sale made outside i'mport",
					action: 'Get an external cash receipt',
				},
				{
					name: 'Issue',
					value: 'issue',
					description: "Issue a cash receipt for a cash sale made outside i'mport",
					action: 'Issue an external cash receipt',
				},
			],
			default: 'cancel',
		},
		...cancel.description,
		...get.description,
		...issue.description,
	],
};
