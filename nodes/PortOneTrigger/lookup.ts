import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { RequestError } from '../engine/failure';
import { paymentPath } from '../PortOne/actions/common.descriptions';
import { portOneTransport } from '../PortOne/transport/client';

/** What PortOne said about one payment. */
export type LookupResult =
	| { kind: 'found'; payment: IDataObject }
	| { kind: 'not_found' }
	/** no usable answer: nothing can be decided; `detail` is for n8n's log and never holds a secret */
	| { kind: 'failed'; detail: string };

const RETRY_WAIT_MS = 500;
/** the shortest attempt worth starting */
const MIN_ATTEMPT_MS = 1000;

/**
 * GET /payments/{paymentId} (one encoded segment) through the PortOne node's transport with the
 * trigger's credential, for the store the webhook names. One more attempt after a transient
 * failure when two fit in `timeoutMs` (PortOne waits 30 s for an answer).
 */
export async function lookUpPayment(
	ctx: IWebhookFunctions,
	paymentId: string,
	storeId: string | null,
	timeoutMs: number,
): Promise<LookupResult> {
	const twoFit = timeoutMs >= 2 * MIN_ATTEMPT_MS + RETRY_WAIT_MS;
	const transport = portOneTransport(ctx, {
		timeoutMs: twoFit ? Math.floor((timeoutMs - RETRY_WAIT_MS) / 2) : timeoutMs,
		retries: twoFit ? 1 : 0,
		retryWaitMs: RETRY_WAIT_MS,
		maxRequestsPerSecond: 0,
	});
	const query = storeId ? `?storeId=${encodeURIComponent(storeId)}` : '';
	const sent = await transport.trySend(
		{ method: 'GET', path: `${paymentPath(paymentId)}${query}`, idempotent: true },
		0,
	);
	if (sent instanceof RequestError) return { kind: 'failed', detail: sent.message };
	if (sent.ok) return { kind: 'found', payment: sent.body };
	if (sent.httpStatus === 404) return { kind: 'not_found' };
	return {
		kind: 'failed',
		detail: `PortOne answered HTTP ${sent.httpStatus} ${sent.errorType ?? ''}`.trim(),
	};
}
