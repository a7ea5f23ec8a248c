/**
 * PortOne's Idempotency-Key header (API overview `#idempotency-key`, after the IETF
 * draft-ietf-httpapi-idempotency-key-header): 16–256 ASCII characters, sent as an RFC 8941 string,
 * that is in double quotes. A repeat with the same key gets the stored answer (3 hours); a repeat
 * while the first is processed gets 409 IDEMPOTENCY_OUTSTANDING_REQUEST.
 */
export function idempotencyHeader(key: string): Record<string, string> {
	if (!/^[\x21\x23-\x5b\x5d-\x7e]{16,256}$/.test(key)) {
		throw new Error(
			`An Idempotency-Key must be 16-256 printable ASCII characters without quotes or backslashes (got ${key.length})`,
		);
	}
	return { 'Idempotency-Key': `"${key}"` };
}
