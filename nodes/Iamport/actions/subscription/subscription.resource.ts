import type { Resource } from '../../../engine/types';
import type { IamportTransport } from '../../transport/client';
import * as deleteBillingKey from './deleteBillingKey.operation';
import * as getBillingKey from './getBillingKey.operation';
import * as getSchedules from './getSchedules.operation';
import * as unschedule from './unschedule.operation';

/** Recurring payments: billing keys (빌링키) by customer_uid and payment schedules (결제예약). */
export const subscription: Resource<IamportTransport> = {
	option: {
		name: 'Subscription',
		value: 'subscription',
		description:
			'Billing keys (빌링키, customer_uid) and scheduled payments (결제예약, merchant_uid) of recurring payments',
	},
	operations: { deleteBillingKey, getBillingKey, getSchedules, unschedule },
	properties: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['subscription'] } },
			options: [
				{
					name: 'Delete Billing Key',
					value: 'deleteBillingKey',
					description: 'Delete the billing key of a customer_uid, so it can no longer be charged',
					action: 'Delete a billing key',
				},
				{
					name: 'Get Billing Key',
					value: 'getBillingKey',
					description: 'Look up the billing key of a customer_uid (the card number comes masked)',
					action: 'Get a billing key',
				},
				{
					name: 'Get Schedules',
					value: 'getSchedules',
					description:
						'Look up scheduled payments by merchant_uid, by customer_uid, or in a time window',
					action: 'Get scheduled payments',
				},
				{
					name: 'Unschedule',
					value: 'unschedule',
					description:
						'Withdraw the scheduled payments of a customer_uid (all, or only some merchant_uids)',
					action: 'Unschedule payments',
				},
			],
			default: 'getSchedules',
		},
		...deleteBillingKey.description,
		...getBillingKey.description,
		...getSchedules.description,
		...unschedule.description,
	],
};
