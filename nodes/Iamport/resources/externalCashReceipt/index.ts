import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../shared/types';
import * as cancel from './cancel';
import * as get from './get';
import * as issue from './issue';

/** Cash receipts for cash sales made outside i'mport, by your order number (merchant_uid). */
export const externalCashReceiptOperations: Record<string, Operation> = { cancel, get, issue };

export const externalCashReceiptDescription: INodeProperties[] = [
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
];
