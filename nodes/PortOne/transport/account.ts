import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { checkedApiBaseUrl } from '../../engine/baseUrl';

export const CREDENTIAL_TYPE = 'portOneApi';
export const DEFAULT_BASE_URL = 'https://api.portone.io';

/** The name of the error a setup mistake in the credential raises: nothing is sent until it is fixed. */
export const CREDENTIAL_ERROR = 'PortOneCredentialError';

export function credentialError(message: string): Error {
	return Object.assign(new Error(message), { name: CREDENTIAL_ERROR });
}

/** The PortOne API base URL, checked (https, or http on loopback only). */
export function checkedBaseUrl(value: unknown): string {
	return checkedApiBaseUrl(value, DEFAULT_BASE_URL, credentialError);
}

/** The optional Store ID: a store of the account (sub-stores need it; absent: the secret's own). */
export function storeIdOf(
	credentials: ICredentialDataDecryptedObject | undefined,
): string | undefined {
	const text = String(credentials?.storeId ?? '').trim();
	return text === '' ? undefined : text;
}

/**
 * The V2 API secret, checked for the two mix-ups PortOne answers with a bare 401: an i'mport V1
 * REST API key (digits only) or an empty field. The V1 REST API secret cannot be told from a V2
 * secret by its look, so a 401 says both (see v1KeyHint).
 */
export function checkedApiSecret(value: unknown): string {
	const secret = String(value ?? '').trim();
	if (secret === '')
		throw credentialError('Enter the V2 API Secret in the PortOne V2 API credential');
	if (looksLikeV1Key(secret)) {
		throw credentialError(
			"The API Secret looks like an i'mport V1 REST API key (digits only). The PortOne V2 API credential needs a V2 API Secret: PortOne console → Integration → Identification codes & API Keys → V2 API. A V1 key and secret belong in the I'mport API credential.",
		);
	}
	return secret;
}

/** i'mport V1 REST API keys are digits only (e.g. 16 of them); V2 API secrets never are. */
export function looksLikeV1Key(secret: string): boolean {
	return /^\d{8,24}$/.test(secret);
}

/** Said with every 401 PortOne gives: what a refused secret usually is. */
export const V1_KEY_HINT =
	"Use a V2 API Secret (PortOne console → Integration → Identification codes & API Keys → V2 API). An i'mport V1 REST API key or secret does not work here: those belong in the I'mport API credential.";
