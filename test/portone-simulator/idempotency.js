'use strict';
/**
 * The `Idempotency-Key` header on every POST, as the V2 API overview describes it
 * (portone-io/developers.portone.io `src/routes/(root)/api/rest-v2/[...slug].tsx`, #idempotency-key,
 * following draft-ietf-httpapi-idempotency-key-header):
 *   - the value is an RFC 8941 sf-string (wrapped in double quotes) of 16-256 ASCII characters,
 *     else 400 INVALID_REQUEST;
 *   - a repeat of a completed request returns the stored answer (status and body), unexecuted;
 *   - a repeat while the first is still being processed answers 409 IDEMPOTENCY_OUTSTANDING_REQUEST;
 *   - the guarantee lasts 3 hours (of the simulator's clock) from the first request, then the key
 *     is forgotten and a repeat executes again.
 * Stored answers are scoped per account and store: the same key from another secret, or for
 * another store, is a different key.
 *
 * Inferred (not documented by PortOne): reusing a key for a different request (another path,
 * query or body; JSON compared after parsing, so key order and spacing do not matter) is answered
 * 422 `{type: 'IDEMPOTENCY_KEY_REUSED'}` as the IETF draft (§2.7) advises, and nothing runs;
 * `createPortOneSimulator({ idempotencyMismatch: 'replay' })` instead returns the first answer
 * as a pure key lookup would. Every completed answer is stored, errors included; a request a
 * fault dropped before PortOne saw it (reset, status, nonJson, hangBefore) leaves no trace, one
 * that hangs (`hang`: registered, never finished) stays outstanding.
 */

const TTL_SECONDS = 3 * 60 * 60;
const KEY_LENGTH = { min: 16, max: 256 };
const SF_STRING = /^"((?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\["\\])*)"$/;

/** Parses the header: null when absent, { key } when valid, { error } otherwise. */
function parseKey(header) {
	if (header === undefined) return null;
	const match = typeof header === 'string' ? SF_STRING.exec(header.trim()) : null;
	if (!match)
		return {
			error:
				'Idempotency-Key must be a string in double quotes (RFC 8941), e.g. "unique-request-id-123"',
		};
	const key = match[1].replace(/\\(["\\])/g, '$1');
	if (key.length < KEY_LENGTH.min || key.length > KEY_LENGTH.max) {
		return {
			error: `Idempotency-Key must hold ${KEY_LENGTH.min} to ${KEY_LENGTH.max} ASCII characters (got ${key.length})`,
		};
	}
	return { key };
}

/** JSON with sorted keys, so equal bodies compare equal whatever their spacing or key order. */
function canonical(value) {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value);
}

/** What makes two requests "the same": method, path, query and body. */
function fingerprintOf({ method, rawPath, query, rawBody }) {
	let body = rawBody;
	try {
		body = rawBody ? canonical(JSON.parse(rawBody)) : '';
	} catch {
		// not JSON: compared as sent
	}
	const params = [...query.entries()]
		.map(([k, val]) => `${k}=${val}`)
		.sort()
		.join('&');
	return `${method} ${rawPath}?${params} ${body}`;
}

function createIdempotency({ clock, mismatch = 'reject', ttlSeconds = TTL_SECONDS }) {
	/** scope -> { state: 'outstanding' | 'done', since, fingerprint, status?, body? } */
	const entries = new Map();

	function purge() {
		const now = clock.now();
		for (const [scope, entry] of entries)
			if (now - entry.since >= ttlSeconds) entries.delete(scope);
	}

	return {
		entries,
		ttlSeconds,
		scopeOf: (account, storeId, key) => `${account.index} ${storeId} ${key}`,
		/**
		 * Called before a POST runs: 'new' (registered as outstanding, run it), 'replay' (answer
		 * the stored status/body), 'outstanding' (409) or 'mismatch' (422).
		 */
		begin(scope, fingerprint) {
			purge();
			const entry = entries.get(scope);
			if (!entry) {
				entries.set(scope, { state: 'outstanding', since: clock.now(), fingerprint });
				return { kind: 'new' };
			}
			if (entry.fingerprint !== fingerprint && mismatch === 'reject') return { kind: 'mismatch' };
			if (entry.state === 'outstanding') return { kind: 'outstanding' };
			return { kind: 'replay', status: entry.status, body: entry.body };
		},
		finish(scope, status, body) {
			const entry = entries.get(scope);
			if (entry)
				Object.assign(entry, { state: 'done', status, body: JSON.parse(JSON.stringify(body)) });
		},
		/** Forgets every key, as if 3 hours had passed for all of them. */
		clear: () => entries.clear(),
	};
}

module.exports = { createIdempotency, parseKey, fingerprintOf, canonical, TTL_SECONDS, KEY_LENGTH };
