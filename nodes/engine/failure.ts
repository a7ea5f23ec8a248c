import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * Where a failure happened, kept apart from the real network code (ECONNRESET, ...):
 * - `http`: an HTTP status without a usable answer of the API
 * - `network`: no HTTP answer at all (see `networkCode`)
 * - `non_json`: an answer that is not the API's JSON (usually a gateway in trouble)
 * - `credential`: the credential's setup is invalid; nothing was sent
 * - `token`: no access token could be obtained; the request itself was not sent
 * - `not_sent`: the run had given up on the API (see OutageGuard); the request was not sent
 */
export type FailureKind = 'http' | 'network' | 'non_json' | 'credential' | 'token' | 'not_sent';

/** HTTP statuses worth another try: throttling and gateways. */
export const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
/** Statuses that say the API did not process the request, so even a change may be sent again. */
const NOT_PROCESSED_STATUSES = new Set([429]);
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ECONNREFUSED',
	'EPIPE',
	'EAI_AGAIN',
]);
/** Network failures that happen before a request can reach the server. */
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN']);

export interface TransportFailureFields {
	kind: FailureKind;
	message: string;
	description: string;
	httpStatus?: number;
	/** the network error code as Node.js reported it, when there was one */
	networkCode?: string;
	/** from a Retry-After header */
	retryAfterMs?: number;
	/**
	 * The API answered, and asked to be asked again (V2's IDEMPOTENCY_OUTSTANDING_REQUEST): worth
	 * another try, and no sign of an outage.
	 */
	answeredTryAgain?: boolean;
}

/** What went wrong below the answer level; never holds request headers or bodies. */
export class TransportFailure {
	readonly kind: FailureKind;
	readonly message: string;
	readonly description: string;
	readonly httpStatus: number | undefined;
	readonly networkCode: string | undefined;
	readonly retryAfterMs: number | undefined;
	readonly answeredTryAgain: boolean;

	constructor(fields: TransportFailureFields) {
		this.kind = fields.kind;
		this.message = fields.message;
		this.description = fields.description;
		this.httpStatus = fields.httpStatus;
		this.networkCode = fields.networkCode;
		this.retryAfterMs = fields.retryAfterMs;
		this.answeredTryAgain = fields.answeredTryAgain ?? false;
	}

	/** the failure happened while getting a token: the request itself was never sent */
	get tokenStep() {
		return this.kind === 'credential' || this.kind === 'token';
	}

	/** the credential is unusable (refused key/secret, invalid setup): every other item would fail the same way */
	get credentialsRefused() {
		return this.tokenStep && (this.httpStatus === 401 || this.kind === 'credential');
	}

	get transient() {
		return (
			this.answeredTryAgain ||
			this.kind === 'non_json' ||
			(this.httpStatus !== undefined && TRANSIENT_STATUSES.has(this.httpStatus)) ||
			(this.networkCode !== undefined && TRANSIENT_NETWORK_CODES.has(this.networkCode))
		);
	}

	/** true when the request certainly did not change anything at the API */
	get notProcessed() {
		return (
			this.tokenStep ||
			this.kind === 'not_sent' ||
			(this.httpStatus !== undefined && NOT_PROCESSED_STATUSES.has(this.httpStatus)) ||
			(this.networkCode !== undefined && NOT_SENT_NETWORK_CODES.has(this.networkCode))
		);
	}
}

/** A failure that is not an API answer, as n8n shows it: message, description, itemIndex. */
export class RequestError extends NodeApiError {
	/** false only when the request provably changed nothing (refused connection, 429, no token) */
	readonly mayHaveReached: boolean;

	/** the failure says nothing about the item itself: the API, or the way to it, was failing (or the run had given up on it) */
	readonly apiFailing: boolean;

	/** the request was never sent, because the run had given up on the API */
	readonly notSent: boolean;

	/** what went wrong, kept so that the same failure can be any item's own error (forItem) */
	readonly transportFailure: TransportFailure;

	constructor(node: INode, failure: TransportFailure, itemIndex: number) {
		super(node, { message: failure.message, description: failure.description } as JsonObject, {
			itemIndex,
			message: failure.message,
			description: failure.description,
			httpCode: failure.httpStatus !== undefined ? String(failure.httpStatus) : undefined,
		});
		this.mayHaveReached = !failure.notProcessed && failure.httpStatus !== 401;
		this.notSent = failure.kind === 'not_sent';
		this.apiFailing = failure.transient || this.notSent;
		this.transportFailure = failure;
		// n8n's editor and error handling know errors by these names.
		this.name = 'NodeApiError';
	}

	/** The same failure as another item's own error (one request can serve several items), with a note added. */
	forItem(itemIndex: number, note = ''): RequestError {
		const failure = this.transportFailure;
		const description = `${failure.description} ${note}`.trim();
		return new RequestError(
			this.node,
			new TransportFailure({ ...failure, description }),
			itemIndex,
		);
	}

	/** Adds a hint to the description (e.g. "look it up before trying again"). */
	withHint(hint: string): this {
		this.description = `${this.description ?? ''} ${hint}`.trim();
		return this;
	}
}
