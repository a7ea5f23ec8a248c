import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { testIamportCredential } from '../../credentials/IamportApi.credentials';
import { cashReceipt } from './actions/cashReceipt/cashReceipt.resource';
import { externalCashReceipt } from './actions/externalCashReceipt/externalCashReceipt.resource';
import { payment } from './actions/payment/payment.resource';
import type { ItemRun } from './helpers/notSent';
import { NOT_SENT, settleNotSent } from './helpers/notSent';
import type { Resource, Target } from './helpers/operation';
import { PutBack, runInOrder } from './helpers/pool';
import { readSettings, settingsDescription } from './helpers/settings';
import { IamportTransport } from './transport/client';
import { IamportRequestError } from './transport/errors';

/** Every resource, in the order the editor lists them: a new resource is its folder and one line here. */
const RESOURCES: Resource[] = [cashReceipt, externalCashReceipt, payment];

/** Any error of one item as n8n shows it, with its itemIndex; unknown errors keep only their message. */
function itemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), (error as Error)?.message ?? String(error), {
		itemIndex,
	});
}

/**
 * The json of an error item (continueOnFail). For "continue (using error output)" n8n routes
 * items holding only error/details to the error output and adds the input item's fields itself;
 * otherwise the item says which id failed and carries the outcome word `error`.
 */
function errorJson(
	error: NodeApiError | NodeOperationError,
	target: Target | undefined,
	errorOutput: boolean,
) {
	if (errorOutput) return { error: error.message, details: error.description ?? null };
	const json: IDataObject = target ? { [target.idField]: target.id } : {};
	json.outcome = error instanceof IamportRequestError && error.notSent ? NOT_SENT : 'error';
	json.error = error.message;
	if (error.description) json.description = error.description;
	return json;
}

export class Iamport implements INodeType {
	description: INodeTypeDescription = {
		displayName: "I'mport",
		name: 'iamport',
		icon: { light: 'file:iamport.svg', dark: 'file:iamport.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			"Refund and look up payments, and cancel, look up and issue cash receipts (현금영수증), with i'mport (PortOne V1)",
		defaults: { name: "I'mport" },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Two outputs (Success, Failure) unless the user asks for one.
		outputs: `={{ $parameter.splitOutputs === false ? [{ "type": "main" }] : [{ "type": "main", "displayName": "Success" }, { "type": "main", "displayName": "Failure" }] }}`,
		// Tested by a function: n8n's request-based test would reuse the stored token (see testIamportCredential).
		credentials: [{ name: 'iamportApi', required: true, testedBy: 'iamportApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCES.map((resource) => resource.option),
				default: 'cashReceipt', // a literal, as n8n's linter asks
			},
			...RESOURCES.flatMap((resource) => resource.properties),
			{
				displayName: 'Split Success and Failure',
				name: 'splitOutputs',
				type: 'boolean',
				default: true,
				description:
					"Whether to send items i'mport accepted (code 0) to the Success output and all others to the Failure output. Off: one output, each item with its outcome.",
			},
			...settingsDescription,
		],
	};

	methods = { credentialTest: { iamportApiTest: testIamportCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const operations = RESOURCES.find((r) => r.option.value === resource)?.operations;
		const selected =
			operations && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
		if (!selected) {
			throw new NodeOperationError(
				this.getNode(),
				`Unknown operation "${operation}" for resource "${resource}"`,
			);
		}
		const splitOutputs = this.getNodeParameter('splitOutputs', 0, true) as boolean;
		const settings = readSettings(this);
		const transport = new IamportTransport(this, settings);
		const continueOnFail = this.continueOnFail();
		const errorOutput = this.getNode().onError === 'continueErrorOutput';

		// Read and check every item first: bad input fails before anything is sent to i'mport.
		const prepared: Array<{ target?: Target }> = new Array(items.length);
		const inputErrors = new Map<number, NodeApiError | NodeOperationError>();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				prepared[itemIndex] = selected.prepare.call(this, itemIndex);
			} catch (thrown) {
				const error = itemError(this, thrown, itemIndex);
				if (!continueOnFail) throw error;
				inputErrors.set(itemIndex, error);
			}
		}
		const shared = selected.beforeRuns?.call(this, prepared);

		// Without continueOnFail the first error ends the run: no new item starts, running ones finish.
		let stopError: { itemIndex: number; error: Error } | undefined;
		const runs = await runInOrder<ItemRun>(
			items.length,
			settings.concurrency,
			async (itemIndex) => {
				const inputError = inputErrors.get(itemIndex);
				if (inputError) return { error: inputError };
				try {
					return await selected.run.call(this, prepared[itemIndex], itemIndex, transport, shared);
				} catch (thrown) {
					const error = itemError(this, thrown, itemIndex);
					// Failed only because i'mport was not answering, with nothing changed: it goes again later.
					if (transport.mayRunAgain(error, itemIndex))
						return new PutBack<ItemRun>({ error, changedNothing: true });
					if (!continueOnFail && (!stopError || itemIndex < stopError.itemIndex)) {
						stopError = { itemIndex, error };
						transport.guard.stop();
					}
					return { error };
				}
			},
			() => transport.authenticated,
			() => stopError !== undefined || transport.guard.unavailable,
			() => transport.guard.answers,
		);
		if (stopError) throw stopError.error;
		// A lasting outage: the items not sent say so, and the run says it once.
		const outage = settleNotSent(this.getNode(), transport, runs);
		if (outage && !continueOnFail) throw outage.error;
		if (outage) {
			this.addExecutionHints({ message: outage.message, type: 'warning', location: 'outputPane' });
			this.logger.warn(outage.message);
		}
		// Items put back that never went again keep their error; without continueOnFail the first one stops the run.
		const firstError = continueOnFail
			? undefined
			: runs.find((run) => run !== undefined && !Array.isArray(run) && 'error' in run);
		if (firstError && !Array.isArray(firstError) && 'error' in firstError) throw firstError.error;

		// One output item per input item (a listing: one per thing listed), in input order within each output.
		const success: INodeExecutionData[] = [];
		const failure: INodeExecutionData[] = [];
		runs.forEach((run, itemIndex) => {
			if (run === undefined) return; // not reached: runInOrder runs every item unless stopped, and then we threw
			const pairedItem = { item: itemIndex };
			if (!Array.isArray(run) && 'error' in run) {
				const json = errorJson(run.error, prepared[itemIndex]?.target, errorOutput);
				(splitOutputs ? failure : success).push({ json, pairedItem });
				return;
			}
			for (const result of Array.isArray(run) ? run : [run]) {
				(result.success || !splitOutputs ? success : failure).push({
					json: result.json,
					pairedItem,
				});
			}
		});
		return splitOutputs ? [success, failure] : [success];
	}
}
