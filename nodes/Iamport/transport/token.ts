import { createHash } from 'node:crypto';
import type { IHttpRequestHelper } from 'n8n-workflow';

import { networkCodeOf, networkWords } from '../../engine/thrown';
import type { TokenAccount } from './account';
import { isEnvelope } from './answer';

/**
 * The V1 token step: POST /users/getToken {imp_key, imp_secret} gives a token for 30 minutes, and
 * asking again while it is valid gives the same one (portone-io/developers.portone.io
 * `src/schema/v1.openapi.json`, /users/getToken). Its failures are worded for people here.
 */

/** The name of the error a failed token request raises; the transport recognises it. */
export const TOKEN_ERROR = 'IamportTokenError';

export const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

/** Said with every refused key or secret: what a refused one usually is. */
export const V1_CREDENTIAL_HINT =
	'the REST API key and secret of the V1 API tab (a PortOne V2 API Secret belongs in the PortOne V2 API credential).';

/** What a network failure at the token step means, for the user. */
export function networkFailureMessage(code: string | undefined, baseUrl: string): string {
	return `i'mport could not be reached at ${baseUrl} for an access token: ${networkWords(code, "i'mport")}`;
}

/** The text with every occurrence of the secrets (API secret, tokens) replaced, in case an answer echoes one. */
function mask(text: string, secrets: string[]): string {
	let masked = text;
	for (const secret of secrets) if (secret.length >= 4) masked = masked.split(secret).join('*****');
	return masked;
}

/** `HTTP 401: <i'mport's message>`, with any of the given secrets masked. */
export function statusText(status: number, body: unknown, secrets: string[]): string {
	const message = (body as { message?: unknown } | undefined)?.message;
	const said = typeof message === 'string' && message !== '' ? `: ${mask(message, secrets)}` : '';
	return `HTTP ${status}${said}`;
}

/** A token failure, worded for people, carrying nothing from the request (which holds the secret). */
function tokenError(
	message: string,
	httpStatus: number | undefined,
	networkCode: string | undefined,
): Error {
	// Only the status and network code travel on: the transport decides about retries with them.
	return Object.assign(new Error(message), { name: TOKEN_ERROR, httpStatus, networkCode });
}

export interface PlainRequest {
	method: 'GET' | 'POST';
	url: string;
	body?: Record<string, string>;
	headers?: Record<string, string>;
}

/** Sends one request and resolves with its status and parsed body whatever the status; throws only when no answer came. */
export type SendRequest = (request: PlainRequest) => Promise<{ status: number; body: unknown }>;

/** Asks i'mport for an access token for the account; throws an IamportTokenError worded for people. */
export async function requestToken(send: SendRequest, account: TokenAccount): Promise<string> {
	let answer: { status: number; body: unknown };
	try {
		answer = await send({
			method: 'POST',
			url: `${account.baseUrl}/users/getToken`,
			body: { imp_key: account.impKey, imp_secret: account.impSecret },
		});
	} catch (error) {
		const code = networkCodeOf(error);
		throw tokenError(networkFailureMessage(code, account.baseUrl), undefined, code ?? 'NETWORK');
	}
	const { status, body } = answer;
	const secrets = [account.impSecret];
	if (!isEnvelope(body)) {
		throw tokenError(
			`The Base URL ${account.baseUrl} answered the token request with HTTP ${status}, but not the way i'mport's API does. Check the Base URL`,
			status,
			undefined,
		);
	}
	if (status === 401 || status === 403) {
		throw tokenError(
			`i'mport refused the API key or API secret (${statusText(status, body, secrets)}). Check both in the credential: ${V1_CREDENTIAL_HINT}`,
			status,
			undefined,
		);
	}
	const token = (body.response as { access_token?: unknown } | null)?.access_token;
	if (
		status < 200 ||
		status > 299 ||
		body.code !== 0 ||
		typeof token !== 'string' ||
		token === ''
	) {
		throw tokenError(
			`i'mport did not issue an access token (${statusText(status, body, secrets)})`,
			status,
			undefined,
		);
	}
	return token;
}

/** The request sender of preAuthentication: n8n's httpRequest helper, answers of any status resolved. */
export function sendWithHttpRequest(helper: IHttpRequestHelper): SendRequest {
	return async (request) => {
		const response = await helper.helpers.httpRequest({
			...request,
			json: true,
			timeout: TOKEN_REQUEST_TIMEOUT_MS,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
		return { status: Number(response.statusCode), body: response.body };
	};
}

/** Token requests under way, so concurrent refreshes for one account share a single call. */
const tokenRequestsInFlight = new Map<string, Promise<string>>();

/** A token for the account; requests for the same account at the same time share one call. */
export async function sharedTokenRequest(
	send: SendRequest,
	account: TokenAccount,
): Promise<string> {
	const flightKey = createHash('sha256').update(JSON.stringify(account)).digest('hex');
	let pending = tokenRequestsInFlight.get(flightKey);
	if (!pending) {
		pending = requestToken(send, account).finally(() => tokenRequestsInFlight.delete(flightKey));
		tokenRequestsInFlight.set(flightKey, pending);
	}
	return await pending;
}
