import { TransportFailure } from './failure';

/**
 * Reading what n8n's request helpers throw. n8n-core wraps HTTP errors in a NodeApiError that
 * keeps the parsed body in `context.data` and the raw axios error in `cause`; a network error
 * carries its code on the error, its cause, or (several addresses tried) the first of `errors`.
 */

interface Thrown {
	code?: unknown;
	message?: unknown;
	cause?: Thrown;
	errors?: Thrown[];
	httpCode?: unknown;
	context?: { data?: unknown };
	response?: { status?: unknown; data?: unknown; headers?: unknown };
}

const asThrown = (error: unknown): Thrown | undefined =>
	typeof error === 'object' && error !== null ? (error as Thrown) : undefined;

/** The network error code of a failed request, or undefined when it got an HTTP answer. */
export function networkCodeOf(error: unknown): string | undefined {
	const thrown = asThrown(error);
	for (const candidate of [
		thrown?.cause,
		thrown,
		thrown?.cause?.errors?.[0],
		thrown?.errors?.[0],
	]) {
		if (typeof candidate?.code === 'string' && candidate.code !== '') return candidate.code;
	}
	const message = String(thrown?.cause?.message ?? thrown?.message ?? '');
	if (/wrong version number|packet length too long|ssl routines/i.test(message)) return 'EPROTO';
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	return undefined;
}

/** The HTTP status, parsed body and headers of an error answer, when there was one. */
export function httpAnswerOf(error: unknown): { status?: number; body: unknown; headers: unknown } {
	const thrown = asThrown(error);
	const cause = thrown?.cause ?? thrown;
	const status = Number(cause?.response?.status ?? thrown?.httpCode) || undefined;
	return {
		status,
		body: cause?.response?.data ?? thrown?.context?.data,
		headers: cause?.response?.headers,
	};
}

/** A Retry-After header in ms (seconds or an HTTP date), when there is one. */
export function retryAfterMs(headers: unknown): number | undefined {
	const value = (headers as Record<string, unknown> | undefined)?.['retry-after'];
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** A request that got no HTTP answer at all, in words. */
export function networkFailure(error: unknown, apiName: string): TransportFailure {
	const networkCode = networkCodeOf(error);
	const isTimeout = networkCode === 'ETIMEDOUT' || networkCode === 'ECONNABORTED';
	return new TransportFailure({
		kind: 'network',
		message: isTimeout
			? `${apiName} did not answer in time`
			: `The request to ${apiName} failed (${networkCode ?? 'network error'})`,
		description: isTimeout
			? 'Raise the Timeout option, or run again later. A cancel that timed out is checked again before it is retried.'
			: `Check the Base URL in the credential and the network between n8n and ${apiName}`,
		networkCode,
	});
}

/**
 * Network error codes in words, for a credential test or a token step. The code is left out of
 * the message where the words say it: n8n's NodeApiError replaces any message naming a common code
 * (ECONNREFUSED, ETIMEDOUT, ...) with its own generic sentence. TLS codes are not among those.
 */
const NETWORK_WORDS: Array<{ codes: RegExp; words: (api: string) => string; showCode?: boolean }> =
	[
		{
			codes: /^(EPROTO|ERR_SSL_.*)$/,
			words: () =>
				'the server there does not speak HTTPS (TLS): the Base URL starts with https:// but the port seems to be plain HTTP. For a local simulator or proxy on a loopback address use http://',
			showCode: true,
		},
		{
			codes: /^ECONNREFUSED$/,
			words: () =>
				'nothing accepts connections there (connection refused). Check the host and port of the Base URL',
		},
		{
			codes: /^(ENOTFOUND|EAI_AGAIN)$/,
			words: () => 'the host name of the Base URL could not be resolved (DNS). Check the Base URL',
		},
		{
			codes: /^(EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN)$/,
			words: (api) =>
				`the host cannot be reached from n8n's network (unreachable). Check the Base URL and the network or firewall between n8n and ${api}`,
		},
		{
			codes:
				/^(ETIMEDOUT|ECONNABORTED|ESOCKETTIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/,
			words: () =>
				'no answer in time (timeout). Check the Base URL and the network, or try again later',
		},
		{
			codes: /^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/,
			words: () =>
				'the connection was closed before an answer came. Try again; if it keeps happening, check the Base URL or proxy',
		},
		{
			codes: /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/,
			words: (api) =>
				`the server's TLS certificate was not accepted. Check that the Base URL names ${api} or a proxy with a valid certificate`,
			showCode: true,
		},
	];

/** What a network failure means, for the user. */
export function networkWords(code: string | undefined, apiName: string): string {
	const known = NETWORK_WORDS.find((entry) => code !== undefined && entry.codes.test(code));
	if (!known) return `a network error (${code ?? 'no error code'})`;
	return `${known.words(apiName)}${known.showCode ? ` (${code})` : ''}`;
}
