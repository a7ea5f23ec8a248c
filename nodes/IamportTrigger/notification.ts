import type { IDataObject } from 'n8n-workflow';

import { hasControlCharacters } from '../engine/read/controlCharacters';

/** The statuses i'mport V1 notifies (its webhook guide): the node's filter offers exactly these. */
export const NOTIFIED_STATUSES = ['paid', 'ready', 'cancelled', 'failed'];

/** i'mport's documented sender addresses ("for reference"; they changed once, in 2023). */
export const DOCUMENTED_SENDERS = '52.78.100.19, 52.78.48.223, 52.78.5.241';

/** What i'mport posts: {imp_uid, merchant_uid, status, cancellation_id?}, checked. */
export interface Notification {
	imp_uid: string;
	merchant_uid: string | null;
	status: string;
	cancellation_id: string | null;
}

/** A notification the node refuses to read: its message is the 400 answer, so it never holds a secret. */
export class BadNotification extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BadNotification';
	}
}

// imp_uids are "imp_" and digits; anything that could change the look-up path ('/', '.', '%', '?', '#') is refused.
const IMP_UID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const STATUS_PATTERN = /^[a-z_]{1,32}$/;
const MAX_FREE_TEXT = 255;

const ACCEPTED_CONTENT_TYPES = ['application/json', 'application/x-www-form-urlencoded'];

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaTypeOf(contentType: unknown): string {
	return String(contentType ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
}

function readFreeText(body: IDataObject, field: string): string | null {
	const value = body[field];
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string') throw new BadNotification(`${field} must be a single string`);
	if (value.length > MAX_FREE_TEXT || hasControlCharacters(value)) {
		throw new BadNotification(
			`${field} must be at most ${MAX_FREE_TEXT} characters, without control characters`,
		);
	}
	return value;
}

/**
 * Reads a notification from the body n8n parsed (JSON or form), or throws a BadNotification
 * saying what is wrong. Fields other than the four i'mport sends are ignored.
 */
export function readNotification(contentType: unknown, body: unknown): Notification {
	const mediaType = mediaTypeOf(contentType);
	if (!ACCEPTED_CONTENT_TYPES.includes(mediaType)) {
		throw new BadNotification(
			`Content-Type must be application/json or application/x-www-form-urlencoded${mediaType ? `, not ${mediaType.slice(0, 80)}` : ''}`,
		);
	}
	if (
		body === undefined ||
		body === null ||
		body === '' ||
		(typeof body === 'object' && Object.keys(body).length === 0)
	) {
		throw new BadNotification('The body is empty: expected {imp_uid, merchant_uid, status}');
	}
	if (typeof body !== 'object' || Array.isArray(body)) {
		throw new BadNotification('The body must be an object: {imp_uid, merchant_uid, status}');
	}
	const fields = body as IDataObject;
	const impUid = fields.imp_uid;
	if (impUid === undefined || impUid === null || impUid === '')
		throw new BadNotification('imp_uid is missing');
	if (typeof impUid !== 'string') throw new BadNotification('imp_uid must be a single string');
	if (!IMP_UID_PATTERN.test(impUid)) {
		throw new BadNotification('imp_uid may only hold letters, digits, "_" and "-" (at most 100)');
	}
	const status = fields.status;
	if (status === undefined || status === null || status === '')
		throw new BadNotification('status is missing');
	if (typeof status !== 'string' || !STATUS_PATTERN.test(status)) {
		throw new BadNotification(
			'status must be a single lower-case word such as paid, ready, cancelled or failed',
		);
	}
	return {
		imp_uid: impUid,
		merchant_uid: readFreeText(fields, 'merchant_uid'),
		status,
		cancellation_id: readFreeText(fields, 'cancellation_id'),
	};
}

/**
 * The same for every delivery of one event, different for different events: imp_uid, status and,
 * for a cancellation, its id (one payment can be partly cancelled several times).
 */
export function eventKeyOf(notification: Notification): string {
	const parts = [notification.imp_uid, notification.status];
	if (notification.cancellation_id !== null) parts.push(notification.cancellation_id);
	return parts.join(':');
}

/**
 * What every unverified notification's key starts with. A verified key starts with its imp_uid,
 * which readNotification lets hold only letters, digits, '_' and '-': never a '/'.
 */
export const UNVERIFIED_KEY_PREFIX = 'unverified/';

/**
 * The key of a notification i'mport did not confirm (emitted only with Emit): never a verified
 * event's key, so a forgery run through Remove Duplicates cannot use up the genuine event's key.
 */
export function unverifiedKeyOf(notification: Notification): string {
	return `${UNVERIFIED_KEY_PREFIX}${eventKeyOf(notification)}`;
}

/* ------------------------------------------------------------------ sender check */

type AddressMatcher = (address: string) => boolean;

const IPV4_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4ToNumber(address: string): number | undefined {
	const match = IPV4_PATTERN.exec(address);
	if (!match) return undefined;
	const octets = match.slice(1).map(Number);
	if (octets.some((octet) => octet > 255)) return undefined;
	return octets.reduce((value, octet) => value * 256 + octet, 0);
}

/** The client address as n8n's express reports it, IPv4-mapped IPv6 (::ffff:a.b.c.d) read as IPv4. */
export function normalizeAddress(address: unknown): string {
	const text = String(address ?? '')
		.trim()
		.toLowerCase();
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
	return mapped ? mapped[1] : text;
}

function matcherFor(entry: string): AddressMatcher | undefined {
	const [address, bitsText, ...rest] = entry.split('/');
	if (rest.length > 0) return undefined;
	const base = ipv4ToNumber(address);
	if (bitsText !== undefined) {
		const bits = Number(bitsText);
		if (base === undefined || !/^\d{1,2}$/.test(bitsText) || bits > 32) return undefined;
		const size = 2 ** (32 - bits);
		const start = Math.floor(base / size) * size;
		return (candidate) => {
			const value = ipv4ToNumber(candidate);
			return value !== undefined && value >= start && value < start + size;
		};
	}
	if (base !== undefined) return (candidate) => candidate === address;
	// IPv6: compared as written (lower-case), e.g. 2001:db8::1
	if (/^[0-9a-f:]+$/.test(address) && address.includes(':'))
		return (candidate) => candidate === address;
	return undefined;
}

export interface AllowList {
	matchers: AddressMatcher[];
	/** entries that are neither an IPv4 address, an IPv4 CIDR range nor an IPv6 address */
	invalid: string[];
}

/** Parses "52.78.100.19, 52.78.48.223 10.0.0.0/8" (commas, spaces or new lines between entries). */
export function parseAllowList(text: unknown): AllowList {
	const matchers: AddressMatcher[] = [];
	const invalid: string[] = [];
	for (const entry of String(text ?? '').split(/[\s,]+/)) {
		const normalized = normalizeAddress(entry);
		if (normalized === '') continue;
		const matcher = matcherFor(normalized);
		if (matcher) matchers.push(matcher);
		else invalid.push(entry);
	}
	return { matchers, invalid };
}

/**
 * Whether the address n8n attributes the request to (express `req.ip`, which honours
 * N8N_PROXY_HOPS and ignores X-Forwarded-For otherwise) is on the list. A list with a bad
 * entry, or no entry at all, lets nobody in: a typo must not open the door.
 */
export function senderAllowed(address: unknown, allowList: AllowList): boolean {
	if (allowList.invalid.length > 0 || allowList.matchers.length === 0) return false;
	const candidate = normalizeAddress(address);
	return candidate !== '' && allowList.matchers.some((matches) => matches(candidate));
}

/* ------------------------------------------------------------------ verification */

export type Verdict =
	| { verified: true }
	| {
			verified: false;
			reason: 'not_found' | 'status_mismatch' | 'merchant_uid_mismatch' | 'unknown_cancellation';
			explanation: string;
	  };

/**
 * Compares a notification with the payment i'mport reported for its imp_uid (null: i'mport does
 * not know it). Only an exact agreement is a verified event.
 */
export function verdictOf(notification: Notification, payment: IDataObject | null): Verdict {
	if (payment === null || payment.imp_uid !== notification.imp_uid) {
		return {
			verified: false,
			reason: 'not_found',
			explanation: `i'mport does not know the payment ${notification.imp_uid}`,
		};
	}
	if (payment.status !== notification.status) {
		return {
			verified: false,
			reason: 'status_mismatch',
			explanation: `The notification says "${notification.status}" but i'mport reports the payment as "${String(payment.status)}"`,
		};
	}
	if (notification.merchant_uid !== null && payment.merchant_uid !== notification.merchant_uid) {
		return {
			verified: false,
			reason: 'merchant_uid_mismatch',
			explanation: "The notification's merchant_uid is not the payment's",
		};
	}
	if (notification.cancellation_id !== null && notification.status === 'cancelled') {
		const history = Array.isArray(payment.cancel_history)
			? (payment.cancel_history as IDataObject[])
			: [];
		if (!history.some((entry) => entry?.cancellation_id === notification.cancellation_id)) {
			return {
				verified: false,
				reason: 'unknown_cancellation',
				explanation: "The notification's cancellation_id is not in the payment's cancel_history",
			};
		}
	}
	return { verified: true };
}
