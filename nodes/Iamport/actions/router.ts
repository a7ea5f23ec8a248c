import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runItems } from '../../engine/runItems';
import type { Resource } from '../../engine/types';
import type { IamportTransport } from '../transport/client';
import { iamportTransport } from '../transport/client';
import { cashReceipt } from './cashReceipt/cashReceipt.resource';
import { externalCashReceipt } from './externalCashReceipt/externalCashReceipt.resource';
import { payment } from './payment/payment.resource';
import { subscription } from './subscription/subscription.resource';
import { virtualAccount } from './virtualAccount/virtualAccount.resource';

/** Every resource, in the order the editor lists them: a new resource is its folder and one line here. */
export const RESOURCES: Array<Resource<IamportTransport>> = [
	cashReceipt,
	externalCashReceipt,
	payment,
	subscription,
	virtualAccount,
];

/** Runs the selected operation over the input items on the item engine, with an i'mport V1 transport. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runItems(this, {
		resources: RESOURCES,
		transport: (ctx, settings) => iamportTransport(ctx, settings),
	});
}
