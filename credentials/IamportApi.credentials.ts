import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeCredentialTestResult,
	INodeProperties,
} from 'n8n-workflow';

import type { TokenErrorFields } from '../nodes/Iamport/transport/credentialErrors';
import { CREDENTIAL_ERROR, TOKEN_ERROR } from '../nodes/Iamport/transport/credentialErrors';

const DEFAULT_BASE_URL = 'https://api.iamport.kr';
const TIER_PATTERN = /^[A-Z0-9]{3}$/;
const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

/** A setup mistake in the credential itself: nothing is sent until it is fixed. */
function credentialError(message: string): Error {
	return Object.assign(new Error(message), { name: CREDENTIAL_ERROR });
}

function isLoopbackHost(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The API base URL, checked: https anywhere, plain http only to a loopback address
 * (a local simulator or proxy), so the API secret and tokens never travel in clear text.
 */
export function checkedBaseUrl(value: unknown): string {
	const text =
		String(value ?? '')
			.trim()
			.replace(/\/+$/, '') || DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw credentialError(`The Base URL "${text}" is not a valid URL`);
	}
	if (url.username || url.password || url.search || url.hash) {
		throw credentialError('The Base URL must not contain a user name, password, query or fragment');
	}
	if (url.protocol === 'https:') return text;
	if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return text;
	throw credentialError(
		'The Base URL must start with https:// (plain http:// is only allowed for a loopback address such as 127.0.0.1, so the API secret never travels unencrypted)',
	);
}

/** The agency tier code, checked; undefined when the account is not an agency sub-merchant. */
export function checkedTierCode(value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	if (text === '') return undefined;
	if (!TIER_PATTERN.test(text)) {
		throw credentialError(
			'The Agency Tier Code must be exactly 3 characters, A-Z or 0-9 (for example "A1B")',
		);
	}
	return text;
}

/* ------------------------------------------------------------------ token binding */

/** What an access token is issued for: the account (key and secret) at one API address. */
export interface TokenAccount {
	baseUrl: string;
	impKey: string;
	impSecret: string;
}

/** The account the credential's fields name now (base URL checked and normalised). */
export function accountOf(credentials: ICredentialDataDecryptedObject): TokenAccount {
	return {
		baseUrl: checkedBaseUrl(credentials.baseUrl),
		impKey: String(credentials.impKey ?? ''),
		impSecret: String(credentials.impSecret ?? ''),
	};
}

const BINDING_VERSION = 'v1';

/**
 * The binding stored beside a token: HMAC-SHA-256, keyed with the token, over the base URL, key
 * and secret it was issued for. One-way, so it reveals nothing of the secret, and it matches only
 * this token together with these three values.
 */
export function tokenBinding(token: string, account: TokenAccount): string {
	const issuedFor = JSON.stringify([account.baseUrl, account.impKey, account.impSecret]);
	return `${BINDING_VERSION}:${createHmac('sha256', token).update(issuedFor).digest('hex')}`;
}

/**
 * Whether the stored token may be sent with the credential's current fields: only when it was
 * issued for exactly this base URL, key and secret. A token stored before the key or secret was
 * changed (the editor keeps the hidden token when the dialog is saved) does not match.
 */
