import type { IamportRequest, IamportTransport } from '../transport/client';
import type { IamportAnswer } from '../transport/errors';
import { IamportRequestError } from '../transport/errors';
import type { ItemResult, OutcomeTable } from './outcome';
import { isSuccess, resultOf } from './outcome';
import type { Target } from './operation';

/**
 * An action that must never happen twice (a cancel, a refund), and the look-up that tells
 * whether it has happened.
 */
export interface GuardedAction {
	/** the id reported in the output */
	target: Pick<Target, 'idField' | 'id'>;
	/** a read-only request (GET) that shows the state the action changes */
	lookup: IamportRequest;
	/** the action itself: any method, path and body; never sent blindly twice */
	action: IamportRequest;
	lookupTable: OutcomeTable;
	actionTable: OutcomeTable;
	/**
	 * Whether a successful look-up answer shows the action done. `before` is the look-up answer
	 * taken before the action, when there was one, so "done" may compare the two (e.g. a new
	 * entry in a history).
	 */
	isDone: (answer: IamportAnswer, before: IamportAnswer | undefined) => boolean;
	/** outcome words of a look-up: already done (Success), would act (dry run) */
	words: { alreadyDone: string; wouldAct: string };
	/** appended to the error when the action may or may not have gone through */
	unsureHint: string;
}

export interface GuardOptions {
	/** only look up; report `words.wouldAct` or `words.alreadyDone` */
	dryRun: boolean;
	/** look up before acting, and report an action already done as `words.alreadyDone` without acting */
	lookUpFirst: boolean;
}

const isAnswer = (sent: IamportAnswer | IamportRequestError): sent is IamportAnswer =>
	!(sent instanceof IamportRequestError);

/**
 * Look up -> act -> when the answer to the action was lost, look up again before acting again.
 *
 * Calls made, per item:
 * - Dry run: the look-up only. Success `wouldAct` / `alreadyDone`; a failed look-up goes to Failure.
 * - Look up first: the look-up; an action already done is `alreadyDone` (no action); otherwise the
 *   action. If i'mport refuses the action on something the look-up had found, one more look-up
 *   tells whether it was done in between (then `alreadyDone`).
 * - Neither: the action only.
 * An action that may have reached i'mport but got no answer (connection reset, timeout, 502/504)
 * is never blindly repeated: a look-up first finds out whether it went through.
 */
export async function runGuardedAction(
	transport: IamportTransport,
	itemIndex: number,
	guarded: GuardedAction,
	options: GuardOptions,
): Promise<ItemResult> {
	const { target, lookup, lookupTable, actionTable, isDone, words } = guarded;
	const done = (answer: IamportAnswer, before: IamportAnswer | undefined) =>
		isSuccess(answer) && isDone(answer, before);

	let before: IamportAnswer | undefined;
	const skipIfDone = options.dryRun || options.lookUpFirst;
	if (skipIfDone) {
		const found = await transport.send(lookup, itemIndex);
		if (done(found, undefined)) return resultOf(target, found, lookupTable, words.alreadyDone);
		if (options.dryRun)
			return resultOf(target, found, lookupTable, isSuccess(found) ? words.wouldAct : undefined);
		// Any other look-up answer (not found, PG without look-up support) leaves the verdict to the
		// action, whose documented statuses tell the cases apart.
		if (isSuccess(found)) before = found;
	}

	const sent = await actWithLookBack(transport, itemIndex, {
		action: guarded.action,
		lookup,
		isDone: (check) => done(check, before),
		unsureHint: guarded.unsureHint,
	});
	if (sent.done) return resultOf(target, sent.answer, actionTable, actionTable.success);
	const { answer } = sent;
	if (!isSuccess(answer) && before) {
		// i'mport refused something it had just shown as not done: if it is done now (by someone
		// else in between), that is what the user wanted.
		const check = await transport.trySend(lookup, itemIndex);
		if (isAnswer(check) && done(check, before))
			return resultOf(target, check, lookupTable, words.alreadyDone);
	}
	return resultOf(target, answer, actionTable);
}

export interface LookBack {
	/** the action: never sent blindly twice */
	action: IamportRequest;
	/** the read-only request that shows whether the action happened */
	lookup: IamportRequest;
	/** whether a successful look-up answer shows this action done */
	isDone: (check: IamportAnswer) => boolean;
	/** appended to the error when the action may or may not have gone through */
	unsureHint: string;
}

/** What became of the action: i'mport's answer to it, or a look-up that shows it done behind a lost answer. */
export type LookBackResult =
	| { done: true; answer: IamportAnswer }
	| { done: false; answer: IamportAnswer; lostAnswers: number };

/**
 * The heart of the guarded flow: sends the action; when its answer is lost (connection reset,
 * timeout, 502/504) looks up first, and sends it again only when the look-up shows it not done,
 * within the transport's retries. `lostAnswers` counts the attempts whose answer was lost before
 * the one answered, so a refusal can be told from "an earlier attempt went through after all".
 */
export async function actWithLookBack(
	transport: IamportTransport,
	itemIndex: number,
	step: LookBack,
): Promise<LookBackResult> {
	for (let attempt = 0; ; attempt++) {
		const answer = await transport.trySend(step.action, itemIndex);
		if (!(answer instanceof IamportRequestError))
			return { done: false, answer, lostAnswers: attempt };
		if (!answer.mayHaveReachedIamport) throw answer;
		// The action may have gone through: look before trying again, so nothing happens twice.
		const check = await transport.trySend(step.lookup, itemIndex);
		if (isAnswer(check) && isSuccess(check) && step.isDone(check))
			return { done: true, answer: check };
		if (!isAnswer(check) || !isSuccess(check) || attempt >= transport.retries) {
			answer.description = `${answer.description ?? ''} ${step.unsureHint}`.trim();
			throw answer;
		}
		await transport.pauseBeforeRetry(attempt);
	}
}
