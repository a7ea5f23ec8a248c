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
