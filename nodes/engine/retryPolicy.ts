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
 * Whether a request keeps trying past Retries (for up to Max Outage Wait) once a call of its item
 * may have changed something: only a look-up, since its answer is what tells the item's outcome.
 * A change, even a keyed one (an Idempotency-Key makes it repeatable), stays within Retries: the
 * guarded flow looks up between its rounds of attempts, so a change that kept trying on its own
 * would wait Max Outage Wait once per round (PortOne's 409 IDEMPOTENCY_OUTSTANDING_REQUEST for a
 * request it never finishes: minutes per item instead of Retries attempts).
 */
export function mayKeepLooking(request: EngineRequest, changedSomething: boolean): boolean {
	const readOnly = request.method === 'GET' || request.method === 'HEAD';
	return readOnly && request.idempotent && changedSomething;
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
