import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * PortOne V2 webhook signatures (Standard Webhooks, which PortOne follows: portone-io/developers.portone.io
 * `src/routes/(root)/opi/ko/integration/webhook/readme-v2.mdx` "웹훅 메시지 검증하기";
 * standard-webhooks/standard-webhooks `spec/standard-webhooks.md`). PortOne's own check is
 * portone-io/server-sdk `javascript/src/webhook.ts` (`Webhook.verify`); test/portoneTriggerSdkAgreement.test.js
 * runs both on the same generated deliveries. On purpose we are stricter than that SDK in three places:
 *   - webhook-timestamp must be digits only: the SDK's parseInt reads "1714039200x", "+1714039200"
 *     and " 1714039200" as 1714039200 (and still signs the text as sent);
 *   - a header sent twice is refused. An array is a repeat; so is a webhook-timestamp or
 *     webhook-signature holding ", " (the separator Node's http module joins repeats with), which
 *     neither value can hold otherwise (digits; space-separated "v1,<base64>" entries). The SDK refuses
 *     arrays too but reads a joined signature as one more entry. A joined webhook-id cannot be told
 *     from a real one (its syntax is open) and is simply what gets signed: it only verifies if signed so;
 *   - base64 values may not hold whitespace (the SDK's atob skips tabs and new lines in them).
 * Padding and the spare bits of the last base64 character are read as atob reads them.
 */

/** Why a delivery is not verified; every reason is worth a 401 and a log line. */
export type SignatureFailure =
	| 'missing_headers'
	| 'duplicated_headers'
	| 'bad_timestamp'
	| 'timestamp_too_old'
	| 'timestamp_too_new'
	| 'no_matching_signature'
	| 'bad_secret';

export type SignatureResult =
	| {
			verified: true;
			/** webhook-id: the same on every retry of one event, so it is the de-duplication key */
			webhookId: string;
			/** webhook-timestamp in UNIX seconds: when this attempt was signed, not when the event happened */
			timestamp: number;
			/** which of the given secrets matched (0: the first); 1 means the rotation is not finished */
			secretIndex: number;
	  }
	| {
			verified: false;
			reason: SignatureFailure;
			/** safe for logs: never a secret, a signature or a header value */
			detail: string;
	  };

/** Header values as Node's http module gives them (`req.headers`, or `req.headersDistinct`). */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

export interface SignatureCheck {
	/** the body exactly as received: re-serialised JSON does not verify */
	rawBody: Buffer | string;
	headers: WebhookHeaders;
	/** the active webhook secrets: one, or two while rotating (PortOne allows at most two) */
	secrets: string[];
	/** the current time in UNIX seconds; fractions are dropped, as the SDK drops them */
	nowSeconds: number;
	toleranceSeconds?: number;
}

/** Standard Webhooks and PortOne's SDK: five minutes either way, exactly 300 s still passes. */
export const DEFAULT_TOLERANCE_SECONDS = 300;
export const MAX_SECRETS = 2;
const SECRET_PREFIX = 'whsec_';
// 15 digits stay exact as a JavaScript number and reach far past any real clock.
const TIMESTAMP_PATTERN = /^[0-9]{1,15}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]*$/;
// What Node's http module puts between the values of a header sent twice.
const JOINED_REPEAT = ', ';

/** Strict base64 as atob reads it, whitespace aside: padding optional, spare bits ignored. */
function decodeBase64(text: string): Buffer | undefined {
	const unpadded = text.length % 4 === 0 ? text.replace(/={1,2}$/, '') : text;
	if (unpadded.length % 4 === 1 || !BASE64_PATTERN.test(unpadded)) return undefined;
	return Buffer.from(unpadded, 'base64');
}

/** The HMAC key of a secret as the console shows it (`whsec_` + base64), or undefined. */
function keyOf(secret: unknown): Buffer | undefined {
	if (typeof secret !== 'string') return undefined;
	// Surrounding whitespace is a copy-and-paste accident in the node's settings, never part of a secret.
	const text = secret.trim();
	const key = decodeBase64(
		text.startsWith(SECRET_PREFIX) ? text.slice(SECRET_PREFIX.length) : text,
	);
	return key !== undefined && key.length > 0 ? key : undefined;
}

type HeaderLookup = { value: string } | { missing: true } | { duplicated: true };

function lookUp(headers: WebhookHeaders, name: string, joinable: boolean): HeaderLookup {
	const values: unknown[] = [];
	for (const [key, value] of Object.entries(headers ?? {})) {
		// A name given twice in different cases is a repeat as much as an array is.
		if (key.toLowerCase() === name) values.push(...(Array.isArray(value) ? value : [value]));
	}
	const present = values.filter((value) => value !== undefined && value !== null);
	if (present.length > 1) return { duplicated: true };
	const [value] = present;
	if (typeof value !== 'string' || value === '') return { missing: true };
	if (joinable && value.includes(JOINED_REPEAT)) return { duplicated: true };
	return { value };
}

const refuse = (reason: SignatureFailure, detail: string): SignatureResult => ({
	verified: false,
	reason,
	detail,
});

function checkArguments(check: SignatureCheck, tolerance: number): void {
	if (typeof check.rawBody !== 'string' && !Buffer.isBuffer(check.rawBody))
		throw new TypeError('rawBody must be the raw body, a Buffer or a string');
	if (!Number.isFinite(check.nowSeconds)) throw new TypeError('nowSeconds must be a number');
	if (!Number.isFinite(tolerance) || tolerance < 0)
		throw new TypeError('toleranceSeconds must be a number of seconds, 0 or more');
}

/**
 * Checks that PortOne signed this delivery with one of `secrets`, within the tolerance of now.
 * The secrets are checked first: a broken setting is reported whatever was sent.
 */
export function verifySignature(check: SignatureCheck): SignatureResult {
	const tolerance = check.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	checkArguments(check, tolerance);

	const secrets = Array.isArray(check.secrets) ? check.secrets : [];
	if (secrets.length === 0) return refuse('bad_secret', 'No webhook secret is set');
	if (secrets.length > MAX_SECRETS)
		return refuse('bad_secret', `At most ${MAX_SECRETS} webhook secrets, not ${secrets.length}`);
	const keys: Buffer[] = [];
	for (const [index, secret] of secrets.entries()) {
		const key = keyOf(secret);
		if (key === undefined)
			return refuse(
				'bad_secret',
				`Webhook secret ${index + 1} of ${secrets.length} is empty or not base64 (after an optional whsec_ prefix)`,
			);
		keys.push(key);
	}

	const id = lookUp(check.headers, 'webhook-id', false);
	const stamp = lookUp(check.headers, 'webhook-timestamp', true);
	const signatures = lookUp(check.headers, 'webhook-signature', true);
	const looked = [
		['webhook-id', id],
		['webhook-timestamp', stamp],
		['webhook-signature', signatures],
	] as const;
	const missing = looked.filter(([, found]) => 'missing' in found).map(([name]) => name);
	if (missing.length > 0) {
		// PortOne signs only once a webhook secret is issued in its console.
		const hint = 'missing' in signatures ? ' (is a webhook secret issued in the console?)' : '';
		return refuse('missing_headers', `Missing ${missing.join(', ')}${hint}`);
	}
	if (!('value' in id && 'value' in stamp && 'value' in signatures)) {
		const repeated = looked.filter(([, found]) => 'duplicated' in found).map(([name]) => name);
		return refuse('duplicated_headers', `Sent more than once: ${repeated.join(', ')}`);
	}

	if (!TIMESTAMP_PATTERN.test(stamp.value))
		return refuse('bad_timestamp', 'webhook-timestamp must be UNIX seconds, digits only');
	const timestamp = Number(stamp.value);
	const age = Math.floor(check.nowSeconds) - timestamp;
	if (age > tolerance)
		return refuse('timestamp_too_old', `Signed ${age} s ago; at most ${tolerance} s are allowed`);
	if (-age > tolerance)
		return refuse(
			'timestamp_too_new',
			`Signed ${-age} s ahead of now; at most ${tolerance} s are allowed`,
		);

	// The signed content is `${id}.${timestamp as sent}.${raw body}`, over the body's own bytes.
	const content = Buffer.concat([
		Buffer.from(`${id.value}.${stamp.value}.`, 'utf8'),
		typeof check.rawBody === 'string' ? Buffer.from(check.rawBody, 'utf8') : check.rawBody,
	]);
	const expected = keys.map((key) => createHmac('sha256', key).update(content).digest());

	let compared = 0;
	let skipped = 0;
	for (const entry of signatures.value.split(' ')) {
		if (entry === '') continue;
		// "v1,<base64>"; fields after a second comma are not read, as neither the SDK nor
		// standard-webhooks/standard-webhooks `libraries/javascript/src/index.ts` reads them.
		const [version, encoded] = entry.split(',');
		const signature = version === 'v1' && encoded !== undefined ? decodeBase64(encoded) : undefined;
		if (signature === undefined) {
			skipped++;
			continue;
		}
		compared++;
		for (const [secretIndex, digest] of expected.entries()) {
			// timingSafeEqual needs equal lengths; the length of a digest is no secret.
			if (signature.length === digest.length && timingSafeEqual(signature, digest))
				return { verified: true, webhookId: id.value, timestamp, secretIndex };
		}
	}
	return refuse(
		'no_matching_signature',
		`No signature matched with ${keys.length} secret(s): ${compared} v1 signature(s) compared, ${skipped} entr${skipped === 1 ? 'y' : 'ies'} of another version or not base64 skipped`,
	);
}
