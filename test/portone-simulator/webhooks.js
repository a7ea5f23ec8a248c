'use strict';
/**
 * PortOne V2 webhooks, sent as PortOne sends them (portone-io/developers.portone.io
 * `src/routes/(root)/opi/ko/integration/webhook/readme-v2.mdx`; Standard Webhooks,
 * standard-webhooks/standard-webhooks `spec/standard-webhooks.md`):
 *   - version '2024-04-25': `{type, timestamp, data}` as application/json only; version
 *     '2024-01-01': `{payment_id, tx_id, status}` as JSON or application/x-www-form-urlencoded;
 *   - headers webhook-id (the same on every retry), webhook-timestamp (UNIX seconds of this
 *     attempt, on the simulator's clock) and webhook-signature: `v1,<base64 HMAC-SHA256 of
 *     "id.timestamp.rawBody">` keyed with base64-decode(secret without "whsec_"), one entry per
 *     active secret (at most two, for rotation), space-separated;
 *   - the body's `timestamp` is the event's time and never changes across retries;
 *   - up to 5 resends after the first attempt, 1, 4, 16, 64 and 256 minutes after the previous
 *     failure (+ seeded jitter); success is any 2xx (inferred from PaymentWebhookStatus).
 * Tests drive retries with the clock: `clock.advance(60); await webhooks.runDue()`.
 * Inferred (low): without a configured secret no webhook-signature header is sent.
 *
 *   sim.webhooks.configure({ url, secrets: ['whsec_…'], version: '2024-04-25', format: 'json' })
 *   sim.webhooks.emitTransaction(record, 'Transaction.Paid')      // queue + first attempt
 *   await sim.webhooks.idle()                                       // first attempts finished
 *   sim.webhooks.deliveries / .attempts                             // what was sent, answered
 *   await sim.webhooks.sendRaw(url, { body: 'x', headers: {...} })  // anything, for negative cases
 *   signedDelivery({ event, version, format, secrets, id, timestamp }) // the same, never posted
 */
const crypto = require('node:crypto');
const { post } = require('../simulator/notifications');
const { seededRandom } = require('../simulator/faults');

const RETRY_DELAYS_MIN = [1, 4, 16, 64, 256];
const MAX_ATTEMPTS = 1 + RETRY_DELAYS_MIN.length;
const READ_TIMEOUT_MS = 30_000;
/** `2024-04-25` type -> `2024-01-01` status (WH: the older version's status values). */
const LEGACY_STATUS = {
	'Transaction.Ready': 'Ready',
	'Transaction.Paid': 'Paid',
	'Transaction.VirtualAccountIssued': 'VirtualAccountIssued',
	'Transaction.PartialCancelled': 'PartialCancelled',
	'Transaction.Cancelled': 'Cancelled',
	'Transaction.Failed': 'Failed',
	'Transaction.PayPending': 'PayPending',
	'Transaction.CancelPending': 'CancelPending',
};

