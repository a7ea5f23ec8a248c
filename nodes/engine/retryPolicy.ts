import type { TransportFailure } from './failure';
import type { EngineRequest } from './types';

/**
 * The retry rules, one question each, in one place (as stripe-node's RequestSender._shouldRetry):
 * a change is never resent blindly; only the request itself, or a look-up, goes again.
 */

/** Whether to send this request again after `failure`, within Retries. */
export function mayRetryRequest(request: EngineRequest, failure: TransportFailure): boolean {
	// Only transient failures (throttling, gateways, resets, timeouts) are worth another try ...
	if (!failure.transient) return false;
	// ... and a change only when it is keyed (idempotent) or provably never reached the API.
	return request.idempotent || failure.notProcessed;
}

/** Whether sending this request may have changed something at the API. */
export function mayHaveChanged(
	request: EngineRequest,
	failure: TransportFailure | undefined,
): boolean {
	if (request.method === 'GET' || request.method === 'HEAD') return false;
	return !failure?.notProcessed;
}

/**
 * Whether an item that failed may simply run again later (the pool puts it back): only when the
 * API was failing and none of its calls may have changed anything.
 */
export function mayRunItemAgain(
	apiFailing: boolean,
	changedSomething: boolean,
	guardOn: boolean,
): boolean {
	return guardOn && apiFailing && !changedSomething;
}
