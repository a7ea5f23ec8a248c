import type { INode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { RequestError, TransportFailure } from './failure';
import type { CallVerdict, OutageSettings } from './outageGuard';
import { OutageGuard } from './outageGuard';
import { mayHaveChanged, mayKeepLooking, mayRetryRequest, mayRunItemAgain } from './retryPolicy';
import type { Answer, EngineRequest } from './types';

/**
 * The outage guard's thresholds are optional: without them (a caller making a single look-up, such
 * as a trigger) the guard is off and each request only retries on its own.
 */
export interface TransportSettings extends Partial<Omit<OutageSettings, 'retryWaitMs'>> {
	timeoutMs: number;
	/** extra attempts for transient failures */
	retries: number;
	/** first backoff step; doubles each attempt, with jitter */
	retryWaitMs: number;
	/** 0 = no cap */
	maxRequestsPerSecond: number;
}

/** What the engine needs of one API: its name for messages, and one attempt of one request. */
export interface ApiConnection<A extends Answer> {
	/** how messages name the API: "i'mport", "PortOne" */
	readonly apiName: string;
	/** Sends the request once: the API's answer (any answer, a refusal too), or what went wrong. */
	attempt(request: EngineRequest, timeoutMs: number): Promise<A | TransportFailure>;
}

const MAX_RETRY_WAIT_MS = 60_000;
/** longest wait between the attempts of a look-up that keeps trying (see keepsLooking) */
const MAX_LOOK_AGAIN_WAIT_MS = 15_000;

/** Paces request starts so that they begin at least `intervalMs` apart. */
class RequestPacer {
	private nextStart = 0;

	constructor(private readonly intervalMs: number) {}

	async wait() {
		if (this.intervalMs <= 0) return;
		const now = Date.now();
		const start = Math.max(now, this.nextStart);
		this.nextStart = start + this.intervalMs;
		if (start > now) await sleep(start - now);
	}
}

/** What a call's outcome says about the API being up (see OutageGuard). */
function verdictOf(outcome: Answer | TransportFailure): CallVerdict {
	if (!(outcome instanceof TransportFailure) || outcome.answeredTryAgain) return 'answered';
	if (outcome.transient) return 'failed';
	// An HTTP status without a usable answer (e.g. 401) is still the API answering.
	return outcome.httpStatus !== undefined ? 'answered' : 'other';
}

/**
 * One execution's connection to one API: every request of a node run goes through here, so the
 * pace, retries, the "token is ready" signal, a refused credential and the judgement of whether
 * the API is up are shared by all items.
 */
export class RequestSender<A extends Answer> {
	/** set after the first request got an answer: a token is stored, concurrency may open up */
	authenticated = false;

	/** whether the API looks up: pauses every item's calls during an outage, gives up after a lasting one */
	readonly guard: OutageGuard;

	/** items that sent a call which may have changed something (a change not provably refused) */
	private readonly changedBy = new Set<number>();

	private readonly pacer: RequestPacer;

	private credentialFailure: TransportFailure | undefined;

	constructor(
		private readonly node: () => INode,
		private readonly settings: TransportSettings,
		private readonly api: ApiConnection<A>,
	) {
		this.pacer = new RequestPacer(
			settings.maxRequestsPerSecond > 0 ? 1000 / settings.maxRequestsPerSecond : 0,
		);
		this.guard = new OutageGuard({
			outageWindow: settings.outageWindow ?? 0,
			outageFailurePercent: settings.outageFailurePercent ?? 100,
			maxOutageWaitMs: settings.maxOutageWaitMs ?? 0,
			retryWaitMs: settings.retryWaitMs,
		});
	}

	get apiName() {
		return this.api.apiName;
	}

	/**
	 * Sends one request and returns the API's answer, whatever it says, or a RequestError (a
	 * NodeApiError with itemIndex) for anything that is not an answer: credentials refused,
	 * network failures, timeouts, bodies that are not the API's JSON, transient statuses after
	 * all retries.
	 */
	async trySend(request: EngineRequest, itemIndex: number): Promise<A | RequestError> {
		// Once the credential proved unusable, the other items would only repeat the same failure.
		if (this.credentialFailure) return this.error(this.credentialFailure, itemIndex);
		let firstFailureAt: number | undefined;
		for (let attempt = 0; ; ) {
			const ticket = await this.guard.beforeCall();
			if (!ticket) return this.notSentError(itemIndex);
			await this.pacer.wait();
			const outcome = await this.api.attempt(request, this.settings.timeoutMs);
			const failure = outcome instanceof TransportFailure ? outcome : undefined;
			this.guard.record(ticket, verdictOf(outcome), failure?.retryAfterMs);
			if (mayHaveChanged(request, failure)) this.changedBy.add(itemIndex);
			if (!failure) {
				this.authenticated = true;
				return outcome as A;
			}
			if (failure.credentialsRefused) this.credentialFailure = failure;
			if (!mayRetryRequest(request, failure)) return this.error(failure, itemIndex);
			// A failure that paused the run (or came during the pause) is the outage's, not the item's:
			// the item waits with the run (in beforeCall) and keeps its own retries.
			if (this.guard.paused) continue;
			firstFailureAt ??= Date.now();
			if (
				attempt >= this.settings.retries &&
				!this.keepsLooking(request, itemIndex, firstFailureAt)
			) {
				return this.error(failure, itemIndex);
			}
			await sleep(Math.min(this.backoffMs(attempt, failure.retryAfterMs), MAX_LOOK_AGAIN_WAIT_MS));
			attempt++;
		}
	}

	/** Like trySend, but throws the RequestError. */
	async send(request: EngineRequest, itemIndex: number): Promise<A> {
		const sent = await this.trySend(request, itemIndex);
		if (sent instanceof RequestError) throw sent;
		return sent;
	}

	/**
	 * A look-up made after a call that may have changed something (a cancel whose answer was lost)
	 * is what tells the item's outcome: it keeps trying past Retries, for up to Max Outage Wait.
	 */
	private keepsLooking(request: EngineRequest, itemIndex: number, firstFailureAt: number) {
		return (
			mayKeepLooking(request, this.changedBy.has(itemIndex)) &&
			this.guard.enabled &&
			Date.now() - firstFailureAt < (this.settings.maxOutageWaitMs ?? 0)
		);
	}

	/**
	 * Whether an item that failed with `error` may simply be run again later: the API (or the way
	 * to it) was failing, and no call of the item may have changed anything. A cancel whose answer
	 * was lost never qualifies: its own flow looks before it acts again.
	 */
	mayRunAgain(error: unknown, itemIndex: number) {
		const apiFailing = error instanceof RequestError && error.apiFailing;
		return mayRunItemAgain(apiFailing, this.changedBy.has(itemIndex), this.guard.enabled);
	}

	/**
	 * The error of an item the run did not send because it gave up on the API (or stopped for
	 * another item's error). `lastFailure` is the item's own last error, when it had made calls
	 * that failed without changing anything.
	 */
	notSentError(itemIndex: number, lastFailure?: Error) {
		const { failed, calls } = this.guard.lastJudged;
		const name = this.api.apiName;
		const ownFailure = lastFailure && !(lastFailure instanceof RequestError && lastFailure.notSent);
		const before = ownFailure ? `Its last call failed: ${lastFailure.message}. ` : '';
		const why = this.guard.unavailable
			? `${failed} of the last ${calls} calls to ${name} failed and it did not answer again within Max Outage Wait, so the run stopped sending.`
			: 'The run stopped before this item was done.';
		const failure = new TransportFailure({
			kind: 'not_sent',
			message: this.guard.unavailable
				? `Not sent: ${name} looks unavailable`
				: 'Not sent: the run stopped',
			description: `${before}${why} Nothing was changed at ${name} for this item: run it again once ${name} answers.`,
		});
		return this.error(failure, itemIndex);
	}

	/** The run's one message about an outage it gave up on. */
	outageMessage(notSent: number) {
		const { failed, calls } = this.guard.lastJudged;
		return `${this.api.apiName} looks unavailable: ${failed} of the last ${calls} calls failed; ${notSent} ${notSent === 1 ? 'item was' : 'items were'} not sent`;
	}

	/** extra attempts allowed for transient failures (the guarded action flow uses the same budget) */
	get retries() {
		return this.settings.retries;
	}

	/** Waits as before a retry: exponential backoff with jitter. */
	async pauseBeforeRetry(attempt: number) {
		await sleep(this.backoffMs(attempt, undefined));
	}

	private error(failure: TransportFailure, itemIndex: number) {
		return new RequestError(this.node(), failure, itemIndex);
	}

	private backoffMs(attempt: number, retryAfter: number | undefined) {
		if (retryAfter !== undefined) return Math.min(retryAfter, MAX_RETRY_WAIT_MS);
		const step = this.settings.retryWaitMs * 2 ** attempt;
		// Full jitter keeps many items that failed together from retrying together.
		return Math.min(step / 2 + Math.random() * (step / 2), MAX_RETRY_WAIT_MS);
	}
}
