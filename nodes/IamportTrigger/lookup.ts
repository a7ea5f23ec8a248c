import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { RequestError } from '../engine/failure';
import { queryString } from '../engine/query';
import { paymentPath, sandboxParams } from '../Iamport/actions/payment/shared';
import { iamportTransport } from '../Iamport/transport/client';

/** What i'mport said about one imp_uid. */
export type LookupResult =
	| { kind: 'found'; payment: IDataObject }
	| { kind: 'not_found'; message: string | null }
	/** no usable answer: nothing can be decided; `detail` is for n8n's log and never holds a secret */
	| { kind: 'failed'; detail: string };

export interface LookupSettings {
	includeSandbox: boolean;
	/** the whole look-up, one more attempt after a transient failure included */
	timeoutMs: number;
}

const RETRY_WAIT_MS = 500;
/** the shortest attempt worth starting */
const MIN_ATTEMPT_MS = 1000;

/**
 * GET /payments/{imp_uid} through the package's transport with the node's I'mport credential
 * (n8n asks for a token, and for a new one after an HTTP 401). One more attempt after a transient
 * failure when two fit in `timeoutMs`: i'mport waits 30 s for the answer to a first delivery and
 * 15 s for a re-sent one.
 */
export async function lookUpPayment(
	ctx: IWebhookFunctions,
	impUid: string,
	settings: LookupSettings,
): Promise<LookupResult> {
	const twoFit = settings.timeoutMs >= 2 * MIN_ATTEMPT_MS + RETRY_WAIT_MS;
	const transport = iamportTransport(ctx, {
		timeoutMs: twoFit ? Math.floor((settings.timeoutMs - RETRY_WAIT_MS) / 2) : settings.timeoutMs,
		retries: twoFit ? 1 : 0,
		retryWaitMs: RETRY_WAIT_MS,
		maxRequestsPerSecond: 0,
	});
	const sent = await transport.trySend(
		{
			method: 'GET',
			// One path segment, whatever the id holds (readNotification already refused path characters).
			path: `${paymentPath(impUid)}${queryString(sandboxParams(settings.includeSandbox))}`,
			idempotent: true,
		},
		0,
	);
	if (sent instanceof RequestError) return { kind: 'failed', detail: sent.message };
	const { httpStatus, envelope } = sent;
	if (
		httpStatus === 200 &&
		envelope.code === 0 &&
		typeof envelope.response === 'object' &&
		envelope.response !== null
	) {
		return { kind: 'found', payment: envelope.response };
	}
	if (httpStatus === 404) return { kind: 'not_found', message: envelope.message };
	return {
		kind: 'failed',
		detail: `i'mport answered HTTP ${httpStatus}${envelope.message ? `: ${envelope.message}` : ''}`,
	};
}
