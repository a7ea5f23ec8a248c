import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from './outcome';
import type { IamportTransport } from './transport';

/** What an item is about: the id field and value reported in its output, and its encoded path. */
export interface Target {
	idField: 'imp_uid' | 'merchant_uid';
	id: string;
	path: string;
}

/** One operation of one resource: its fields, how it reads an item, and the call it makes. */
export interface Operation<Prepared extends { target: Target } = any> {
	description: INodeProperties[];
	/** Reads and checks one item's parameters. Throws (nothing sent) on bad input. */
	prepare: (this: IExecuteFunctions, itemIndex: number) => Prepared;
	/** Makes the call(s) for one prepared item. */
	run: (this: IExecuteFunctions, prepared: Prepared, itemIndex: number, transport: IamportTransport) => Promise<ItemResult>;
}
