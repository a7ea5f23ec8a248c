import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../shared/types';
import * as cancel from './cancel';
import * as get from './get';
import * as issue from './issue';

/** Cash receipts of payments made through i'mport, by imp_uid. */
export const cashReceiptOperations: Record<string, Operation> = { cancel, get, issue };

export const cashReceiptDescription: INodeProperties[] = [
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
				description: "Issue a cash receipt for a cash payment (bank transfer, virtual account) made through i'mport",
				action: 'Issue a cash receipt',
			},
		],
		default: 'cancel',
	},
	...cancel.description,
	...get.description,
	...issue.description,
];
