import type { INodeProperties } from 'n8n-workflow';

import { merchantUidField } from '../../common.descriptions';
import { customerUidField } from '../shared';

export const showFor = { resource: ['subscription'], operation: ['getSchedules'] };
const listings = { ...showFor, scheduleBy: ['customerUid', 'window'] };

/** The fields of Subscription → Get Schedules. */
export const description: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'scheduleBy',
		type: 'options',
		noDataExpression: true,
		default: 'merchantUid',
		options: [
			{
				name: 'Merchant UID',
				value: 'merchantUid',
				description:
					'The one schedule made with this order ID (GET /subscribe/payments/schedule/{merchant_uid}): one output item',
			},
			{
				name: 'Customer UID',
				value: 'customerUid',
				description:
					"A billing key's schedules in a time window (GET /subscribe/payments/schedule/customers/{customer_uid}), every page: one output item per schedule",
			},
			{
				name: 'Time Window',
				value: 'window',
				description:
					'Every schedule due in a time window (GET /subscribe/payments/schedule), every page: one output item per schedule',
			},
		],
		displayOptions: { show: showFor },
	},
	merchantUidField(
		{ ...showFor, scheduleBy: ['merchantUid'] },
		'The order ID (merchant_uid) the payment was scheduled with',
	),
	customerUidField(
		{ ...showFor, scheduleBy: ['customerUid'] },
		'The billing key (customer_uid) whose schedules to list',
	),
	{
		displayName: 'Schedule Status',
		name: 'scheduleStatus',
		type: 'options',
		default: '',
		description: 'Only schedules in this status',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Executed', value: 'executed', description: 'Run: the payment was attempted' },
			{ name: 'Revoked', value: 'revoked', description: 'Withdrawn before it ran (unscheduled)' },
			{ name: 'Scheduled', value: 'scheduled', description: 'Not run yet' },
		],
		displayOptions: { show: listings },
	},
	{
		displayName: 'From',
		name: 'scheduleFrom',
		type: 'dateTime',
		default: '',
		description:
			"Start of the window (inclusive) on the time each payment is scheduled for, in the workflow's time zone. Empty: now. Windows longer than 90 days are read in 90-day slices.",
		displayOptions: { show: listings },
	},
	{
		displayName: 'To',
		name: 'scheduleTo',
		type: 'dateTime',
		default: '',
		description:
			"End of the window (inclusive), in the workflow's time zone. Empty: 90 days after From.",
		displayOptions: { show: listings },
	},
	{
		displayName: 'Sort',
		name: 'scheduleSort',
		type: 'options',
		default: 'newest',
		description:
			'Order of the schedules by the time they are scheduled for (the customer listing is always newest first within each 90-day slice)',
		options: [
			{ name: 'Newest First', value: 'newest' },
			{ name: 'Oldest First', value: 'oldest' },
		],
		displayOptions: { show: { ...showFor, scheduleBy: ['window'] } },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: listings },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...listings, returnAll: [false] } },
	},
];