/** The webhook-signature value for one attempt: one `v1,` entry per secret. */
function sign({ id, timestamp, body, secrets }) {
	return secrets
		.map((secret) => {
			const key = Buffer.from(
				secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret,
				'base64',
			);
			if (key.length === 0) throw new Error('a webhook secret must be non-empty base64');
			return `v1,${crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
		})
		.join(' ');
}

/** The webhook-* headers of one attempt; no webhook-signature without a secret. */
function webhookHeaders({ id, timestamp, body, secrets }) {
	const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp) };
	if (secrets.length > 0)
		headers['webhook-signature'] = sign({ id, timestamp: String(timestamp), body, secrets });
	return headers;
}

/** A new secret in the console's format (whsec_ + base64 of 24 random bytes). */
const newSecret = () => `whsec_${crypto.randomBytes(24).toString('base64')}`;

/** The raw body and content type of an event for a webhook version and format; null when that
 * version has no such event (2024-01-01 knows only Transaction statuses). */
function encode(event, version, format) {
	if (version === '2024-04-25') {
		if (format !== 'json')
			throw new Error('webhook version 2024-04-25 is sent as application/json only');
		return {
			contentType: 'application/json',
			text: JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data }),
		};
	}
	if (version !== '2024-01-01') throw new Error(`unknown webhook version ${version}`);
	const status = LEGACY_STATUS[event.type];
	if (!status) return null;
	const fields = { payment_id: event.data.paymentId, tx_id: event.data.transactionId, status };
	if (format === 'form')
		return {
			contentType: 'application/x-www-form-urlencoded',
			text: new URLSearchParams(fields).toString(),
		};
	if (format !== 'json') throw new Error(`unknown webhook format ${format}`);
	return { contentType: 'application/json', text: JSON.stringify(fields) };
}

/**
 * One attempt of a delivery exactly as `attempt` would post it, without posting: for tests that
 * need signed deliveries without a server. `{ contentType, body, headers }` (lower-case header
 * names, as Node's http module gives them), or null when the version has no such event.
 */
function signedDelivery({
	event,
	version = '2024-04-25',
	format = 'json',
	secrets,
	id,
	timestamp,
}) {
	const encoded = encode(event, version, format);
	if (!encoded) return null;
	const headers = webhookHeaders({ id, timestamp, body: encoded.text, secrets });
	return {
		contentType: encoded.contentType,
		body: encoded.text,
		headers: { 'content-type': encoded.contentType, ...headers },
	};
}

function createWebhookSender({ clock, jitterSeconds = 0, seed = 1 } = {}) {
	let config = { url: undefined, secrets: [], version: '2024-04-25', format: 'json' };
	const random = seededRandom(seed);
	/** every delivery: { id, event, url, contentType, body, secrets, state, attempts, nextAttemptAt } */
	const deliveries = [];
	/** every attempt, in order: { deliveryId, attempt, url, headers, body, status, answer, error } */
	const attempts = [];
	/** events emitted (also when no URL is configured) */
	const events = [];
	const inFlight = new Set();

	function configure(next) {
		const merged = { ...config, ...next };
		if (merged.secrets.length > 2)
			throw new Error('PortOne keeps at most two webhook secrets active at once');
		encode({ type: 'Transaction.Paid', timestamp: '', data: {} }, merged.version, merged.format); // throws on a bad pair
		config = merged;
		return config;
	}

	async function attempt(delivery) {
		if (delivery.state !== 'pending')
			throw new Error(`delivery ${delivery.id} is ${delivery.state}`);
		const headers = {
			...webhookHeaders({
				id: delivery.id,
				timestamp: clock.now(),
				body: delivery.body,
				secrets: delivery.secrets,
			}),
			'user-agent': 'portone-simulator-webhook',
		};
		const n = delivery.attempts.length + 1;
		const record = {
			deliveryId: delivery.id,
			attempt: n,
			url: delivery.url,
			headers: { 'content-type': delivery.contentType, ...headers },
			body: delivery.body,
		};
		delivery.attempts.push(record);
		attempts.push(record);
		const result = await post(delivery.url, delivery.body, {
			contentType: delivery.contentType,
			headers,
			readTimeoutMs: READ_TIMEOUT_MS,
		});
		Object.assign(record, result);
		if (result.status >= 200 && result.status < 300) {
			delivery.state = 'succeeded';
		} else if (n >= MAX_ATTEMPTS) {
			delivery.state = 'failed';
		} else {
			delivery.nextAttemptAt =
				clock.now() + RETRY_DELAYS_MIN[n - 1] * 60 + Math.floor(random() * jitterSeconds);
		}
		return record;
	}

	function track(promise) {
		inFlight.add(promise);
		promise.finally(() => inFlight.delete(promise));
		return promise;
	}

	/** Queues `event` for the configured URL (or `options.url`) and makes the first attempt now. */
	function emit(event, options = {}) {
		const target = { ...config, ...options };
		const encoded = target.url ? encode(event, target.version, target.format) : null;
		events.push(event);
		if (!encoded) return null;
		const delivery = {
			id: `msg_${crypto.randomBytes(12).toString('hex')}`,
			event,
			url: target.url,
			version: target.version,
			contentType: encoded.contentType,
			body: encoded.text,
			secrets: [...target.secrets],
			state: 'pending',
			attempts: [],
			nextAttemptAt: clock.now(),
		};
		deliveries.push(delivery);
		if (options.attemptNow !== false) track(attempt(delivery));
		return delivery;
	}

	return {
		deliveries,
		attempts,
		events,
		configure,
		get config() {
			return config;
		},
		emit,
		/** Emits a Transaction.* event for a payment record (data: paymentId, storeId, transactionId, + extra). */
		emitTransaction(record, type, extra = {}, options) {
			const data = {
				paymentId: record.id,
				storeId: record.storeId,
				transactionId: record.transactionId,
				...extra,
			};
			return emit({ type, timestamp: clock.iso(), data }, options);
		},
		/** Makes the next attempt of one delivery now, whatever its schedule. */
		attempt: (delivery) => track(attempt(delivery)),
		/** Attempts every pending delivery whose retry is due on the simulator's clock. */
		async runDue() {
			const due = deliveries.filter(
				(d) => d.state === 'pending' && d.nextAttemptAt <= clock.now() && d.attempts.length > 0,
			);
			const results = [];
			for (const d of due) results.push(await track(attempt(d)));
			return results;
		},
		async idle() {
			for (let guard = 0; guard < 100 && inFlight.size > 0; guard++)
				await Promise.allSettled([...inFlight]);
		},
		/** Sends any body with any headers (no signing unless given): for negative cases. */
		async sendRaw(url, { body = '', contentType = 'application/json', headers = {} } = {}) {
			const result = await post(url, body, {
				contentType,
				headers: { 'user-agent': 'portone-simulator-webhook', ...headers },
				readTimeoutMs: READ_TIMEOUT_MS,
			});
			attempts.push({
				deliveryId: null,
				attempt: 1,
				url,
				headers: { 'content-type': contentType, ...headers },
				body,
				...result,
			});
			return result;
		},
	};
}

module.exports = {
	createWebhookSender,
	sign,
	encode,
	webhookHeaders,
	signedDelivery,
	newSecret,
	RETRY_DELAYS_MIN,
	MAX_ATTEMPTS,
	LEGACY_STATUS,
};
