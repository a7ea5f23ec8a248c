/**
 * The item engine: how every action node of this package runs its input items. API-free: an API
 * brings its resources and a transport (a RequestSender over its own ApiConnection); nothing here
 * names one.
 *
 * The contract, per execution:
 * 1. Every item is read and checked first (`Operation.prepare`): bad input is that item's error
 *    and nothing is sent for it (without continueOnFail the run stops before any request).
 * 2. `Operation.beforeRuns` sees all prepared items once (batches, per-payment queues, limits).
 * 3. Items run in a bounded pool (Concurrency), in input order, the first alone until the API has
 *    answered once (one token for the run). The outage guard (`OutageGuard`) pauses every item
 *    while the API fails transiently, puts back items that failed only because of it, and after
 *    Max Outage Wait gives up: items not done that changed nothing come out `not_sent`.
 * 4. Changes go through the guarded flow (`guardedAction`): a change whose answer was lost is
 *    looked up before it is ever sent again; refusals are looked at again.
 * 5. Outputs: exactly one output item per input item (a listing: one per thing listed), each with
 *    `pairedItem`, on Success or Failure by its outcome word; errors as `NodeApiError` /
 *    `NodeOperationError` with `itemIndex`, or items when continueOnFail is on.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { RequestError } from './failure';
import type { RunTransport } from './notSent';
import { NOT_SENT, settleNotSent } from './notSent';
import { PutBack, runInOrder } from './pool';
import type { RunSettings } from './settings';
import { readSettings } from './settings';
import type { ItemError, ItemRun, Resource, Target } from './types';

export interface ItemEngine<Transport extends RunTransport> {
	resources: Array<Resource<Transport>>;
	/** the run's transport, made from the Options collection's settings */
	transport: (ctx: IExecuteFunctions, settings: RunSettings) => Transport;
}

/** Any error of one item as n8n shows it, with its itemIndex; unknown errors keep only their message. */
function itemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	const message = (error as Error)?.message ?? String(error);
	return new NodeOperationError(ctx.getNode(), message, { itemIndex });
}

/**
 * The json of an error item (continueOnFail). For "continue (using error output)" n8n routes
 * items holding only error/details to the error output and adds the input item's fields itself;
 * otherwise the item says which id failed and carries the outcome word `error`.
 */
function errorJson(error: ItemError, target: Target | undefined, errorOutput: boolean) {
	if (errorOutput) return { error: error.message, details: error.description ?? null };
	const json: IDataObject = target ? { [target.idField]: target.id } : {};
	json.outcome = error instanceof RequestError && error.notSent ? NOT_SENT : 'error';
	json.error = error.message;
	if (error.description) json.description = error.description;
	return json;
}

export async function runItems<Transport extends RunTransport>(
	ctx: IExecuteFunctions,
	engine: ItemEngine<Transport>,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const operations = engine.resources.find((r) => r.option.value === resource)?.operations;
	const selected =
		operations && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
	if (!selected) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Unknown operation "${operation}" for resource "${resource}"`,
		);
	}
	const splitOutputs = ctx.getNodeParameter('splitOutputs', 0, true) as boolean;
	const settings = readSettings(ctx);
	const transport = engine.transport(ctx, settings);
	const continueOnFail = ctx.continueOnFail();
	const errorOutput = ctx.getNode().onError === 'continueErrorOutput';

	// Read and check every item first: bad input fails before anything is sent.
	const prepared: Array<{ target?: Target } | undefined> = new Array(items.length);
	const inputErrors = new Map<number, ItemError>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared[itemIndex] = selected.prepare.call(ctx, itemIndex);
		} catch (thrown) {
			const error = itemError(ctx, thrown, itemIndex);
			if (!continueOnFail) throw error;
			inputErrors.set(itemIndex, error);
		}
	}
	const shared = selected.beforeRuns?.call(ctx, prepared);

	// Without continueOnFail the first error ends the run: no new item starts, running ones finish.
	let stopError: { itemIndex: number; error: Error } | undefined;
	const runs = await runInOrder<ItemRun>(
		items.length,
		settings.concurrency,
		async (itemIndex) => {
			const inputError = inputErrors.get(itemIndex);
			if (inputError) return { kind: 'failed', error: inputError, changedNothing: false };
			try {
				const item = prepared[itemIndex] as object;
				const result = await selected.run.call(ctx, item, itemIndex, transport, shared);
				return { kind: 'done', results: Array.isArray(result) ? result : [result] };
			} catch (thrown) {
				const error = itemError(ctx, thrown, itemIndex);
				// Failed only because the API was not answering, with nothing changed: it goes again later.
				if (transport.mayRunAgain(error, itemIndex)) {
					return new PutBack<ItemRun>({ kind: 'failed', error, changedNothing: true });
				}
				if (!continueOnFail && (!stopError || itemIndex < stopError.itemIndex)) {
					stopError = { itemIndex, error };
					transport.guard.stop();
				}
				return { kind: 'failed', error, changedNothing: false };
			}
		},
		() => transport.authenticated,
		() => stopError !== undefined || transport.guard.unavailable,
		() => transport.guard.answers,
	);
	if (stopError) throw stopError.error;
	// A lasting outage: the items not sent say so, and the run says it once.
	const outage = settleNotSent(ctx.getNode(), transport, runs);
	if (outage && !continueOnFail) throw outage.error;
	if (outage) {
		ctx.addExecutionHints({ message: outage.message, type: 'warning', location: 'outputPane' });
		ctx.logger.warn(outage.message);
	}
	// Items put back that never went again keep their error; without continueOnFail the first one stops the run.
	const firstError = continueOnFail ? undefined : runs.find((run) => run?.kind === 'failed');
	if (firstError?.kind === 'failed') throw firstError.error;

	// One output item per input item (a listing: one per thing listed), in input order within each output.
	const success: INodeExecutionData[] = [];
	const failure: INodeExecutionData[] = [];
	runs.forEach((run, itemIndex) => {
		if (run === undefined) return; // not reached: runInOrder runs every item unless stopped, and then we threw
		const pairedItem = { item: itemIndex };
		if (run.kind === 'failed') {
			const json = errorJson(run.error, prepared[itemIndex]?.target, errorOutput);
			(splitOutputs ? failure : success).push({ json, pairedItem });
			return;
		}
		for (const result of run.results) {
			(result.success || !splitOutputs ? success : failure).push({ json: result.json, pairedItem });
		}
	});
	return splitOutputs ? [success, failure] : [success];
}
