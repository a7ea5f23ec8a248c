import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from './outcome';
import type { IamportTransport } from './transport';

/** One operation of one resource: its fields and the call it makes for one item. */
export interface Operation {
	description: INodeProperties[];
	run: (this: IExecuteFunctions, itemIndex: number, transport: IamportTransport) => Promise<ItemResult>;
}
