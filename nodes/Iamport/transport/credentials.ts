import type { FunctionsBase, IAdditionalCredentialOptions } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'iamportApi';

/** What loading the credential needs from n8n: the node (its credential reference) and getCredentials. */
export type CredentialContext = Pick<FunctionsBase, 'getNode' | 'getCredentials'>;

/**
 * The run's credential, decrypted once, for n8n's request helper: without it the helper loads the
 * credential from the database and decrypts it again for every request. After an HTTP 401, n8n-core
 * has the credential issue a new token and writes it into this same object (and the database), so
 * the requests after it use the new token, in this run and the next.
 */
export async function loadCredentials(
	ctx: CredentialContext,
): Promise<IAdditionalCredentialOptions> {
	const data = await ctx.getCredentials(CREDENTIAL_TYPE);
	const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		credentialsDecrypted: {
			id: reference?.id ?? '',
			name: reference?.name ?? CREDENTIAL_TYPE,
			type: CREDENTIAL_TYPE,
			data,
		},
	};
}
