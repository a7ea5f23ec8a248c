import type { FunctionsBase, IAdditionalCredentialOptions } from 'n8n-workflow';

/** What loading a credential needs from n8n: the node (its credential reference) and getCredentials. */
export type CredentialContext = Pick<FunctionsBase, 'getNode' | 'getCredentials'>;

/**
 * A run's credential, decrypted once, for n8n's request helper: without it the helper loads the
 * credential from the database and decrypts it again for every request. After an HTTP 401,
 * n8n-core has the credential refresh what it can (a token) and writes it into this same object
 * (and the database), so the requests after it use it, in this run and the next.
 */
export async function loadCredentials(
	ctx: CredentialContext,
	type: string,
): Promise<IAdditionalCredentialOptions> {
	const data = await ctx.getCredentials(type);
	const reference = ctx.getNode().credentials?.[type];
	return {
		credentialsDecrypted: { id: reference?.id ?? '', name: reference?.name ?? type, type, data },
	};
}

/** The credential, loaded at the first request and shared by all; loaded again if that failed. */
export function credentialOnce(ctx: CredentialContext, type: string) {
	let loading: Promise<IAdditionalCredentialOptions> | undefined;
	return () => {
		loading ??= loadCredentials(ctx, type).catch((error: unknown) => {
			loading = undefined;
			throw error;
		});
		return loading;
	};
}
