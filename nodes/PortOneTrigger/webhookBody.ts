import type { IDataObject } from 'n8n-workflow';

import { KNOWN_EVENT_TYPES, LEGACY_CONFIRM_EVENT, LEGACY_STATUS_EVENTS } from './events';
import { hasControlCharacters } from '../engine/read/controlCharacters';
import { BadWebhookBody, FORM_TYPE, JSON_TYPE, mediaTypeOf, parseBody } from './rawBody';

// The trigger needs only this file: the refusal and the event lists come with it.
export { BadWebhookBody } from './rawBody';
export {
	DEFAULT_EVENTS,
	KNOWN_EVENT_TYPES,
	LEGACY_CONFIRM_EVENT,
	LEGACY_STATUS_EVENTS,
	WEBHOOK_EVENT_OPTIONS,
} from './events';

/*
 * Reads a PortOne V2 webhook body (portone-io/developers.portone.io
 * `src/routes/(root)/opi/ko/integration/webhook/readme-v2.mdx`): version 2024-04-25 is
 * `{type, timestamp, data}` as JSON only; 2024-01-01 is `{payment_id, tx_id, status}` as JSON or
 * application/x-www-form-urlencoded. The version is told by the body's shape, so the trigger needs
 * no setting for it. Unknown types and fields are not errors: PortOne may add both without notice
 * and asks receivers to ignore them.
 */

export type WebhookVersion = '2024-04-25' | '2024-01-01';

/** One webhook of either version, read into one shape; null where that version has no such field. */
export interface WebhookEvent {
	version: WebhookVersion;
	/** the 2024-04-25 event name, also for 2024-01-01 ('Transaction.Paid'); null for an unnamed status */
	type: string | null;
	/** false: a type or status this package does not know; answer 2xx and drop it */
	known: boolean;
	/** 2024-04-25: when the event happened (RFC 3339), the same on every retry */
	timestamp: string | null;
	/** 2024-01-01: the status as sent ('Paid') */
	status: string | null;
	storeId: string | null;
	paymentId: string | null;
	transactionId: string | null;
	cancellationId: string | null;
	billingKey: string | null;
	/** Transaction.Confirm: the amount asked for */
	totalAmount: number | null;
	/** the body as sent, unknown fields included (read, never interpreted) */
	body: IDataObject;
}

// No length is documented for these ids (portone-io/developers.portone.io `src/schema/v2.openapi.json`);
// a paymentId is the merchant's own.
const MAX_ID_LENGTH = 256;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** false for text with a lone surrogate, which no URL can carry */
function isWellFormed(text: string): boolean {
	try {
		encodeURIComponent(text);
		return true;
	} catch {
		return false;
	}
}

/**
 * An id the trigger may put into `GET /payments/{paymentId}` as one encoded segment: a string,
 * well-formed, not "." or "..", without "/", "\" or control characters, at most 256 characters.
 */
function readId(fields: IDataObject, field: string, required: boolean): string | null {
	const value = fields[field];
	if (value === undefined || value === null || value === '') {
		if (required) throw new BadWebhookBody(`${field} is missing`);
		return null;
	}
	if (typeof value !== 'string') throw new BadWebhookBody(`${field} must be a string`);
	if (value.length > MAX_ID_LENGTH)
		throw new BadWebhookBody(`${field} is longer than ${MAX_ID_LENGTH} characters`);
	if (!isWellFormed(value)) throw new BadWebhookBody(`${field} holds broken Unicode`);
	if (
		value === '.' ||
		value === '..' ||
		/[/\\]/.test(value) ||
		hasControlCharacters(value, { unicode: true })
	)
		throw new BadWebhookBody(`${field} holds a path or control character`);
	return value;
}

/** A short name such as a type or a status: a string without control characters. */
function readName(fields: IDataObject, field: string): string {
	const value = fields[field];
	if (value === undefined || value === null || value === '')
		throw new BadWebhookBody(`${field} is missing`);
	if (
		typeof value !== 'string' ||
		value.length > 100 ||
		hasControlCharacters(value, { unicode: true }) ||
		!isWellFormed(value)
	)
		throw new BadWebhookBody(`${field} must be a name of at most 100 characters`);
	return value;
}

