import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

/** Every i'mport answer: code 0 is success, anything else is a failure, whatever the HTTP status. */
export interface IamportEnvelope {
	code: number;
	message: string | null;
	response: IDataObject | null;
}

export interface IamportAnswer {
	httpStatus: number;
	envelope: IamportEnvelope;
}

export interface IamportRequest {
	method: IHttpRequestMethods;
	/** path below the base URL, ids already encoded (see paths.ts) */
	path: string;
	body?: IDataObject;
	/**
	 * Safe to send again after an attempt that may have reached i'mport (GET). When false
	 * (POST/DELETE), only failures that prove the request was never processed are retried;
	 * callers of non-idempotent calls resolve ambiguous failures themselves (see cancel).
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

const MAX_RETRY_WAIT_MS = 60_000;
/** HTTP statuses worth another try: throttling and gateways. */
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
/** Statuses that say i'mport did not process the request, so even a POST may be sent again. */
const NOT_PROCESSED_STATUSES = new Set([429]);
// A body that is not i'mport's envelope usually comes from a gateway in trouble: worth another try.
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'NON_JSON']);
/** Network failures that happen before a request can reach the server. */
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN']);

function isEnvelope(body: unknown): body is IamportEnvelope {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as IamportEnvelope).code === 'number' &&
		'response' in (body as object)
	);
}

/** What went wrong below the i'mport answer level; never holds request headers or bodies. */
class TransportFailure {
	constructor(
		readonly message: string,
		readonly description: string,
		readonly httpStatus: number | undefined,
		readonly networkCode: string | undefined,
		readonly retryAfterMs: number | undefined,
		/** the failure happened while getting a token: the request itself was never sent */
		readonly tokenStep = false,
	) {}

	/** the credential is unusable (refused key/secret, invalid setup): every other item would fail the same way */
	get credentialsRefused() {
		return this.tokenStep && (this.httpStatus === 401 || this.networkCode === 'CREDENTIAL');
	}

	get transient() {
		return (
			(this.httpStatus !== undefined && TRANSIENT_STATUSES.has(this.httpStatus)) ||
			(this.networkCode !== undefined && TRANSIENT_NETWORK_CODES.has(this.networkCode))
		);
	}

	/** true when the request certainly did not change anything at i'mport */
	get notProcessed() {
		return (
			this.tokenStep ||
			(this.httpStatus !== undefined && NOT_PROCESSED_STATUSES.has(this.httpStatus)) ||
			(this.networkCode !== undefined && NOT_SENT_NETWORK_CODES.has(this.networkCode))
		);
	}
}

