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
export interface Operation<Prepared extends { target?: Target } = any, Shared = any> {
	description: INodeProperties[];
	/** Reads and checks one item's parameters. Throws (nothing sent) on bad input. */
	prepare: (this: IExecuteFunctions, itemIndex: number) => Prepared;
	/**
	 * Optional, for operations that work across items (one request for many items' ids): called
	 * once after every item was read and before the first run, with each item's prepared value
	 * (undefined where the item was refused). What it returns is handed to every run.
	 */
	beforeRuns?: (this: IExecuteFunctions, prepared: ReadonlyArray<Prepared | undefined>) => Shared;
	/**
	 * Makes the call(s) for one prepared item: its output item, or for a listing a list of them
	 * (none or many, all paired with this item).
	 */
	run: (
		this: IExecuteFunctions,
		prepared: Prepared,
		itemIndex: number,
		transport: IamportTransport,
		shared: Shared,
	) => Promise<ItemResult | ItemResult[]>;
}

/** One resource: its entry in the Resource selector, its operations, and its fields (Operation selector first). */
export interface Resource {
	option: INodePropertyOptions & { value: string };
	operations: Record<string, Operation>;
	properties: INodeProperties[];
}