/** An amount: a JSON number or, in a form, its digits. */
function readAmount(fields: IDataObject, field: string): number | null {
	const value = fields[field];
	if (value === undefined || value === null || value === '') return null;
	const amount = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
	if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0)
		throw new BadWebhookBody(`${field} must be an amount`);
	return amount;
}

const empty = {
	timestamp: null,
	status: null,
	storeId: null,
	paymentId: null,
	transactionId: null,
	cancellationId: null,
	billingKey: null,
	totalAmount: null,
};

function readCurrent(body: IDataObject): WebhookEvent {
	const type = readName(body, 'type');
	// An unknown type is ignored entirely, its data unread (PortOne's rule for new types).
	if (!KNOWN_EVENT_TYPES.includes(type))
		return { version: '2024-04-25', type, known: false, ...empty, body };
	const timestamp = body.timestamp;
	if (
		typeof timestamp !== 'string' ||
		!RFC3339.test(timestamp) ||
		Number.isNaN(Date.parse(timestamp))
	)
		throw new BadWebhookBody('timestamp must be an RFC 3339 date-time');
	const data = body.data;
	if (typeof data !== 'object' || data === null || Array.isArray(data))
		throw new BadWebhookBody('data must be an object');
	const fields = data as IDataObject;
	const billing = type.startsWith('BillingKey.');
	return {
		version: '2024-04-25',
		type,
		known: true,
		...empty,
		timestamp,
		// PortOne's SDK types say storeId always comes; the guide's own examples leave it out.
		storeId: readId(fields, 'storeId', false),
		paymentId: readId(fields, 'paymentId', !billing),
		transactionId: readId(fields, 'transactionId', false),
		cancellationId: readId(fields, 'cancellationId', false),
		billingKey: readId(fields, 'billingKey', billing),
		totalAmount: readAmount(fields, 'totalAmount'),
		body,
	};
}

function readLegacy(body: IDataObject): WebhookEvent {
	const confirm = body.status === undefined && body.total_amount !== undefined;
	const status = confirm ? null : readName(body, 'status');
	const type = confirm
		? LEGACY_CONFIRM_EVENT
		: Object.hasOwn(LEGACY_STATUS_EVENTS, status as string)
			? LEGACY_STATUS_EVENTS[status as string]
			: null;
	if (type === null) return { version: '2024-01-01', type, known: false, ...empty, status, body };
	return {
		version: '2024-01-01',
		type,
		known: true,
		...empty,
		status,
		paymentId: readId(body, 'payment_id', true),
		transactionId: readId(body, 'tx_id', false),
		totalAmount: readAmount(body, 'total_amount'),
		body,
	};
}

/**
 * Reads a webhook body PortOne signed (check the signature on the same raw body first), or throws
 * a BadWebhookBody saying why it cannot be read.
 */
export function readWebhookBody(contentType: unknown, rawBody: Buffer | string): WebhookEvent {
	const mediaType = mediaTypeOf(contentType);
	if (mediaType !== JSON_TYPE && mediaType !== FORM_TYPE)
		throw new BadWebhookBody(`Content-Type must be ${JSON_TYPE} or ${FORM_TYPE}`);
	const body = parseBody(mediaType, rawBody);
	if ('type' in body) {
		if (mediaType === FORM_TYPE)
			throw new BadWebhookBody('Webhook version 2024-04-25 is sent as JSON only, not as a form');
		return readCurrent(body);
	}
	if ('payment_id' in body || 'status' in body || 'tx_id' in body) return readLegacy(body);
	throw new BadWebhookBody(
		'The body is neither {type, timestamp, data} (version 2024-04-25) nor {payment_id, tx_id, status} (2024-01-01)',
	);
}

/** Whether the trigger should start a workflow for this event, given the Events selected. */
export function isSelectedEvent(event: WebhookEvent, selected: readonly string[]): boolean {
	return event.known && event.type !== null && selected.includes(event.type);
}
