import type { IDataObject } from 'n8n-workflow';

/*
 * A webhook's raw body as fields: the bytes as UTF-8, then JSON or
 * application/x-www-form-urlencoded by its Content-Type, both read strictly. What is refused here is
 * a BadWebhookBody, whose message the trigger answers with a 400.
 */

/** A body the trigger refuses; its message is the 400 answer and never echoes a value sent. */
export class BadWebhookBody extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BadWebhookBody';
	}
}

const MAX_BODY_BYTES = 256 * 1024;
export const JSON_TYPE = 'application/json';
export const FORM_TYPE = 'application/x-www-form-urlencoded';

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaTypeOf(contentType: unknown): string {
	return String(contentType ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
}

/** The body as text: a Buffer must be UTF-8 (JSON is, RFC 8259; a form is ASCII, its escapes UTF-8). */
function textOf(rawBody: Buffer | string): string {
	if (typeof rawBody !== 'string' && !Buffer.isBuffer(rawBody))
		throw new BadWebhookBody('The body is missing');
	// PortOne's bodies carry ids only, well under a kilobyte.
	if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES)
		throw new BadWebhookBody('The body is too large');
	if (typeof rawBody === 'string') return rawBody;
	const text = rawBody.toString('utf8');
	// Invalid UTF-8 decodes to U+FFFD and so does not survive the round trip.
	if (!Buffer.from(text, 'utf8').equals(rawBody)) throw new BadWebhookBody('The body is not UTF-8');
	return text;
}

/** A form name or value decoded, or undefined for broken percent-encoding (which URLSearchParams would replace). */
function decodeFormPart(part: string): string | undefined {
	try {
		return decodeURIComponent(part.replace(/\+/g, ' '));
	} catch {
		return undefined;
	}
}

/** application/x-www-form-urlencoded, read strictly: broken percent-encoding is refused, not replaced. */
function parseForm(text: string): IDataObject {
	const entries: Array<[string, string]> = [];
	for (const pair of text.split('&')) {
		if (pair === '') continue;
		const at = pair.indexOf('=');
		const name = decodeFormPart(at === -1 ? pair : pair.slice(0, at));
		const value = decodeFormPart(at === -1 ? '' : pair.slice(at + 1));
		if (name === undefined || value === undefined)
			throw new BadWebhookBody('The form body holds broken percent-encoding');
		entries.push([name, value]);
	}
	const names = entries.map(([name]) => name);
	if (new Set(names).size !== names.length)
		throw new BadWebhookBody('The form body gives a field more than once');
	// fromEntries makes own properties, so a field named __proto__ stays a field.
	return Object.fromEntries(entries);
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** The fields of a body sent with this media type; the caller has checked it is JSON or form. */
export function parseBody(mediaType: string, rawBody: Buffer | string): IDataObject {
	const text = textOf(rawBody);
	if (text.trim() === '') throw new BadWebhookBody('The body is empty');
	if (mediaType === FORM_TYPE) return parseForm(text);
	const parsed = parseJson(text);
	if (parsed === NOT_JSON) throw new BadWebhookBody('The body is not valid JSON');
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
		throw new BadWebhookBody('The body must be a JSON object');
	return parsed as IDataObject;
}
