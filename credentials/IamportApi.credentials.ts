import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
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
	const text = String(value ?? '').trim().replace(/\/+$/, '') || DEFAULT_BASE_URL;
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
		throw credentialError('The Agency Tier Code must be exactly 3 characters, A-Z or 0-9 (for example "A1B")');
	}
	return text;
}

/** Token requests under way, so concurrent refreshes for one account share a single call. */
const tokenRequestsInFlight = new Map<string, Promise<string>>();

/** A token failure, worded for people, carrying nothing from the request (which holds the secret). */
function tokenError(error: any): Error {
	const status = error?.response?.status ?? error?.httpCode;
	const body = error?.response?.data ?? error?.context?.data;
	const reason = typeof body?.message === 'string' ? `: ${body.message}` : '';
	const message =
		Number(status) === 401
			? `i'mport refused the API key or API secret (HTTP 401${reason}). Check both in the credential.`
			: status
				? `i'mport did not issue an access token (HTTP ${status}${reason})`
				: `i'mport could not be reached for an access token (${error?.code ?? error?.message ?? 'unknown error'})`;
	// Only the status and network code travel on: the transport decides about retries with them.
	const fields: TokenErrorFields = {
		httpStatus: status ? Number(status) : undefined,
		networkCode: status ? undefined : error?.code,
	};
	return Object.assign(new Error(message), { name: TOKEN_ERROR }, fields);
}

async function requestToken(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
	const baseUrl = checkedBaseUrl(credentials.baseUrl);
	let answer: any;
	try {
		answer = await helper.helpers.httpRequest({
			method: 'POST',
			url: `${baseUrl}/users/getToken`,
			body: { imp_key: credentials.impKey, imp_secret: credentials.impSecret },
			json: true,
			timeout: TOKEN_REQUEST_TIMEOUT_MS,
		});
	} catch (error) {
		throw tokenError(error);
	}
	const token = answer?.response?.access_token;
	if (answer?.code !== 0 || typeof token !== 'string' || token === '') {
		throw tokenError({ response: { status: 200, data: answer } });
	}
	return token;
}

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
				'Only for agency (대행사) accounts acting for a sub-merchant: the sub-merchant\'s 3-character tier code (A-Z, 0-9), sent as the Tier header. Use the agency\'s own API key and secret. Leave empty otherwise.',
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

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		checkedTierCode(credentials.tierCode);
		const key = `${checkedBaseUrl(credentials.baseUrl)}\n${credentials.impKey}\n${credentials.impSecret}`;
		let pending = tokenRequestsInFlight.get(key);
		if (!pending) {
			pending = requestToken(this, credentials).finally(() => tokenRequestsInFlight.delete(key));
			tokenRequestsInFlight.set(key, pending);
		}
		return { accessToken: await pending };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const tierCode = checkedTierCode(credentials.tierCode);
		requestOptions.baseURL = checkedBaseUrl(credentials.baseUrl);
		requestOptions.headers = {
			...requestOptions.headers,
			Authorization: `Bearer ${credentials.accessToken}`,
			...(tierCode ? { Tier: tierCode } : {}),
		};
		return requestOptions;
	}

	// GET /banks is read-only and needs a valid token (and Tier, when set): a safe check of the whole setup.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "https://api.iamport.kr").replace(/\\/+$/, "") }}',
			url: '/banks',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: -1, message: "i'mport refused the access token or the tier code" },
			},
		],
	};
}
