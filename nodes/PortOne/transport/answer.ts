import type { IDataObject } from 'n8n-workflow';

import type { Answer } from '../../engine/types';

/**
 * A PortOne V2 answer: HTTP 2xx with the operation's JSON, or an error `{type, message}` (plus
 * `pgCode`, `pgMessage` for PG_PROVIDER) at the status its schema declares in
 * `x-portone-status-code` (portone-io/developers.portone.io `src/schema/v2.openapi.json`).
 */
export interface PortOneAnswer extends Answer {
	/** the parsed body: the operation's answer when ok, the error otherwise */
	body: IDataObject;
}

export interface PortOneErrorBody {
	type: string;
	message?: string;
	pgCode?: string;
	pgMessage?: string;
}

/** An error body PortOne documents: an object whose `type` is its SCREAMING_SNAKE name. */
export function isErrorBody(body: unknown): body is PortOneErrorBody {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as PortOneErrorBody).type === 'string' &&
		/^[A-Z][A-Z0-9_]*$/.test((body as PortOneErrorBody).type)
	);
}

export const isJsonObject = (body: unknown): body is IDataObject =>
	typeof body === 'object' && body !== null && !Array.isArray(body);

/** The answer as the engine reads it; an output item reports the error (if any) and the status. */
export function portOneAnswer(httpStatus: number, body: IDataObject): PortOneAnswer {
	const ok = httpStatus >= 200 && httpStatus < 300;
	const error = !ok && isErrorBody(body) ? body : undefined;
	const report: IDataObject = {
		error_type: error?.type ?? null,
		message: error?.message ?? null,
	};
	if (error?.pgCode !== undefined || error?.pgMessage !== undefined) {
		report.pg_code = error?.pgCode ?? null;
		report.pg_message = error?.pgMessage ?? null;
	}
	report.response = ok ? body : null;
	report.http_status = httpStatus;
	return { httpStatus, ok, errorType: error?.type, report, body };
}
