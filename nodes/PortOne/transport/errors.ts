import { TRANSIENT_STATUSES, TransportFailure } from '../../engine/failure';
import { httpAnswerOf, networkFailure, retryAfterMs } from '../../engine/thrown';
import { CREDENTIAL_ERROR, V1_KEY_HINT } from './account';
import type { PortOneAnswer } from './answer';
import { isErrorBody, isJsonObject, portOneAnswer } from './answer';

/** PortOne is still processing the request with this Idempotency-Key: wait and send it again. */
export const OUTSTANDING = 'IDEMPOTENCY_OUTSTANDING_REQUEST';

interface NamedError {
	name?: unknown;
	message?: unknown;
	cause?: NamedError;
}

/**
 * Turns what n8n's request helper threw into a PortOne answer (a documented error at its status)
 * or a TransportFailure: the credential's own setup errors; 401 (the secret is refused: every item
 * would fail the same way); 409 IDEMPOTENCY_OUTSTANDING_REQUEST (answered, try again); 429, 503,
 * 504 and a 502 that is not PG_PROVIDER (gateways: transient); network failures.
 */
export function classifyThrown(error: unknown): PortOneAnswer | TransportFailure {
	const thrown = error as NamedError | undefined;
	const cause = thrown?.cause ?? thrown;
	if (cause?.name === CREDENTIAL_ERROR) {
		return new TransportFailure({
			kind: 'credential',
			message: String(cause.message),
			description: 'Nothing was sent. Fix the PortOne V2 API credential.',
		});
	}
	const { status, body, headers } = httpAnswerOf(error);
	if (status === undefined) return networkFailure(error, 'PortOne');
	const typed = isErrorBody(body) ? body : undefined;
	const said = typed ? `${typed.type}${typed.message ? `: ${typed.message}` : ''}` : undefined;
	if (status === 401) {
		return new TransportFailure({
			kind: 'credential',
			message: `PortOne refused the API secret (HTTP 401${said ? ` ${said}` : ''})`,
			description: `Nothing was changed. ${V1_KEY_HINT}`,
			httpStatus: 401,
		});
	}
	if (status === 409 && typed?.type === OUTSTANDING) {
		return new TransportFailure({
			kind: 'http',
			message: `PortOne is still processing this request (HTTP 409 ${OUTSTANDING})`,
			description:
				'It was sent again with the same Idempotency-Key after a wait, until the retries ran out. Run the item again: the key makes that safe for 3 hours.',
			httpStatus: 409,
			answeredTryAgain: true,
			retryAfterMs: retryAfterMs(headers),
		});
	}
	const gateway =
		TRANSIENT_STATUSES.has(status) && !(status === 502 && typed?.type === 'PG_PROVIDER');
	if (typed && !gateway && isJsonObject(body)) return portOneAnswer(status, body);
	return new TransportFailure({
		kind: 'http',
		message: `PortOne answered HTTP ${status}${said ? ` ${said}` : ''}`,
		description: typed
			? 'A transient failure; it may succeed when run again'
			: "The answer was not PortOne's JSON error",
		httpStatus: status,
		retryAfterMs: retryAfterMs(headers),
	});
}