function retryAfterMs(headers: unknown): number | undefined {
	const value = (headers as Record<string, unknown> | undefined)?.['retry-after'];
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Turns what n8n's request helper threw into either an i'mport answer (a JSON envelope with a
 * non-2xx status: a documented failure) or a TransportFailure. n8n-core wraps HTTP errors in a
 * NodeApiError that keeps the parsed body in `context.data`; the raw axios error sits in `cause`.
 */
function classifyThrown(error: any): IamportAnswer | TransportFailure {
	const cause = error?.cause ?? error;
	if (cause?.name === 'IamportCredentialError') {
		return new TransportFailure(cause.message, "Nothing was sent. Fix the I'mport credential.", undefined, 'CREDENTIAL', undefined, true);
	}
	if (cause?.name === 'IamportTokenError') {
		return new TransportFailure(
			cause.message,
			'The access token could not be obtained, so the request was not sent',
			cause.httpStatus,
			cause.networkCode ?? 'TOKEN',
			undefined,
			true,
		);
	}
	const httpStatus = Number(cause?.response?.status ?? error?.httpCode) || undefined;
	const body = cause?.response?.data ?? error?.context?.data;
	if (httpStatus !== undefined) {
		if (httpStatus === 401) {
			return new TransportFailure(
				"i'mport refused the access token (HTTP 401), even after a fresh one was issued",
				`${isEnvelope(body) && body.message ? `i'mport said: ${body.message}. ` : ''}Check the API key and secret, and the Agency Tier Code if one is set.`,
				401,
				undefined,
				undefined,
			);
		}
		if (isEnvelope(body) && !TRANSIENT_STATUSES.has(httpStatus)) return { httpStatus, envelope: body };
		return new TransportFailure(
			`i'mport answered HTTP ${httpStatus}${isEnvelope(body) && body.message ? `: ${body.message}` : ''}`,
			isEnvelope(body) ? 'A transient failure; it may succeed when run again' : "The answer was not i'mport's JSON envelope",
			httpStatus,
			undefined,
			retryAfterMs(cause?.response?.headers),
		);
	}
	const networkCode: string | undefined =
		cause?.code ?? (/timeout/i.test(String(cause?.message)) ? 'ETIMEDOUT' : undefined);
	const isTimeout = networkCode === 'ETIMEDOUT' || networkCode === 'ECONNABORTED';
	return new TransportFailure(
		isTimeout ? "i'mport did not answer in time" : `The request to i'mport failed (${networkCode ?? 'network error'})`,
		isTimeout
			? 'Raise the Timeout option, or run again later. A cancel that timed out is checked again before it is retried.'
			: 'Check the Base URL in the credential and the network between n8n and i\'mport',
		undefined,
		networkCode,
		undefined,
	);
}

/** A failure that is not an i'mport answer, as n8n shows it: message, description, itemIndex. */
export class IamportRequestError extends NodeApiError {
	/** false only when the request provably changed nothing at i'mport (refused connection, 429, no token) */
	readonly mayHaveReachedIamport: boolean;

	constructor(node: INode, failure: TransportFailure, itemIndex: number) {
		super(node, { message: failure.message, description: failure.description } as JsonObject, {
			itemIndex,
			message: failure.message,
			description: failure.description,
			httpCode: failure.httpStatus !== undefined ? String(failure.httpStatus) : undefined,
		});
		this.mayHaveReachedIamport = !failure.notProcessed && failure.httpStatus !== 401;
		// n8n's editor and error handling know errors by these names.
		this.name = 'NodeApiError';
	}
}

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
 * pace, retries and the "token is ready" signal are shared by all items.
 */
export class IamportTransport {
	/** set after the first request got an answer: a token is stored, concurrency may open up */
	authenticated = false;

	/** counts for the run, for tests and the benchmark */
	readonly stats = { requests: 0, retries: 0 };

	private readonly pacer: RequestPacer;

	private tokenFailure: TransportFailure | undefined;

	constructor(
		private readonly ctx: IExecuteFunctions,
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
			this.stats.retries++;
			await sleep(this.backoffMs(attempt, outcome.retryAfterMs));
		}
	}

	/** Like trySend, but throws the IamportRequestError. */
	async send(request: IamportRequest, itemIndex: number): Promise<IamportAnswer> {
		const sent = await this.trySend(request, itemIndex);
		if (sent instanceof IamportRequestError) throw sent;
		return sent;
	}

	/** extra attempts allowed for transient failures (the cancel flow uses the same budget) */
	get retries() {
		return this.settings.retries;
	}

	/** Waits as before a retry: exponential backoff with jitter. */
	async pauseBeforeRetry(attempt: number) {
		this.stats.retries++;
		await sleep(this.backoffMs(attempt, undefined));
	}

	private async attempt(request: IamportRequest): Promise<IamportAnswer | TransportFailure> {
		await this.pacer.wait();
		this.stats.requests++;
		try {
			const response = await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, 'iamportApi', {
				method: request.method,
				url: request.path,
				body: request.body,
				json: true,
				timeout: this.settings.timeoutMs,
				returnFullResponse: true,
			});
			if (!isEnvelope(response.body)) {
				return new TransportFailure(
					"i'mport's answer was not its JSON envelope",
					`HTTP ${response.statusCode} with a body that is not {code, message, response}`,
					undefined,
					'NON_JSON',
					undefined,
				);
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
