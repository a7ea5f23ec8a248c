/**
 * Names of the errors the credential throws while checking its setup or getting a token. The
 * credential sets them and the transport recognises them, so both import them from here.
 */
export const CREDENTIAL_ERROR = 'IamportCredentialError';
export const TOKEN_ERROR = 'IamportTokenError';

/** What a token error carries besides its message: only the status and network code, never the request. */
export interface TokenErrorFields {
	httpStatus?: number;
	networkCode?: string;
}
