import type { INodeProperties } from 'n8n-workflow';

import { impUidField } from '../../common.descriptions';
import { simplifyField } from '../../../../engine/simplify';
import { includeSandboxField, paymentSortField } from '../shared';

export const showFor = { resource: ['payment'], operation: ['getMany'] };
export const forIds = { ...showFor, selectBy: ['impUid'] };
export const forWindow = { ...showFor, selectBy: ['statusWindow'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Select By',
		name: 'selectBy',
		type: 'options',
		noDataExpression: true,
		default: 'impUid',
		options: [
			{
				name: 'Imp UID of Each Item',
				value: 'impUid',
				description:
					'One payment per input item, looked up 100 at a time (GET /payments?imp_uid[]=…); each input item gets one output item',
			},
			{
				name: 'Status and Time Window',
				value: 'statusWindow',
				description:
					'Every payment in a status within a time window (GET /payments/status/…), one output item per payment, once per input item',
			},
		],
		displayOptions: { show: showFor },
	},
	impUidField(
		forIds,
		"The i'mport payment ID (imp_uid) of this item, usually mapped from a field of the incoming item",
	),
	{
		displayName: 'Payment Status',
		name: 'listStatus',
		type: 'options',
		default: 'paid',
		description:
			'Payments whose status is this now. The window applies to the time of that status: paid payments by when they were paid, cancelled by when they were (last) refunded, failed by when they failed, ready by when they started.',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Cancelled', value: 'cancelled', description: 'Fully or partly refunded' },
			{ name: 'Failed', value: 'failed' },
			{ name: 'Paid', value: 'paid' },
			{
				name: 'Ready',
				value: 'ready',
				description: 'Not paid yet, e.g. a virtual account waiting for the deposit',
			},
		],
		displayOptions: { show: forWindow },
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		description:
			"Start of the window (inclusive), in the workflow's time zone. Empty: 90 days before To. Windows longer than 90 days are read in 90-day slices.",
		displayOptions: { show: forWindow },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		description: "End of the window (inclusive), in the workflow's time zone. Empty: now.",
		displayOptions: { show: forWindow },
	},
	paymentSortField(
		'listSort',
		forWindow,
		'Order of the payments within each 90-day slice; slices come newest first for "Newest First" orders, oldest first otherwise',
	),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: forWindow },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...forWindow, returnAll: [false] } },
	},
	includeSandboxField(
		showFor,
		"Whether to include payments made on a test channel (include_sandbox=true). Off, i'mport leaves them out, and a test payment's imp_uid comes out as not_found.",
	),
	simplifyField(showFor),
];
