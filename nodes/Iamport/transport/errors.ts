import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { CREDENTIAL_ERROR, TOKEN_ERROR } from './credentialErrors';

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

/** HTTP statuses worth another try: throttling and gateways. */
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
/** Statuses that say i'mport did not process the request, so even a POST may be sent again. */
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

/**
 * Where a failure happened, kept apart from the real network code (ECONNRESET, ...):
 * - `http`: an HTTP status without a usable i'mport answer
 * - `network`: no HTTP answer at all (see `networkCode`)
 * - `non_json`: an answer that is not i'mport's envelope (usually a gateway in trouble)
 * - `credential`: the credential's setup is invalid; nothing was sent
 * - `token`: no access token could be obtained; the request itself was not sent
 * - `not_sent`: the run had given up on i'mport (see OutageGuard); the request was not sent
 */
type FailureKind = 'http' | 'network' | 'non_json' | 'credential' | 'token' | 'not_sent';

interface TransportFailureFields {
	kind: FailureKind;
	message: string;
	description: string;
	httpStatus?: number;
	/** the network error code as Node.js reported it, when there was one */
	networkCode?: string;
	/** from a Retry-After header */
	retryAfterMs?: number;
}

/** What went wrong below the i'mport answer level; never holds request headers or bodies. */
export class TransportFailure {
	readonly kind: FailureKind;
	readonly message: string;
	readonly description: string;
	readonly httpStatus: number | undefined;
	readonly networkCode: string | undefined;
	readonly retryAfterMs: number | undefined;

	constructor(fields: TransportFailureFields) {
		this.kind = fields.kind;
		this.message = fields.message;
		this.description = fields.description;
		this.httpStatus = fields.httpStatus;
		this.networkCode = fields.networkCode;
		this.retryAfterMs = fields.retryAfterMs;
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
			this.kind === 'non_json' ||
			(this.httpStatus !== undefined && TRANSIENT_STATUSES.has(this.httpStatus)) ||
			(this.networkCode !== undefined && TRANSIENT_NETWORK_CODES.has(this.networkCode))
		);
	}

	/** true when the request certainly did not change anything at i'mport */
	get notProcessed() {
		return (
			this.tokenStep ||
			this.kind === 'not_sent' ||
			(this.httpStatus !== undefined && NOT_PROCESSED_STATUSES.has(this.httpStatus)) ||
			(this.networkCode !== undefined && NOT_SENT_NETWORK_CODES.has(this.networkCode))
		);
	}
}

export function isEnvelope(body: unknown): body is IamportEnvelope {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as IamportEnvelope).code === 'number' &&
		'response' in (body as object)
	);
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
export function classifyThrown(error: any): IamportAnswer | TransportFailure {
	const cause = error?.cause ?? error;
	if (cause?.name === CREDENTIAL_ERROR) {
		return new TransportFailure({
			kind: 'credential',
			message: cause.message,
			description: "Nothing was sent. Fix the I'mport credential.",
		});
	}
	if (cause?.name === TOKEN_ERROR) {
		return new TransportFailure({
			kind: 'token',
			message: cause.message,
			description: 'The access token could not be obtained, so the request was not sent',
			httpStatus: cause.httpStatus,
			networkCode: cause.networkCode,
		});
	}
	const httpStatus = Number(cause?.response?.status ?? error?.httpCode) || undefined;
	const body = cause?.response?.data ?? error?.context?.data;
	if (httpStatus !== undefined) {
		if (httpStatus === 401) {
			return new TransportFailure({
				kind: 'http',
				message: "i'mport refused the access token (HTTP 401), even after a fresh one was issued",
				description: `${isEnvelope(body) && body.message ? `i'mport said: ${body.message}. ` : ''}Check the API key and secret, and the Agency Tier Code if one is set.`,
				httpStatus: 401,
			});
		}
		if (isEnvelope(body) && !TRANSIENT_STATUSES.has(httpStatus))
			return { httpStatus, envelope: body };
		return new TransportFailure({
			kind: 'http',
			message: `i'mport answered HTTP ${httpStatus}${isEnvelope(body) && body.message ? `: ${body.message}` : ''}`,
			description: isEnvelope(body)
				? 'A transient failure; it may succeed when run again'
				: "The answer was not i'mport's JSON envelope",
			httpStatus,
			retryAfterMs: retryAfterMs(cause?.response?.headers),
		});
	}
	const networkCode: string | undefined =
		cause?.code ?? (/timeout/i.test(String(cause?.message)) ? 'ETIMEDOUT' : undefined);
	const isTimeout = networkCode === 'ETIMEDOUT' || networkCode === 'ECONNABORTED';
	return new TransportFailure({
		kind: 'network',
		message: isTimeout
			? "i'mport did not answer in time"
			: `The request to i'mport failed (${networkCode ?? 'network error'})`,
		description: isTimeout
			? 'Raise the Timeout option, or run again later. A cancel that timed out is checked again before it is retried.'
			: "Check the Base URL in the credential and the network between n8n and i'mport",
		networkCode,
	});
}

/** A failure that is not an i'mport answer, as n8n shows it: message, description, itemIndex. */
export class IamportRequestError extends NodeApiError {
	/** false only when the request provably changed nothing at i'mport (refused connection, 429, no token) */
	readonly mayHaveReachedIamport: boolean;

	/** the failure says nothing about the item itself: i'mport, or the way to it, was failing (or the run had given up on it) */
	readonly iamportFailing: boolean;

	/** the request was never sent, because the run had given up on i'mport */
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
		this.mayHaveReachedIamport = !failure.notProcessed && failure.httpStatus !== 401;
		this.notSent = failure.kind === 'not_sent';
		this.iamportFailing = failure.transient || this.notSent;
		this.transportFailure = failure;
		// n8n's editor and error handling know errors by these names.
		this.name = 'NodeApiError';
	}

	/** The same failure as another item's own error (one request can serve several items), with a note added. */
	forItem(itemIndex: number, note = ''): IamportRequestError {
		const failure = this.transportFailure;
		const description = `${failure.description} ${note}`.trim();
		return new IamportRequestError(
			this.node,
			new TransportFailure({ ...failure, description }),
			itemIndex,
		);
	}
}
