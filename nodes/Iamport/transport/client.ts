import type { INode, RequestHelperFunctions } from 'n8n-workflow';

import type { CredentialContext } from '../../engine/credential';
import { credentialOnce } from '../../engine/credential';
import { TransportFailure } from '../../engine/failure';
import type { ApiConnection, TransportSettings } from '../../engine/requestSender';
import { RequestSender } from '../../engine/requestSender';
import type { IamportAnswer } from './answer';
import { iamportAnswer, isEnvelope } from './answer';
import { classifyThrown } from './errors';

export const CREDENTIAL_TYPE = 'iamportApi';

/** One execution's connection to i'mport V1 (see RequestSender); the V1 node, its trigger and tests use it. */
export type IamportTransport = RequestSender<IamportAnswer>;

/**
 * All the transport needs from n8n: the node (for errors), its credential and the authenticated
 * request helper. IExecuteFunctions, IWebhookFunctions and the other n8n contexts all fit.
 */
export interface TransportContext extends CredentialContext {
	getNode(): INode;
	helpers: Pick<RequestHelperFunctions, 'httpRequestWithAuthentication'>;
}

/**
 * One attempt of one request to api.iamport.kr with the I'mport credential: n8n's helper adds the
 * token (asking the credential for one when there is none, or after an HTTP 401) and the Tier
 * header; every answer must be the {code, message, response} envelope.
 */
function iamportConnection(ctx: TransportContext): ApiConnection<IamportAnswer> {
	const credentials = credentialOnce(ctx, CREDENTIAL_TYPE);
	return {
		apiName: "i'mport",
		async attempt(request, timeoutMs) {
			try {
				const response = await ctx.helpers.httpRequestWithAuthentication.call(
					// n8n binds its helpers to the context they came from; the call needs that context back.
					ctx as unknown as ThisParameterType<
						RequestHelperFunctions['httpRequestWithAuthentication']
					>,
					CREDENTIAL_TYPE,
					{
						method: request.method,
						url: request.path,
						body: request.body,
						json: true,
						timeout: timeoutMs,
						returnFullResponse: true,
					},
					await credentials(),
				);
				if (!isEnvelope(response.body)) {
					return new TransportFailure({
						kind: 'non_json',
						message: "i'mport's answer was not its JSON envelope",
						description: `HTTP ${response.statusCode} with a body that is not {code, message, response}`,
					});
				}
				return iamportAnswer(response.statusCode, response.body);
			} catch (error) {
				return classifyThrown(error);
			}
		},
	};
}

export function iamportTransport(
	ctx: TransportContext,
	settings: TransportSettings,
): IamportTransport {
	return new RequestSender(() => ctx.getNode(), settings, iamportConnection(ctx));
}
