import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { RequestError } from './failure';
import type { OutageGuard } from './outageGuard';
import type { ItemRun } from './types';

/** The outcome word of an item the run did not send because the API looked unavailable. */
export const NOT_SENT = 'not_sent';

/** What the run itself needs of its transport (a RequestSender). */
export interface RunTransport {
	readonly apiName: string;
	readonly authenticated: boolean;
	readonly guard: OutageGuard;
	mayRunAgain(error: unknown, itemIndex: number): boolean;
	notSentError(itemIndex: number, lastFailure?: Error): RequestError;
	outageMessage(notSent: number): string;
}

/**
 * After a run that gave up on the API: every item that was not done and changed nothing (never
 * started, or only calls that failed) becomes a "Not sent" error in `runs`. Returns the run's one
 * message about the outage, or undefined when the run did not give up.
 */
export function settleNotSent(
	node: INode,
	transport: RunTransport,
	runs: Array<ItemRun | undefined>,
) {
	if (!transport.guard.unavailable) return undefined;
	const name = transport.apiName;
	let notSent = 0;
	let done = 0;
	const otherErrors: string[] = [];
	// A plain loop: items never started are holes in `runs`, which forEach would skip.
	for (let itemIndex = 0; itemIndex < runs.length; itemIndex++) {
		const run = runs[itemIndex];
		if (run === undefined || (run.kind === 'failed' && run.changedNothing)) {
			const error = transport.notSentError(itemIndex, run?.error);
			runs[itemIndex] = { kind: 'failed', error, changedNothing: true };
			notSent++;
		} else if (run.kind === 'failed') {
			const { message, description } = run.error;
			otherErrors.push(`item ${itemIndex}: ${message}${description ? ` (${description})` : ''}`);
		} else {
			done++;
		}
	}
	const message = transport.outageMessage(notSent);
	const waited = Math.round(transport.guard.waitedMs / 1000);
	const more = otherErrors.length > 3 ? `; and ${otherErrors.length - 3} more` : '';
	const description = [
		`${name} did not answer again within Max Outage Wait (the run waited ${waited} s in total), so the run stopped sending.`,
		`${done} ${done === 1 ? 'item was' : 'items were'} done before that. Nothing was changed at ${name} for the items not sent: run them again once ${name} answers.`,
		otherErrors.length
			? `Other items failed on their own: ${otherErrors.slice(0, 3).join('; ')}${more}.`
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
