import type { IDataObject, INode, RequestHelperFunctions } from 'n8n-workflow';

import type { CredentialContext } from '../../engine/credential';
import { credentialOnce } from '../../engine/credential';
import { TransportFailure } from '../../engine/failure';
import type { ApiConnection, TransportSettings } from '../../engine/requestSender';
import { RequestSender } from '../../engine/requestSender';
import type { EngineRequest } from '../../engine/types';
import { CREDENTIAL_TYPE, storeIdOf } from './account';
import type { PortOneAnswer } from './answer';
import { isJsonObject, portOneAnswer } from './answer';
import { classifyThrown } from './errors';

/** One execution's connection to PortOne V2 (see RequestSender); the PortOne node and trigger use it. */
export type PortOneTransport = RequestSender<PortOneAnswer>;

export interface TransportContext extends CredentialContext {
	getNode(): INode;
	helpers: Pick<RequestHelperFunctions, 'httpRequestWithAuthentication'>;
}

const withQuery = (path: string, name: string, value: string) =>
	`${path}${path.includes('?') ? '&' : '?'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;

/**
 * Where the credential's Store ID goes, as the spec places it per operation: a GET with a body
 * (the list operations) sends the body URL-encoded as `requestBody` (the API overview's
 * "GET with body", as PortOne's SDK does) with `filter.storeId`; any other GET, and a POST without
 * a body (the cash-receipt cancel), `?storeId=`; a POST with a body, `storeId` in it.
 */
export function placeStoreId(request: EngineRequest, storeId: string | undefined) {
	let path = request.path;
	let body = request.body;
	if (request.method === 'GET' && body !== undefined) {
		const filter = { ...(body.filter as IDataObject | undefined), ...(storeId ? { storeId } : {}) };
		const withFilter = storeId || body.filter ? { ...body, filter } : body;
		return { path: withQuery(path, 'requestBody', JSON.stringify(withFilter)), body: undefined };
	}
	// A request that names its store itself (the trigger, for the store a webhook names) keeps it.
	if (/[?&]storeId=/.test(path)) return { path, body };
	if (storeId && (request.method === 'GET' || body === undefined))
		path = withQuery(path, 'storeId', storeId);
	else if (storeId) body = { ...body, storeId };
	return { path, body };
}

/**
 * After an HTTP 401, n8n-core's request helper calls the credential's pre-authentication and sends
 * the request once more (`preAuthenticationRetryStatusCode`, default 401), whether or not anything
 * was refreshed. A V2 secret has no token to refresh, so that second request could only be refused
 * again: no status retries.
 */
const NO_REFRESH_RETRY = { preAuthenticationRetryStatusCode: [] as number[] };

function portOneConnection(ctx: TransportContext): ApiConnection<PortOneAnswer> {
	const loaded = credentialOnce(ctx, CREDENTIAL_TYPE);
	const credentials = async () => ({ ...(await loaded()), ...NO_REFRESH_RETRY });
	return {
		apiName: 'PortOne',
		async attempt(request, timeoutMs) {
			try {
				const options = await credentials();
				const { path, body } = placeStoreId(request, storeIdOf(options.credentialsDecrypted?.data));
				const response = await ctx.helpers.httpRequestWithAuthentication.call(
					// n8n binds its helpers to the context they came from; the call needs that context back.
					ctx as unknown as ThisParameterType<
						RequestHelperFunctions['httpRequestWithAuthentication']
					>,
					CREDENTIAL_TYPE,
					{
						method: request.method,
						url: path,
						body,
						headers: {
							...request.headers,
							...(body ? { 'Content-Type': 'application/json' } : {}),
						},
						json: true,
						timeout: timeoutMs,
						returnFullResponse: true,
					},
					options,
				);
				if (!isJsonObject(response.body)) {
					return new TransportFailure({
						kind: 'non_json',
						message: "PortOne's answer was not its JSON",
						description: `HTTP ${response.statusCode} with a body that is not a JSON object`,
					});
				}
				return portOneAnswer(response.statusCode, response.body);
			} catch (error) {
				return classifyThrown(error);
			}
		},
	};
}

export function portOneTransport(
	ctx: TransportContext,
	settings: TransportSettings,
): PortOneTransport {
	return new RequestSender(() => ctx.getNode(), settings, portOneConnection(ctx));
}
