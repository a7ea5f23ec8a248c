import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IHttpRequestMethods,
	INode,
	RequestHelperFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { CredentialContext } from './credentials';
import { CREDENTIAL_TYPE, loadCredentials } from './credentials';
import type { IamportAnswer, IamportEnvelope } from './errors';
import { IamportRequestError, TransportFailure, classifyThrown, isEnvelope } from './errors';
import type { CallVerdict, OutageSettings } from './outageGuard';
import { OutageGuard } from './outageGuard';

export interface IamportRequest {
	method: IHttpRequestMethods;
	/** path below the base URL, ids already encoded as one segment each */
	path: string;
	body?: IDataObject;
	/**
	 * Safe to send again after an attempt that may have reached i'mport (GET). When false
	 * (POST/DELETE), only failures that prove the request was never processed are retried;
	 * callers of non-idempotent calls resolve ambiguous failures themselves (see the guarded action flow).
	 */
	idempotent: boolean;
}

/**
 * The outage guard's thresholds are optional: without them (a caller making a single look-up, such
 * as the trigger) the guard is off and each request only retries on its own.
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

/**
 * All the transport needs from n8n: the node (for errors), its credential and the authenticated
 * request helper. IExecuteFunctions, IWebhookFunctions and the other n8n contexts all fit.
 */
export interface TransportContext extends CredentialContext {
	getNode(): INode;
	helpers: Pick<RequestHelperFunctions, 'httpRequestWithAuthentication'>;
}

const MAX_RETRY_WAIT_MS = 60_000;
/** longest wait between the attempts of a look-up that keeps trying (see keepsLooking) */
const MAX_LOOK_AGAIN_WAIT_MS = 15_000;

/** Paces request starts so that no more than `perSecond` begin in any second. */
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

/** What a call's outcome says about i'mport being up (see OutageGuard). */
function verdictOf(outcome: IamportAnswer | TransportFailure): CallVerdict {
	if (!(outcome instanceof TransportFailure)) return 'answered';
	if (outcome.transient) return 'failed';
	// An HTTP status without an envelope's success (e.g. 401) is still i'mport answering.
	return outcome.httpStatus !== undefined ? 'answered' : 'other';
}

/**
 * One execution's connection to i'mport: every request of a node run goes through here, so the
 * pace, retries, the "token is ready" signal, a refused credential and the judgement of whether
 * i'mport is up are shared by all items.
 */
export class IamportTransport {
	/** set after the first request got an answer: a token is stored, concurrency may open up */
	authenticated = false;

	/** whether i'mport looks up: pauses every item's calls during an outage, gives up after a lasting one */
	readonly guard: OutageGuard;

	/** items that sent a call which may have changed something at i'mport (a DELETE or POST not provably refused) */
	private readonly mayHaveChanged = new Set<number>();

	private readonly pacer: RequestPacer;

	private tokenFailure: TransportFailure | undefined;

	private credentials: Promise<IAdditionalCredentialOptions> | undefined;

