import type { IDataObject } from 'n8n-workflow';

import type { Answer } from '../../engine/types';

/**
 * Every i'mport V1 answer is this envelope: `code` 0 is success and anything else a failure,
 * whatever the HTTP status (i'mport also refuses with HTTP 200 and code 1); messages are Korean.
 * See portone-io/developers.portone.io `src/schema/v1.openapi.json`.
 */
export interface IamportEnvelope {
	code: number;
	message: string | null;
	response: IDataObject | null;
}

export interface IamportAnswer extends Answer {
	envelope: IamportEnvelope;
}

export function isEnvelope(body: unknown): body is IamportEnvelope {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as IamportEnvelope).code === 'number' &&
		'response' in (body as object)
	);
}

/** The answer as the engine reads it; an output item reports its code, message, response and status. */
export function iamportAnswer(httpStatus: number, envelope: IamportEnvelope): IamportAnswer {
	return {
		httpStatus,
		envelope,
		ok: envelope.code === 0,
		report: {
			code: envelope.code,
			message: envelope.message ?? null,
			response: envelope.response ?? null,
			http_status: httpStatus,
		},
	};
}
