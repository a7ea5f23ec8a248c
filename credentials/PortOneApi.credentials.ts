import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	checkedApiSecret,
	checkedBaseUrl,
	DEFAULT_BASE_URL,
} from '../nodes/PortOne/transport/account';

/**
 * PortOne V2 (api.portone.io): the V2 API Secret goes as `Authorization: PortOne <secret>` on every
 * request (portone-io/developers.portone.io `src/schema/v2.openapi.json`, securitySchemes.portOne);
 * no token to keep. The Store ID is added per request by the node's transport (query on GETs, body
 * on POSTs, as the spec says). The webhook secrets are for the PortOne Trigger. The credential test
 * lives with the node (nodes/PortOne/methods/credentialTest.ts).
 */
export class PortOneApi implements ICredentialType {
	name = 'portOneApi';

	displayName = 'PortOne V2 API';

	icon: Icon = { light: 'file:portone.svg', dark: 'file:portone.dark.svg' };

	documentationUrl = 'https://developers.portone.io/api/rest-v2/auth';

	properties: INodeProperties[] = [
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The V2 API Secret. In the PortOne admin console: Integration (결제 연동) > Identification codes & API Keys > V2 API. Not the i'mport V1 REST API key or secret (those go in the I'mport API credential).",
		},
		{
			displayName: 'Store ID',
			name: 'storeId',
			type: 'string',
			default: '',
			placeholder: 'store-00000000-0000-0000-0000-000000000000',
			description:
				"Optional: the store to act on. Needed for a sub-store; empty uses the secret's own store.",
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_...',
			description:
				'For the PortOne Trigger: the webhook secret from the console (Webhook settings, V2). Every webhook must be signed with it.',
		},
		{
			displayName: 'Previous Webhook Secret',
			name: 'previousWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_...',
			description:
				'For the PortOne Trigger, while rotating: the secret being replaced. Webhooks signed with either are accepted. Empty it once the old secret is deleted.',
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

	// The secret goes as PortOne's own scheme; a base URL that is not https (outside loopback) or a
	// V1 key pasted as the secret stops the request before it is sent.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const baseURL = checkedBaseUrl(credentials.baseUrl);
		const secret = checkedApiSecret(credentials.apiSecret);
		const headers: Record<string, string> = {};
		// n8n may pass the same options again: drop what an earlier call set.
		for (const [name, value] of Object.entries(requestOptions.headers ?? {})) {
			if (name.toLowerCase() !== 'authorization') headers[name] = value as string;
		}
		headers.Authorization = `PortOne ${secret}`;
		return { ...requestOptions, baseURL, headers };
	}
}