	constructor(
		private readonly ctx: TransportContext,
		private readonly settings: TransportSettings,
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

	/**
	 * Sends one request and returns i'mport's answer, whatever its code, or an IamportRequestError
	 * (a NodeApiError with itemIndex) for anything that is not an i'mport answer: credentials
	 * refused after a refresh, network failures, timeouts, non-JSON bodies, transient statuses
	 * after all retries.
	 */
	async trySend(
		request: IamportRequest,
		itemIndex: number,
	): Promise<IamportAnswer | IamportRequestError> {
		// Once the credential proved unusable, the other items would only repeat the same failure.
		if (this.tokenFailure)
			return new IamportRequestError(this.ctx.getNode(), this.tokenFailure, itemIndex);
		let firstFailureAt: number | undefined;
		for (let attempt = 0; ; ) {
			const ticket = await this.guard.beforeCall();
			if (!ticket) return this.notSentError(itemIndex);
			const outcome = await this.attempt(request);
			const failure = outcome instanceof TransportFailure ? outcome : undefined;
			this.guard.record(ticket, verdictOf(outcome), failure?.retryAfterMs);
			if (!request.idempotent && !failure?.notProcessed) this.mayHaveChanged.add(itemIndex);
			if (!failure) {
				this.authenticated = true;
				return outcome as IamportAnswer;
			}
			if (failure.credentialsRefused) this.tokenFailure = failure;
			const mayRetry = failure.transient && (request.idempotent || failure.notProcessed);
			if (!mayRetry) return new IamportRequestError(this.ctx.getNode(), failure, itemIndex);
			// A failure that paused the run (or came during the pause) is the outage's, not the item's:
			// the item waits with the run (in beforeCall) and keeps its own retries.
			if (this.guard.paused) continue;
			firstFailureAt ??= Date.now();
			if (
				attempt >= this.settings.retries &&
				!this.keepsLooking(request, itemIndex, firstFailureAt)
			) {
				return new IamportRequestError(this.ctx.getNode(), failure, itemIndex);
			}
			await sleep(Math.min(this.backoffMs(attempt, failure.retryAfterMs), MAX_LOOK_AGAIN_WAIT_MS));
			attempt++;
		}
	}

	/**
	 * A look-up made after a call that may have changed something (a cancel whose answer was lost)
	 * is what tells the item's outcome: it keeps trying past Retries, for up to Max Outage Wait.
	 */
	private keepsLooking(request: IamportRequest, itemIndex: number, firstFailureAt: number) {
		return (
			request.idempotent &&
			this.guard.enabled &&
			this.mayHaveChanged.has(itemIndex) &&
			Date.now() - firstFailureAt < (this.settings.maxOutageWaitMs ?? 0)
		);
	}

	/**
	 * Whether an item that failed with `error` may simply be run again later: i'mport (or the way
	 * to it) was failing, and no call of the item may have changed anything. A cancel whose answer
	 * was lost never qualifies: its own flow looks before it acts again.
	 */
	mayRunAgain(error: unknown, itemIndex: number) {
		return (
			this.guard.enabled &&
			error instanceof IamportRequestError &&
			error.iamportFailing &&
			!this.mayHaveChanged.has(itemIndex)
		);
	}

	/**
	 * The error of an item the run did not send because it gave up on i'mport (or stopped for
	 * another item's error). `lastFailure` is the item's own last error, when it had made calls
	 * that failed without changing anything.
	 */
	notSentError(itemIndex: number, lastFailure?: Error) {
		const { failed, calls } = this.guard.lastJudged;
		const ownFailure =
			lastFailure && !(lastFailure instanceof IamportRequestError && lastFailure.notSent);
		const before = ownFailure ? `Its last call failed: ${lastFailure.message}. ` : '';
		const why = this.guard.unavailable
			? `${failed} of the last ${calls} calls to i'mport failed and it did not answer again within Max Outage Wait, so the run stopped sending.`
			: 'The run stopped before this item was done.';
		const failure = new TransportFailure({
			kind: 'not_sent',
			message: this.guard.unavailable
				? "Not sent: i'mport looks unavailable"
				: 'Not sent: the run stopped',
			description: `${before}${why} Nothing was changed at i'mport for this item: run it again once i'mport answers.`,
		});
		return new IamportRequestError(this.ctx.getNode(), failure, itemIndex);
	}

	/** The run's one message about an outage it gave up on. */
	outageMessage(notSent: number) {
		const { failed, calls } = this.guard.lastJudged;
		return `i'mport looks unavailable: ${failed} of the last ${calls} calls failed; ${notSent} ${notSent === 1 ? 'item was' : 'items were'} not sent`;
	}

	/** Like trySend, but throws the IamportRequestError. */
	async send(request: IamportRequest, itemIndex: number): Promise<IamportAnswer> {
		const sent = await this.trySend(request, itemIndex);
		if (sent instanceof IamportRequestError) throw sent;
		return sent;
	}

	/** extra attempts allowed for transient failures (the guarded action flow uses the same budget) */
	get retries() {
		return this.settings.retries;
	}

	/** Waits as before a retry: exponential backoff with jitter. */
	async pauseBeforeRetry(attempt: number) {
		await sleep(this.backoffMs(attempt, undefined));
	}

	private async attempt(request: IamportRequest): Promise<IamportAnswer | TransportFailure> {
		await this.pacer.wait();
		try {
			const response = await this.ctx.helpers.httpRequestWithAuthentication.call(
				// n8n binds its helpers to the context they came from; the call needs that context back.
				this.ctx as unknown as ThisParameterType<
					RequestHelperFunctions['httpRequestWithAuthentication']
				>,
				CREDENTIAL_TYPE,
				{
					method: request.method,
					url: request.path,
					body: request.body,
					json: true,
					timeout: this.settings.timeoutMs,
					returnFullResponse: true,
				},
				await this.credentialOptions(),
			);
			if (!isEnvelope(response.body)) {
				return new TransportFailure({
					kind: 'non_json',
					message: "i'mport's answer was not its JSON envelope",
					description: `HTTP ${response.statusCode} with a body that is not {code, message, response}`,
				});
			}
			return { httpStatus: response.statusCode, envelope: response.body as IamportEnvelope };
		} catch (error) {
			return classifyThrown(error);
		}
	}

	/** The credential, loaded at the first request and shared by all; loaded again if that failed. */
	private credentialOptions() {
		this.credentials ??= loadCredentials(this.ctx).catch((error: unknown) => {
			this.credentials = undefined;
			throw error;
		});
		return this.credentials;
	}

	private backoffMs(attempt: number, retryAfter: number | undefined) {
		if (retryAfter !== undefined) return Math.min(retryAfter, MAX_RETRY_WAIT_MS);
		const step = this.settings.retryWaitMs * 2 ** attempt;
		// Full jitter keeps many items that failed together from retrying together.
		return Math.min(step / 2 + Math.random() * (step / 2), MAX_RETRY_WAIT_MS);
	}
}