export function isTokenBoundTo(
	credentials: ICredentialDataDecryptedObject,
	account: TokenAccount,
): boolean {
	const token = credentials.accessToken;
	const stored = credentials.tokenBinding;
	if (typeof token !== 'string' || token === '' || typeof stored !== 'string') return false;
	const expected = Buffer.from(tokenBinding(token, account));
	const actual = Buffer.from(stored);
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/* ------------------------------------------------------------------ errors, worded for people */

/**
 * Network error codes at the token step, in words. The code is left out of the message where the
 * words say it: n8n's NodeApiError replaces any message naming a common code (ECONNREFUSED,
 * ETIMEDOUT, ...) with its own generic sentence. TLS codes are not among those and help support.
 */
const NETWORK_WORDS: Array<{ codes: RegExp; words: string; showCode?: boolean }> = [
	{
		codes: /^(EPROTO|ERR_SSL_.*)$/,
		words:
			'the server there does not speak HTTPS (TLS): the Base URL starts with https:// but the port seems to be plain HTTP. For a local simulator or proxy on a loopback address use http://',
		showCode: true,
	},
	{
		codes: /^ECONNREFUSED$/,
		words:
			'nothing accepts connections there (connection refused). Check the host and port of the Base URL',
	},
	{
		codes: /^(ENOTFOUND|EAI_AGAIN)$/,
		words: 'the host name of the Base URL could not be resolved (DNS). Check the Base URL',
	},
	{
		codes: /^(EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN)$/,
		words:
			"the host cannot be reached from n8n's network (unreachable). Check the Base URL and the network or firewall between n8n and i'mport",
	},
	{
		codes:
			/^(ETIMEDOUT|ECONNABORTED|ESOCKETTIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/,
		words: 'no answer in time (timeout). Check the Base URL and the network, or try again later',
	},
	{
		codes: /^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/,
		words:
			'the connection was closed before an answer came. Try again; if it keeps happening, check the Base URL or proxy',
	},
	{
		codes: /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/,
		words:
			"the server's TLS certificate was not accepted. Check that the Base URL names i'mport or a proxy with a valid certificate",
		showCode: true,
	},
];

/** The network error code of what a request helper threw (axios puts it on the error or its cause). */
export function networkCodeOf(error: any): string | undefined {
	for (const candidate of [error, error?.cause, error?.errors?.[0], error?.cause?.errors?.[0]]) {
		if (typeof candidate?.code === 'string' && candidate.code !== '') return candidate.code;
	}
	const message = String(error?.message ?? '');
	if (/wrong version number|packet length too long|ssl routines/i.test(message)) return 'EPROTO';
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	return undefined;
}

/** What a network failure at the token step means, for the user. */
export function networkFailureMessage(code: string | undefined, baseUrl: string): string {
	const known = NETWORK_WORDS.find((entry) => code !== undefined && entry.codes.test(code));
	const words = known
		? `${known.words}${known.showCode ? ` (${code})` : ''}`
		: `a network error (${code ?? 'no error code'})`;
	return `i'mport could not be reached at ${baseUrl} for an access token: ${words}`;
}

/** i'mport's own message from an answer body, when it sent one. */
function iamportMessage(body: unknown): string | undefined {
	const message = (body as { message?: unknown } | undefined)?.message;
	return typeof message === 'string' && message !== '' ? message : undefined;
}

function isEnvelope(body: unknown): body is { code: number; message: unknown; response: unknown } {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as { code?: unknown }).code === 'number'
	);
}

/** `HTTP 401: <i'mport's message>`, with any of the given secrets masked. */
function statusText(status: number, body: unknown, secrets: string[]): string {
	const message = iamportMessage(body);
	return `HTTP ${status}${message ? `: ${mask(message, secrets)}` : ''}`;
}

/** The text with every occurrence of the secrets (API secret, tokens) replaced, in case an answer echoes one. */
function mask(text: string, secrets: string[]): string {
	let masked = text;
	for (const secret of secrets) if (secret.length >= 4) masked = masked.split(secret).join('*****');
	return masked;
}

/** A token failure, worded for people, carrying nothing from the request (which holds the secret). */
function tokenError(
	message: string,
	httpStatus: number | undefined,
	networkCode: string | undefined,
): Error {
	// Only the status and network code travel on: the transport decides about retries with them.
	const fields: TokenErrorFields = { httpStatus, networkCode };
	return Object.assign(new Error(message), { name: TOKEN_ERROR }, fields);
}

/* ------------------------------------------------------------------ requests to i'mport */

interface PlainRequest {
	method: 'GET' | 'POST';
	url: string;
	body?: Record<string, string>;
	headers?: Record<string, string>;
}

/** Sends one request and resolves with its status and parsed body whatever the status; throws only when no answer came. */
type SendRequest = (request: PlainRequest) => Promise<{ status: number; body: unknown }>;

