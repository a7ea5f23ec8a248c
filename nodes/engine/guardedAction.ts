import { RequestError } from './failure';
import type { OutcomeTable } from './outcome';
import { resultOf } from './outcome';
import type { Answer, EngineRequest, ItemResult, Target } from './types';

/** What the guarded flow needs of a transport (a RequestSender, or a stand-in in unit tests). */
export interface GuardedTransport<A extends Answer> {
	trySend(request: EngineRequest, itemIndex: number): Promise<A | RequestError>;
	send(request: EngineRequest, itemIndex: number): Promise<A>;
	readonly retries: number;
	pauseBeforeRetry(attempt: number): Promise<void>;
}

const isAnswer = <A extends Answer>(sent: A | RequestError): sent is A =>
	!(sent instanceof RequestError);

/**
 * A read-only look at what a change changes: one request, or a function that makes a few (a
 * listing read page by page, one look-up per id) and sums them up in one answer. A function
 * returns the RequestError of a request that got no answer (it does not throw it), so the flow
 * can tell "the look-up failed" from the item's own errors.
 */
export type LookUp<A extends Answer> =
	| EngineRequest
	| ((itemIndex: number) => Promise<A | RequestError>);

/** Makes the look-up: its answer, or the RequestError of a request that got none. */
export async function lookOnce<A extends Answer>(
	transport: GuardedTransport<A>,
	lookup: LookUp<A>,
	itemIndex: number,
): Promise<A | RequestError> {
	return typeof lookup === 'function'
		? await lookup(itemIndex)
		: await transport.trySend(lookup, itemIndex);
}

/** Whether a look-up answer shows the change done: an accepted one by `isDone`, a refusal by `isGone`. */
function showsDone<A extends Answer>(
	step: Pick<GuardedStep<A>, 'isDone' | 'isGone'>,
	check: A,
): boolean {
	return check.ok ? step.isDone(check) : step.isGone?.(check) === true;
}

/** One change that must never happen twice (a cancel, a refund), and how each way it ends is reported. */
export interface GuardedStep<A extends Answer> {
	/** the change: never sent blindly twice */
	action: EngineRequest;
	/** the read-only look-up that shows whether the change happened */
	lookup: LookUp<A>;
	/** whether an accepted look-up answer shows this change done */
	isDone: (check: A) => boolean;
	/**
	 * Optional, for a change that removes something: whether a refused look-up answer shows it done
	 * (what was deleted is no longer found, e.g. HTTP 404). Such an answer then counts as a look-up
	 * that was answered, for `acted` and `refused` too.
	 */
	isGone?: (check: A) => boolean;
	/** appended to the error when the change may or may not have gone through */
	unsureHint: string;
	/** after a refusal, look again, to tell a refusal from a change made in between */
	lookAgainAfterRefusal: boolean;
	/** the output when the change went through: its accepted answer, or a look-up that shows it done */
	acted: (answer: A) => ItemResult;
	/** the output after a refusal; `now` is the look-again answer, when it was accepted */
	refused: (answer: A, now: A | undefined, lostAnswers: number) => ItemResult;
}

/** What became of the change: the API's answer to it, or a look-up that shows it done behind a lost answer. */
export type LookBackResult<A> =
	| { done: true; answer: A }
	| { done: false; answer: A; lostAnswers: number };

/**
 * The heart of the guarded flow: sends the change; when its answer is lost (connection reset,
 * timeout, 502/504) looks up first, and sends it again only when the look-up shows it not done,
 * within the transport's retries. `lostAnswers` counts the attempts whose answer was lost before
 * the one answered, so a refusal can be told from "an earlier attempt went through after all".
 */
export async function actWithLookBack<A extends Answer>(
	transport: GuardedTransport<A>,
	itemIndex: number,
	step: Pick<GuardedStep<A>, 'action' | 'lookup' | 'isDone' | 'isGone' | 'unsureHint'>,
): Promise<LookBackResult<A>> {
	for (let attempt = 0; ; attempt++) {
		const answer = await transport.trySend(step.action, itemIndex);
		if (isAnswer(answer)) return { done: false, answer, lostAnswers: attempt };
		if (!answer.mayHaveReached) throw answer;
		// The change may have gone through: look before trying again, so nothing happens twice.
		const check = await lookOnce(transport, step.lookup, itemIndex);
		if (isAnswer(check) && showsDone(step, check)) return { done: true, answer: check };
		if (!isAnswer(check) || !check.ok || attempt >= transport.retries) {
			throw answer.withHint(step.unsureHint);
		}
		await transport.pauseBeforeRetry(attempt);
	}
}

/**
 * Act -> when the answer was lost, look before acting again -> after a refusal, look again.
 * An action that may have reached the API but got no answer is never blindly repeated.
 */
