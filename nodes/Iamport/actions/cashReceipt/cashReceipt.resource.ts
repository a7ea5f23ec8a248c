import type { Resource } from '../../../engine/types';
import type { IamportTransport } from '../../transport/client';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as issue from './issue.operation';

/** Cash receipts of payments made through i'mport, by imp_uid. */
export const cashReceipt: Resource<IamportTransport> = {
	option: {
		name: 'Cash Receipt',
		value: 'cashReceipt',
		description: "Receipts of payments made through i'mport (imp_uid)",
	},
	operations: { cancel, get, issue },
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
					description: "Cancel the cash receipt of an i'mport payment",
					action: 'Cancel a cash receipt',
				},
				{
					name: 'Get',
					value: 'get',
					description: "Look up the cash receipt of an i'mport payment",
					action: 'Get a cash receipt',
				},
				{
					name: 'Issue',
					value: 'issue',
					description:
						"Issue a cash receipt for a cash payment (bank transfer, virtual account) made through i'mport",
					action: 'Issue a cash receipt',
				},
			],
			default: 'cancel',
		},
		...cancel.description,
		...get.description,
		...issue.description,
	],
};
