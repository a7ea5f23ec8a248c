import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { IamportTransport } from '../transport/client';
import type { ItemResult } from './outcome';

/** What an item is about: the id field and value reported in its output, and its encoded path. */
export interface Target {
	/** the output field naming the id, e.g. imp_uid or merchant_uid */
	idField: string;
	id: string;
	path: string;
}

/** One operation of one resource: its fields, how it reads an item, and the call(s) it makes. */
export interface Operation<Prepared extends { target: Target } = any> {
	description: INodeProperties[];
	/** Reads and checks one item's parameters. Throws (nothing sent) on bad input. */
	prepare: (this: IExecuteFunctions, itemIndex: number) => Prepared;
	/** Makes the call(s) for one prepared item. */
	run: (this: IExecuteFunctions, prepared: Prepared, itemIndex: number, transport: IamportTransport) => Promise<ItemResult>;
}

/** One resource: its entry in the Resource selector, its operations, and its fields (Operation selector first). */
export interface Resource {
	option: INodePropertyOptions & { value: string };
	operations: Record<string, Operation>;
	properties: INodeProperties[];
}