export async function actGuarded<A extends Answer>(
	transport: GuardedTransport<A>,
	itemIndex: number,
	step: GuardedStep<A>,
): Promise<ItemResult> {
	const sent = await actWithLookBack(transport, itemIndex, step);
	if (sent.done || sent.answer.ok) return step.acted(sent.answer);
	let now: A | undefined;
	if (step.lookAgainAfterRefusal) {
		const check = await lookOnce(transport, step.lookup, itemIndex);
		if (isAnswer(check) && (check.ok || step.isGone?.(check) === true)) now = check;
	}
	return step.refused(sent.answer, now, sent.lostAnswers);
}

/** A cancel reported through outcome tables: a look-up shows its state, the action changes it. */
export interface GuardedAction<A extends Answer> {
	/** the id reported in the output */
	target: Pick<Target, 'idField' | 'id'>;
	/** a read-only look-up (a GET) that shows the state the action changes */
	lookup: LookUp<A>;
	/** the action itself: any method, path and body; never sent blindly twice */
	action: EngineRequest;
	lookupTable: OutcomeTable;
	actionTable: OutcomeTable;
	/**
	 * Whether an accepted look-up answer shows the action done. `before` is the look-up answer
	 * taken before the action, when there was one, so "done" may compare the two.
	 */
	isDone: (answer: A, before: A | undefined) => boolean;
	/** Optional: whether a refused look-up answer shows the action done (see GuardedStep.isGone). */
	isGone?: (answer: A) => boolean;
	/**
	 * Optional: an outcome the look-up decides without acting, because the state it shows rules the
	 * action out (e.g. "paid, so it cannot be closed"), or undefined to go on. Called with an
	 * accepted look-up answer that is not done, before acting (and in a dry run), and again with the
	 * look-again answer after the API refused the action (`refusal` is that refusal).
	 */
	decide?: (found: A, refusal: A | undefined) => ItemResult | undefined;
	/** outcome words of a look-up: already done (Success), would act (dry run) */
	words: { alreadyDone: string; wouldAct: string };
	unsureHint: string;
}

export interface GuardOptions {
	/** only look up; report `words.wouldAct` or `words.alreadyDone` */
	dryRun: boolean;
	/** look up before acting, and report an action already done as `words.alreadyDone` without acting */
	lookUpFirst: boolean;
}

/**
 * Look up -> act (see actGuarded). Calls made, per item:
 * - Dry run: the look-up only. Success `wouldAct` / `alreadyDone`, or what `decide` says; a failed
 *   look-up goes to Failure.
 * - Look up first: the look-up; an action already done is `alreadyDone` (no action), one that
 *   `decide` rules out is its outcome (no action); otherwise the action. If the API refuses the
 *   action on something the look-up had found, one more look-up tells whether it was done in
 *   between (then `alreadyDone`) or what the state now is (`decide`).
 * - Neither: the action only.
 */
export async function runGuardedAction<A extends Answer>(
	transport: GuardedTransport<A>,
	itemIndex: number,
	guarded: GuardedAction<A>,
	options: GuardOptions,
): Promise<ItemResult> {
	const { target, lookupTable, actionTable, words } = guarded;
	const done = (answer: A, before: A | undefined) =>
		answer.ok ? guarded.isDone(answer, before) : guarded.isGone?.(answer) === true;
	// Already done is Success, also when the look-up shows it by a refusal (isGone).
	const alreadyDone = (answer: A): ItemResult => ({
		...resultOf(target, answer, lookupTable, words.alreadyDone),
		success: true,
	});

	let before: A | undefined;
	if (options.dryRun || options.lookUpFirst) {
		const found = await lookOnce(transport, guarded.lookup, itemIndex);
		if (found instanceof RequestError) throw found;
		if (done(found, undefined)) return alreadyDone(found);
		const decided = found.ok ? guarded.decide?.(found, undefined) : undefined;
		if (decided) return decided;
		if (options.dryRun) {
			return resultOf(target, found, lookupTable, found.ok ? words.wouldAct : undefined);
		}
		// Any other look-up answer (not found, PG without look-up support) leaves the verdict to the
		// action, whose documented statuses tell the cases apart.
		if (found.ok) before = found;
	}
	return await actGuarded(transport, itemIndex, {
		action: guarded.action,
		lookup: guarded.lookup,
		isDone: (check) => guarded.isDone(check, before),
		isGone: guarded.isGone,
		unsureHint: guarded.unsureHint,
		// Refused something the look-up had just shown as not done: if it is done now (by someone
		// else in between), that is what the user wanted.
		lookAgainAfterRefusal: before !== undefined,
		// A look-up that shows the action done by a refusal (isGone) still means it was done.
		acted: (answer) =>
			answer.ok
				? resultOf(target, answer, actionTable)
				: { ...resultOf(target, answer, actionTable, actionTable.success), success: true },
		refused: (answer, now) => {
			if (now && done(now, before)) return alreadyDone(now);
			const decided = now?.ok ? guarded.decide?.(now, answer) : undefined;
			return decided ?? resultOf(target, answer, actionTable);
		},
	});
}
