import type { IDataObject, IHttpRequestMethods, INode, RequestHelperFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { IamportAnswer, IamportEnvelope } from './errors';
import { IamportRequestError, TransportFailure, classifyThrown, isEnvelope } from './errors';

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

export interface TransportSettings {
	timeoutMs: number;
	/** extra attempts for transient failures */
	retries: number;
	/** first backoff step; doubles each attempt, with jitter */
	retryWaitMs: number;
	/** 0 = no cap */
	maxRequestsPerSecond: number;
}

/**
 * All the transport needs from n8n: the node (for errors) and the authenticated request helper.
 * IExecuteFunctions, IWebhookFunctions and the other n8n contexts all fit.
 */
export interface TransportContext {
	getNode(): INode;
	helpers: Pick<RequestHelperFunctions, 'httpRequestWithAuthentication'>;
}

const MAX_RETRY_WAIT_MS = 60_000;

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

/**
 * One execution's connection to i'mport: every request of a node run goes through here, so the
 * pace, retries, the "token is ready" signal and a refused credential are shared by all items.
 */
export class IamportTransport {
	/** set after the first request got an answer: a token is stored, concurrency may open up */
	authenticated = false;

	private readonly pacer: RequestPacer;

	private tokenFailure: TransportFailure | undefined;

	constructor(
		private readonly ctx: TransportContext,
		private readonly settings: TransportSettings,
	) {
		this.pacer = new RequestPacer(settings.maxRequestsPerSecond > 0 ? 1000 / settings.maxRequestsPerSecond : 0);
	}

	/**
	 * Sends one request and returns i'mport's answer, whatever its code, or an IamportRequestError
	 * (a NodeApiError with itemIndex) for anything that is not an i'mport answer: credentials
	 * refused after a refresh, network failures, timeouts, non-JSON bodies, transient statuses
	 * after all retries.
	 */
	async trySend(request: IamportRequest, itemIndex: number): Promise<IamportAnswer | IamportRequestError> {
		// Once the credential proved unusable, the other items would only repeat the same failure.
		if (this.tokenFailure) return new IamportRequestError(this.ctx.getNode(), this.tokenFailure, itemIndex);
		for (let attempt = 0; ; attempt++) {
			const outcome = await this.attempt(request);
			if (!(outcome instanceof TransportFailure)) {
				this.authenticated = true;
				return outcome;
			}
			if (outcome.credentialsRefused) this.tokenFailure = outcome;
			const mayRetry =
				outcome.transient && (request.idempotent || outcome.notProcessed) && attempt < this.settings.retries;
			if (!mayRetry) return new IamportRequestError(this.ctx.getNode(), outcome, itemIndex);
			await sleep(this.backoffMs(attempt, outcome.retryAfterMs));
		}
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
				this.ctx as unknown as ThisParameterType<RequestHelperFunctions['httpRequestWithAuthentication']>,
				'iamportApi',
				{
					method: request.method,
					url: request.path,
					body: request.body,
					json: true,
					timeout: this.settings.timeoutMs,
					returnFullResponse: true,
				},
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

	private backoffMs(attempt: number, retryAfter: number | undefined) {
		if (retryAfter !== undefined) return Math.min(retryAfter, MAX_RETRY_WAIT_MS);
		const step = this.settings.retryWaitMs * 2 ** attempt;
		// Full jitter keeps many items that failed together from retrying together.
		return Math.min(step / 2 + Math.random() * (step / 2), MAX_RETRY_WAIT_MS);
	}
}
