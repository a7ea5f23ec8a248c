import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runItems } from '../../engine/runItems';
import type { Resource } from '../../engine/types';
import type { PortOneTransport } from '../transport/client';
import { portOneTransport } from '../transport/client';
import { cashReceipt } from './cashReceipt/cashReceipt.resource';
import { payment } from './payment/payment.resource';

/** Every resource, in the order the editor lists them: a new resource is its folder and one line here. */
export const RESOURCES: Array<Resource<PortOneTransport>> = [payment, cashReceipt];

/** Runs the selected operation over the input items on the item engine, with a PortOne V2 transport. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runItems(this, {
		resources: RESOURCES,
		transport: (ctx, settings) => portOneTransport(ctx, settings),
	});
}
