import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
	INodePropertyOptions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

/** A field's `displayOptions.show`: parameter name -> the values it is shown for. */
export type ShowFor = Record<string, Array<string | boolean>>;

/** What an item is about: the id field and value reported in its output, and its encoded path. */
export interface Target {
	/** the output field naming the id, e.g. imp_uid or paymentId */
	idField: string;
	id: string;
	path: string;
}

/** One output item: its json, and whether it goes to the Success output. */
export interface ItemResult {
	success: boolean;
	json: IDataObject;
}

export type ItemError = NodeApiError | NodeOperationError;

/**
 * One item's run. `failed` with `changedNothing`: it failed only because the API (or the way to
 * it) was failing and none of its calls may have changed anything, so it may simply run again.
 */
export type ItemRun =
	| { kind: 'done'; results: ItemResult[] }
	| { kind: 'failed'; error: ItemError; changedNothing: boolean };

/** One request below the API's base URL. */
export interface EngineRequest {
	method: IHttpRequestMethods;
	/** path below the base URL, ids already encoded as one segment each */
	path: string;
	body?: IDataObject;
	/**
	 * Safe to send again after an attempt that may have reached the API: a GET, or a change that
	 * carries an idempotency key. When false, only failures that prove the request was never
	 * processed are retried; callers resolve the others (see guardedAction).
	 */
	idempotent: boolean;
	/** extra headers (e.g. Idempotency-Key); never secrets, which the credential adds */
	headers?: Record<string, string>;
}

/** An API's answer, as the engine reads it; each API's transport builds these. */
export interface Answer {
	httpStatus: number;
	/** the API accepted the request (V1: code 0; V2: HTTP 2xx) */
	ok: boolean;
	/** the API's own name for a refusal (V2's error `type`), when it gives one */
	errorType?: string;
	/** what an item's output reports of this answer, after its id and outcome word */
	report: IDataObject;
}

/** One operation of one resource: its fields, how it reads an item, and the call(s) it makes. */
/**
 * `Prepared` is what one item's read gives (its `target`, when it has one, names the item in error
 * outputs).
 */
export interface Operation<
	Prepared extends object = object,
	Shared = unknown,
	Transport = unknown,
> {
	description: INodeProperties[];
	/** Reads and checks one item's parameters. Throws (nothing sent) on bad input. */
	prepare(this: IExecuteFunctions, itemIndex: number): Prepared;
	/**
	 * Optional, for operations that work across items (one request for many ids, one queue per
	 * payment): called once after every item was read and before the first run, with each item's
	 * prepared value (undefined where the item was refused). What it returns goes to every run.
	 */
	beforeRuns?(this: IExecuteFunctions, prepared: ReadonlyArray<Prepared | undefined>): Shared;
	/**
	 * Makes the call(s) for one prepared item: its output item, or for a listing a list of them
	 * (none or many, all paired with this item).
	 */
	run(
		this: IExecuteFunctions,
		prepared: Prepared,
		itemIndex: number,
		transport: Transport,
		shared: Shared,
	): Promise<ItemResult | ItemResult[]>;
}

/** One resource: its entry in the Resource selector, its operations, and its fields (Operation selector first). */
export interface Resource<Transport = unknown> {
	option: INodePropertyOptions & { value: string };
	/** each operation reads its own item shape: checked where it is declared, by method bivariance here */
	operations: Record<string, Operation<object, unknown, Transport>>;
	properties: INodeProperties[];
}
