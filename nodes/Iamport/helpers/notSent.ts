import type { INode, JsonObject, NodeOperationError } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { IamportTransport } from '../transport/client';
import type { ItemResult } from './outcome';

/**
 * One item's run: its result (a listing: one per thing listed) or its error. `changedNothing`: it failed only because i'mport (or
 * the way to it) was failing, and none of its calls may have changed anything, so it may simply
 * be run again.
 */
export type ItemRun =
	| ItemResult
	| ItemResult[]
	| { error: NodeApiError | NodeOperationError; changedNothing?: boolean };

/** The outcome word of an item the run did not send because i'mport looked unavailable. */
export const NOT_SENT = 'not_sent';

/**
 * After a run that gave up on i'mport: every item that was not done and changed nothing (never
 * started, or only calls that failed) becomes a "Not sent" error in `runs`. Returns the run's one
 * message about the outage, or undefined when the run did not give up.
 */
export function settleNotSent(
	node: INode,
	transport: IamportTransport,
	runs: Array<ItemRun | undefined>,
) {
	if (!transport.guard.unavailable) return undefined;
	let notSent = 0;
	let done = 0;
	const otherErrors: string[] = [];
	// A plain loop: items never started are holes in `runs`, which forEach would skip.
	for (let itemIndex = 0; itemIndex < runs.length; itemIndex++) {
		const run = runs[itemIndex];
		if (run === undefined || (!Array.isArray(run) && 'error' in run && run.changedNothing)) {
			runs[itemIndex] = {
				error: transport.notSentError(itemIndex, run?.error),
				changedNothing: true,
			};
			notSent++;
		} else if (!Array.isArray(run) && 'error' in run) {
			otherErrors.push(
				`item ${itemIndex}: ${run.error.message}${run.error.description ? ` (${run.error.description})` : ''}`,
			);
		} else {
			done++;
		}
	}
	const message = transport.outageMessage(notSent);
	const waited = Math.round(transport.guard.waitedMs / 1000);
	const description = [
		`i'mport did not answer again within Max Outage Wait (the run waited ${waited} s in total), so the run stopped sending.`,
		`${done} ${done === 1 ? 'item was' : 'items were'} done before that. Nothing was changed at i'mport for the items not sent: run them again once i'mport answers.`,
		otherErrors.length
			? `Other items failed on their own: ${otherErrors.slice(0, 3).join('; ')}${otherErrors.length > 3 ? `; and ${otherErrors.length - 3} more` : ''}.`
			: '',
	]
		.filter(Boolean)
		.join(' ');
	return {
		message,
		description,
		error: new NodeApiError(node, { message, description } as JsonObject, { message, description }),
	};
}
