import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	accountOf,
	checkedTierCode,
	DEFAULT_BASE_URL,
	isTokenBoundTo,
	tokenBinding,
} from '../nodes/Iamport/transport/account';
import { sharedTokenRequest, sendWithHttpRequest } from '../nodes/Iamport/transport/token';

/**
 * i'mport V1 REST API key and secret (PortOne console: V1 API keys). A token is asked for with
 * POST /users/getToken and bound to the account it was issued for (see the transport's account
 * checks); the credential test lives with the node (nodes/Iamport/methods/credentialTest.ts).
 */
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
		const accessToken = await sharedTokenRequest(sendWithHttpRequest(this), account);
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
