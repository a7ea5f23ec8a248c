'use strict';
/**
 * PortOne V2 webhooks for e2e/portoneTrigger.js, sent to a real n8n as PortOne sends them, through
 * the V2 simulator's own sender (test/portone-simulator/webhooks.js) and signed on real time: the
 * simulator's clock is frozen at its start and the trigger checks timestamps against the real clock,
 * so it is moved to real time before each attempt. Every request is kept in `ledger` with the
 * payment look-ups (GET /payments/{paymentId}) that reached the simulator while it was answered,
 * and whether one was allowed (a verified webhook of a selected event).
 */
const crypto = require('node:crypto');
const { signedDelivery, webhookHeaders } = require('../test/portone-simulator/webhooks');

const nowS = () => Math.floor(Date.now() / 1000);
const LOOKUP = /^\/payments\/[^/]+$/;

function createDeliveries(sim, { secrets }) {
	const ledger = [];
	let serial = 0;
	const syncClock = () => sim.clock.advance(Math.max(0, Date.now() - sim.clock.nowMs()) / 1000);
	const lookupsSince = (mark) =>
		sim.log
			.slice(mark)
			.filter((e) => e.method === 'GET' && LOOKUP.test(e.rawPath))
			.map((e) => `GET ${e.rawUrl}`);

	/** Runs `send` (which answers { status, answer }), noting the look-ups it caused. */
	async function tracked(what, allowLookups, send) {
		const mark = sim.log.length;
		const result = await send();
		const entry = { what, allowLookups, lookups: lookupsSince(mark), ...result };
		ledger.push(entry);
		return entry;
	}

	/** The last attempt of a simulator delivery, as sent and answered. */
	const answerOf = (delivery) => {
		const attempt = delivery.attempts.at(-1);
		return { status: attempt.status, answer: attempt.answer ?? attempt.error, attempt, delivery };
	};

	/** The event of a payment the simulator knows, with its storeId and transactionId. */
	function eventOf(type, paymentId, extra = {}) {
		const record = sim.payments.record(paymentId);
		return {
			type,
			timestamp: new Date().toISOString(),
			data: {
				paymentId,
				storeId: record?.storeId,
				transactionId: record?.transactionId,
				...extra,
			},
		};
	}

	return {
		ledger,
		syncClock,
		lookupsSince,
		eventOf,
		tracked,
		/** The simulator emits `type` for a payment to `url` (version/format as given) and sends it now. */
		emit(url, paymentId, type, options = {}, allowLookups = true) {
			return tracked(`${type} ${paymentId}`, allowLookups, async () => {
				syncClock();
				const record = sim.payments.record(paymentId);
				const delivery = sim.webhooks.emitTransaction(record, type, options.extra, {
					url,
					secrets: options.secrets ?? secrets.current(),
					version: options.version ?? '2024-04-25',
					format: options.format ?? 'json',
				});
				await sim.webhooks.idle();
				return answerOf(delivery);
			});
		},
		/**
		 * PortOne's retry of a delivery: the same webhook-id and body, a new webhook-timestamp. One
		 * answered 2xx is sent again only when PortOne never saw that answer (the connection dropped).
		 */
		resend(delivery, allowLookups = true) {
			return tracked(`resend ${delivery.id}`, allowLookups, async () => {
				delivery.state = 'pending';
				syncClock();
				await sim.webhooks.attempt(delivery);
				return answerOf(delivery);
			});
		},
		/** A captured request posted again byte for byte (headers and body). */
		replay(url, attempt, allowLookups) {
			return tracked(`replay ${attempt.headers['webhook-id']}`, allowLookups, () => {
				const { 'content-type': contentType, ...headers } = attempt.headers;
				return sim.webhooks.sendRaw(url, { body: attempt.body, contentType, headers });
			});
		},
		/**
		 * Any delivery, signed with `secrets` at `timestamp` (default: now): `body` replaces the
		 * signed body (signed as given when `signBody`), `headers` are added over the signed ones.
		 */
		deliver(url, event, options = {}, allowLookups = false) {
			const {
				version = '2024-04-25',
				format = 'json',
				timestamp = nowS(),
				id = `msg_e2e_${++serial}_${crypto.randomBytes(6).toString('hex')}`,
			} = options;
			const useSecrets = options.secrets ?? secrets.current();
			const signed = signedDelivery({ event, version, format, secrets: useSecrets, id, timestamp });
			const body = options.body ?? signed.body;
			const headers = options.signBody
				? { ...signed.headers, ...webhookHeaders({ id, timestamp, body, secrets: useSecrets }) }
				: signed.headers;
			const { 'content-type': contentType, ...rest } = { ...headers, ...options.headers };
			const attempt = { headers: { 'content-type': contentType, ...rest }, body };
			return tracked(`${event.type} ${id}`, allowLookups, async () => ({
				...(await sim.webhooks.sendRaw(url, { body, contentType, headers: rest })),
				attempt,
				id,
				timestamp,
			}));
		},
	};
}

module.exports = { createDeliveries, nowS };
