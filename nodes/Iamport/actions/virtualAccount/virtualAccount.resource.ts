import type { Resource } from '../../../engine/types';
import type { IamportTransport } from '../../transport/client';
import * as cancelIssuance from './cancelIssuance.operation';
import * as get from './get.operation';
import * as updateDueDate from './updateDueDate.operation';

/** Virtual accounts (가상계좌) issued for payments through i'mport, by imp_uid. */
export const virtualAccount: Resource<IamportTransport> = {
	option: {
		name: 'Virtual Account',
		value: 'virtualAccount',
		description: "Virtual accounts (가상계좌) issued for i'mport payments (imp_uid)",
	},
	operations: { cancelIssuance, get, updateDueDate },
	properties: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['virtualAccount'] } },
			options: [
				{
					name: 'Cancel Issuance',
					value: 'cancelIssuance',
					description:
						'Close an issued virtual account that was not paid into, so no deposit can arrive',
					action: 'Close a virtual account',
				},
				{
					name: 'Get',
					value: 'get',
					description: 'Look up a virtual account: bank, number, holder, due date, paid or not',
					action: 'Get a virtual account',
				},
				{
					name: 'Update Due Date',
					value: 'updateDueDate',
					description:
						'Move the deposit deadline (and optionally the amount) of an unpaid virtual account',
					action: 'Update the due date of a virtual account',
				},
			],
			default: 'get',
		},
		...cancelIssuance.description,
		...get.description,
		...updateDueDate.description,
	],
};
