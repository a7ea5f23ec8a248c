import { TRANSIENT_STATUSES, TransportFailure } from '../../engine/failure';
import { httpAnswerOf, networkFailure, retryAfterMs } from '../../engine/thrown';
import { CREDENTIAL_ERROR } from './account';
import type { IamportAnswer } from './answer';
import { iamportAnswer, isEnvelope } from './answer';
import { TOKEN_ERROR } from './token';

interface NamedError {
	name?: unknown;
	message?: unknown;
	httpStatus?: number;
	networkCode?: string;
}

/**
 * Turns what n8n's request helper threw into either an i'mport answer (a JSON envelope with a
 * non-2xx status: a documented refusal) or a TransportFailure. The credential's own errors
 * (setup, token) come through n8n as the error or its cause.
 */
export function classifyThrown(error: unknown): IamportAnswer | TransportFailure {
	const thrown = error as (NamedError & { cause?: NamedError }) | undefined;
	const cause = thrown?.cause ?? thrown;
	if (cause?.name === CREDENTIAL_ERROR) {
		return new TransportFailure({
			kind: 'credential',
			message: String(cause.message),
			description: "Nothing was sent. Fix the I'mport credential.",
		});
	}
	if (cause?.name === TOKEN_ERROR) {
		return new TransportFailure({
			kind: 'token',
			message: String(cause.message),
			description: 'The access token could not be obtained, so the request was not sent',
			httpStatus: cause.httpStatus,
			networkCode: cause.networkCode,
		});
	}
	const { status, body, headers } = httpAnswerOf(error);
	if (status === undefined) return networkFailure(error, "i'mport");
	const said = isEnvelope(body) && body.message ? body.message : undefined;
	if (status === 401) {
		return new TransportFailure({
			kind: 'http',
			message: "i'mport refused the access token (HTTP 401), even after a fresh one was issued",
			description: `${said ? `i'mport said: ${said}. ` : ''}Check the API key and secret, and the Agency Tier Code if one is set.`,
			httpStatus: 401,
		});
	}
	if (isEnvelope(body) && !TRANSIENT_STATUSES.has(status)) return iamportAnswer(status, body);
	return new TransportFailure({
		kind: 'http',
		message: `i'mport answered HTTP ${status}${said ? `: ${said}` : ''}`,
		description: isEnvelope(body)
			? 'A transient failure; it may succeed when run again'
			: "The answer was not i'mport's JSON envelope",
		httpStatus: status,
		retryAfterMs: retryAfterMs(headers),
	});
}
