import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/** What i'mport said about one imp_uid. */
export type LookupResult =
	| { kind: 'found'; payment: IDataObject }
	| { kind: 'not_found'; message: string | null }
	/** no usable answer: nothing can be decided; `detail` is for n8n's log and never holds a secret */
	| { kind: 'failed'; detail: string };

export interface LookupSettings {
	includeSandbox: boolean;
	timeoutMs: number;
}

const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN']);
const RETRY_WAIT_MS = 500;
/** the shortest attempt worth starting */
const MIN_ATTEMPT_MS = 1000;

function isEnvelope(body: unknown): body is { code: number; message: string | null; response: unknown } {
	return typeof body === 'object' && body !== null && typeof (body as IDataObject).code === 'number' && 'response' in body;
}

/** One attempt: an i'mport answer (any HTTP status) or a failure without one. */
async function attempt(
	ctx: IWebhookFunctions,
	impUid: string,
	includeSandbox: boolean,
	timeoutMs: number,
): Promise<{ httpStatus: number; body: unknown } | { failure: string; transient: boolean }> {
	try {
		const response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'iamportApi', {
			method: 'GET',
			// One path segment, whatever the id holds (readNotification already refused path characters).
			url: `/payments/${encodeURIComponent(impUid)}`,
			qs: includeSandbox ? { include_sandbox: 'true' } : undefined,
			json: true,
			timeout: timeoutMs,
			returnFullResponse: true,
		});
		return { httpStatus: response.statusCode, body: response.body };
	} catch (error) {
		// n8n-core wraps HTTP errors in a NodeApiError that keeps the parsed body in context.data and the axios error in cause.
		const cause = error?.cause ?? error;
		const credentialProblem = cause?.name === 'IamportCredentialError' || cause?.name === 'IamportTokenError';
		if (credentialProblem) return { failure: String(cause.message), transient: false };
		const httpStatus = Number(cause?.response?.status ?? error?.httpCode) || undefined;
		if (httpStatus !== undefined) {
			return { httpStatus, body: cause?.response?.data ?? error?.context?.data };
		}
		const code: string = cause?.code ?? (/timeout/i.test(String(cause?.message)) ? 'ETIMEDOUT' : 'network error');
		return { failure: `the request to i'mport failed (${code})`, transient: TRANSIENT_NETWORK_CODES.has(code) };
	}
}

/**
 * GET /payments/{imp_uid} with the node's I'mport credential (n8n asks for a token, and for a new
 * one after an HTTP 401). One more attempt after a transient failure, so one blip does not lose a
 * notification, but only within `timeoutMs` for the whole look-up: i'mport waits 30 s for the
 * answer to a first delivery and 15 s for a re-sent one.
 */
export async function lookUpPayment(ctx: IWebhookFunctions, impUid: string, settings: LookupSettings): Promise<LookupResult> {
	const deadline = Date.now() + settings.timeoutMs;
	let detail = '';
	for (let attemptNumber = 0; attemptNumber < 2; attemptNumber++) {
		if (attemptNumber > 0) {
			if (deadline - Date.now() < RETRY_WAIT_MS + MIN_ATTEMPT_MS) break;
			await sleep(RETRY_WAIT_MS);
		}
		const answer = await attempt(ctx, impUid, settings.includeSandbox, Math.max(MIN_ATTEMPT_MS, deadline - Date.now()));
		if ('failure' in answer) {
			detail = answer.failure;
			if (answer.transient) continue;
			return { kind: 'failed', detail };
		}
		const { httpStatus, body } = answer;
		if (isEnvelope(body) && body.code === 0 && httpStatus === 200 && typeof body.response === 'object' && body.response !== null) {
			return { kind: 'found', payment: body.response as IDataObject };
		}
		if (isEnvelope(body) && httpStatus === 404) return { kind: 'not_found', message: body.message };
		const said = isEnvelope(body) && body.message ? `: ${body.message}` : '';
		detail = httpStatus === 401 ? `i'mport refused the credential (HTTP 401${said})` : `i'mport answered HTTP ${httpStatus}${said}`;
		if (!TRANSIENT_STATUSES.has(httpStatus)) return { kind: 'failed', detail };
	}
	return { kind: 'failed', detail };
}
