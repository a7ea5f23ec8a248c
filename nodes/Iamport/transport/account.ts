import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { checkedApiBaseUrl } from '../../engine/baseUrl';

export const DEFAULT_BASE_URL = 'https://api.iamport.kr';
const TIER_PATTERN = /^[A-Z0-9]{3}$/;

/** The name of the error a setup mistake in the credential raises: nothing is sent until it is fixed. */
export const CREDENTIAL_ERROR = 'IamportCredentialError';

function credentialError(message: string): Error {
	return Object.assign(new Error(message), { name: CREDENTIAL_ERROR });
}

/** The i'mport API base URL, checked (see engine/baseUrl.ts). */
export function checkedBaseUrl(value: unknown): string {
	return checkedApiBaseUrl(value, DEFAULT_BASE_URL, credentialError);
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