/** Asks i'mport for an access token for the account; throws an IamportTokenError worded for people. */
async function requestToken(send: SendRequest, account: TokenAccount): Promise<string> {
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
			`i'mport refused the API key or API secret (${statusText(status, body, secrets)}). Check both in the credential.`,
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

function sendWithHttpRequest(helper: IHttpRequestHelper): SendRequest {
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

/* ------------------------------------------------------------------ the credential test */

const TEST_ADVICE_TIER =
	'The API key and secret are right; check the tier code, and that this agency account may act for that sub-merchant.';

/**
 * The credential test (the editor's "Test" / Save): checks the key and secret that are in the
 * dialog now by asking for a new token (a stored one proves nothing about them), then, with that
 * token and the Tier header when a tier code is set, calls GET /banks (read-only). The new token
 * is not stored: a run asks for its own when the stored one does not match these fields.
 */
export async function testIamportCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	let account: TokenAccount;
	let tierCode: string | undefined;
	try {
		account = accountOf(data);
		tierCode = checkedTierCode(data.tierCode);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	if (account.impKey.trim() === '' || account.impSecret.trim() === '') {
		return { status: 'Error', message: 'Enter both the API Key and the API Secret' };
	}
	// A credential test gets only the request-style helper (ICredentialTestFunctions in n8n-workflow
	// has no httpRequest); non-2xx answers resolve (simple: false) so i'mport's message can be shown.
	// n8n's deprecation lint matches the spelling `this.helpers.request`, which is why it is read
	// through a local here: there is no newer helper to move to in a credential test.
	const { helpers } = this;
	const send: SendRequest = async (request) => {
		const response = await helpers.request({
			method: request.method,
			uri: request.url,
			body: request.body,
			headers: request.headers,
			json: true,
			timeout: TOKEN_REQUEST_TIMEOUT_MS,
			simple: false,
			resolveWithFullResponse: true,
		});
		return { status: Number(response.statusCode), body: response.body };
	};

	let token: string;
	try {
		token = await requestToken(send, account);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}

	const secrets = [account.impSecret, token];
	let answer: { status: number; body: unknown };
	try {
		answer = await send({
			method: 'GET',
			url: `${account.baseUrl}/banks`,
			headers: { Authorization: `Bearer ${token}`, ...(tierCode ? { Tier: tierCode } : {}) },
		});
	} catch (error) {
		const code = networkCodeOf(error);
		return {
			status: 'Error',
			message: `i'mport issued an access token but could not be reached for the check that follows (GET /banks): ${code ?? 'network error'}`,
		};
	}
	const { status, body } = answer;
	const accepted = status >= 200 && status <= 299 && isEnvelope(body) && body.code === 0;
	if (accepted) {
		return {
			status: 'OK',
			message: tierCode
				? `i'mport accepted the API key and secret, and the Agency Tier Code "${tierCode}"`
				: "i'mport accepted the API key and secret",
		};
	}
	const refused =
		isEnvelope(body) && (status === 401 || status === 403 || (status >= 200 && status <= 299));
	if (tierCode && refused) {
		return {
			status: 'Error',
			message: `i'mport refused the Agency Tier Code "${tierCode}" (${statusText(status, body, secrets)}). ${TEST_ADVICE_TIER}`,
		};
	}
	return {
		status: 'Error',
		message: `i'mport issued an access token for the API key and secret, but refused the check that follows (GET /banks, ${statusText(status, body, secrets)})`,
	};
}

/* ------------------------------------------------------------------ the credential type */

export class IamportApi implements ICredentialType {
	name = 'iamportApi';

	displayName = "I'mport API";

	icon: Icon = { light: 'file:iamport.svg', dark: 'file:iamport.dark.svg' };

	documentationUrl = 'https://developers.portone.io/api/rest-v1/auth';

	properties: INodeProperties[] = [
		{
			// Filled by preAuthentication; n8n asks for a new one when it is empty or after an HTTP 401.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// What the token was issued for (see tokenBinding), stored with it by preAuthentication and
			// held like it (hidden, redacted by the editor).
			displayName: 'Access Token Binding',
			name: 'tokenBinding',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'API Key',
			name: 'impKey',
			type: 'string',
			default: '',
			required: true,
			description:
				'The REST API key (imp_key). In the PortOne admin console: Integration (결제 연동) > Identification codes & API Keys > V1 API.',
		},
		{
			displayName: 'API Secret',
			name: 'impSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The REST API secret (imp_secret), shown next to the API key',
		},
		{
			displayName: 'Agency Tier Code',
			name: 'tierCode',
			type: 'string',
			default: '',
			placeholder: 'A1B',
			description:
				"Only for agency (대행사) accounts acting for a sub-merchant: the sub-merchant's 3-character tier code (A-Z, 0-9), sent as the Tier header. Use the agency's own API key and secret. Leave empty otherwise.",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'Change only for a proxy or a local simulator. Must be https://, except for loopback addresses (127.0.0.1, localhost).',
		},
	];

	// n8n calls this when the stored token is empty or a request got HTTP 401, and stores every key
	// it returns in the credential: the new token and what it was issued for.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		checkedTierCode(credentials.tierCode);
		const account = accountOf(credentials);
		const flightKey = createHash('sha256').update(JSON.stringify(account)).digest('hex');
		let pending = tokenRequestsInFlight.get(flightKey);
		if (!pending) {
			pending = requestToken(sendWithHttpRequest(this), account).finally(() =>
				tokenRequestsInFlight.delete(flightKey),
			);
			tokenRequestsInFlight.set(flightKey, pending);
		}
		const accessToken = await pending;
		return { accessToken, tokenBinding: tokenBinding(accessToken, account) };
	}

	// The stored token goes out only with the base URL, key and secret it was issued for. Otherwise
	// the request goes without one: i'mport answers 401 and n8n asks preAuthentication for a token
	// for the current fields, so one account's token is never sent with another's settings.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const tierCode = checkedTierCode(credentials.tierCode);
		const account = accountOf(credentials);
		const headers: Record<string, string> = {};
		// n8n passes the same options again after a refresh: drop what an earlier call set.
		for (const [name, value] of Object.entries(requestOptions.headers ?? {})) {
			if (!/^(authorization|tier)$/i.test(name)) headers[name] = value as string;
		}
		if (isTokenBoundTo(credentials, account))
			headers.Authorization = `Bearer ${credentials.accessToken}`;
		if (tierCode) headers.Tier = tierCode;
		requestOptions.baseURL = account.baseUrl;
		requestOptions.headers = headers;
		return requestOptions;
	}
}
