'use strict';
/**
 * The simulator's notification sender: posts payment notifications to a URL the way i'mport V1
 * does (PortOne's V1 webhook guide, developers.portone.io `opi/ko/integration/webhook/readme-v1.mdx`): a POST whose body is
 * {imp_uid, merchant_uid, status, cancellation_id?}, as application/json or
 * application/x-www-form-urlencoded (the console's choice), sent once, with i'mport's 10 s connect
 * and 30 s read timeouts. It can also send what i'mport never would, for tests: a status the
 * store disagrees with, an unknown imp_uid, the same notification twice, a body of any shape, and
 * requests from another local address or with an X-Forwarded-For header.
 *
 *   const sender = createNotificationSender(simulator);
 *   sender.notificationFor('imp_pay_partial_0001')            // the store's own view, with the
 *                                                              // latest cancellation_id when cancelled
 *   await sender.notify(url, 'imp_pay_card_0001', { as: 'form' })
 *   await sender.notify(url, 'imp_pay_card_0001', { spoof: { status: 'cancelled' } })
 *   await sender.post(url, { imp_uid: 'imp_unknown', status: 'paid' })   // any body
 *   await sender.post(url, 'not json', { contentType: 'text/plain' })    // any raw text
 * Every delivery is recorded in `sender.sent` ({ url, contentType, body, status, answer, ms }).
 */
const http = require('node:http');

const CONNECT_TIMEOUT_MS = 10_000;
const READ_TIMEOUT_MS = 30_000;
const CONTENT_TYPES = { json: 'application/json', form: 'application/x-www-form-urlencoded' };

/** A body as i'mport encodes it for the content type (form: key=value&..., JSON: an object). */
function encodeBody(body, contentType) {
	if (typeof body === 'string') return body;
	if (contentType.startsWith(CONTENT_TYPES.form)) {
		const form = new URLSearchParams();
		for (const [key, value] of Object.entries(body)) {
			if (value === undefined || value === null) continue;
			for (const item of Array.isArray(value) ? value : [value]) form.append(key, String(item));
		}
		return form.toString();
	}
	return JSON.stringify(body);
}

/**
 * POSTs one body; resolves with { status, answer (text), ms } or { status: 0, error } when no
 * answer came (refused, timed out). Never retries (i'mport sends once by default).
 */
function post(
	url,
	body,
	{
		contentType = CONTENT_TYPES.json,
		localAddress,
		headers = {},
		readTimeoutMs = READ_TIMEOUT_MS,
		connectTimeoutMs = CONNECT_TIMEOUT_MS,
	} = {},
) {
	const text = encodeBody(body, contentType);
	const started = Date.now();
	return new Promise((resolve) => {
		const target = new URL(url);
		if (!/^127\.\d+\.\d+\.\d+$/.test(target.hostname) && target.hostname !== 'localhost') {
			resolve({
				status: 0,
				error: `refusing to post outside loopback (${target.hostname})`,
				ms: 0,
			});
			return;
		}
		const req = http.request(
			target,
			{
				method: 'POST',
				localAddress,
				// A header given as undefined is left out (e.g. to send no Content-Type at all).
				headers: Object.fromEntries(
					Object.entries({
						'content-type': contentType,
						'content-length': Buffer.byteLength(text),
						'user-agent': 'iamport-simulator-notifier',
						...headers,
					}).filter(([, value]) => value !== undefined),
				),
			},
			(res) => {
				let answer = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (answer += d));
				res.on('end', () => resolve({ status: res.statusCode, answer, ms: Date.now() - started }));
			},
		);
		const connectTimer = setTimeout(
			() => req.destroy(new Error('connect timeout')),
			connectTimeoutMs,
		);
		// A kept-alive socket (node's default agent keeps them) is connected already and never
		// emits 'connect': waiting for it would cut a slow answer off as a "connect timeout".
		req.on('socket', (socket) => {
			if (socket.connecting) socket.once('connect', () => clearTimeout(connectTimer));
			else clearTimeout(connectTimer);
		});
		req.setTimeout(readTimeoutMs, () => req.destroy(new Error('read timeout')));
		req.on('error', (error) => {
			clearTimeout(connectTimer);
			resolve({ status: 0, error: error.message, ms: Date.now() - started });
		});
		req.on('close', () => clearTimeout(connectTimer));
		req.end(text);
	});
}

/** @param simulator a running simulator (createSimulator) whose `payments` store holds the truth */
function createNotificationSender(simulator) {
	const sent = [];

	/**
	 * The notification i'mport would send for a stored payment now: its imp_uid, merchant_uid and
	 * status, and for a cancelled one the cancellation_id of its latest cancel_history entry.
	 */
	function notificationFor(impUid) {
		const payment = simulator.payments.get(impUid);
		if (!payment) throw new Error(`the simulator has no payment ${impUid}`);
		const notification = {
			imp_uid: payment.imp_uid,
			merchant_uid: payment.merchant_uid,
			status: payment.status,
		};
		const history = payment.cancel_history ?? [];
		if (payment.status === 'cancelled' && history.length > 0) {
			notification.cancellation_id = history[history.length - 1].cancellation_id;
		}
		return notification;
	}

	async function send(url, body, options = {}) {
		const contentType = options.contentType ?? CONTENT_TYPES[options.as ?? 'json'];
		const result = await post(url, body, { ...options, contentType });
		sent.push({ url, contentType, body, ...result });
		return result;
	}

	return {
		sent,
		notificationFor,
		/**
		 * Sends the store's notification for `impUid` (as: 'json' | 'form'); `spoof` overrides fields
		 * (e.g. { status: 'cancelled' } for a status the store disagrees with); `times` sends the
		 * same body again, one after the other, as a duplicate delivery. Resolves with the results.
		 */
		async notify(url, impUid, { as = 'json', spoof, times = 1, ...options } = {}) {
			const body = { ...notificationFor(impUid), ...spoof };
			const results = [];
			for (let n = 0; n < times; n++) results.push(await send(url, body, { as, ...options }));
			return times === 1 ? results[0] : results;
		},
		/** Posts any body (object or raw text) with the given content type or `as`. */
		post: send,
	};
}

module.exports = { createNotificationSender, post, encodeBody, CONTENT_TYPES };

// From the command line, to drive a trigger in a real n8n against `npm run simulator`:
//   node test/simulator/notifications.js <url> <imp_uid> <status> [--form] [--merchant-uid X] [--cancellation-id Y]
if (require.main === module) {
	const args = process.argv.slice(2);
	const option = (name) => {
		const at = args.indexOf(name);
		return at === -1 ? undefined : args.splice(at, 2)[1];
	};
	const form = args.includes('--form');
	const merchantUid = option('--merchant-uid');
	const cancellationId = option('--cancellation-id');
	const [url, impUid, status] = args.filter((a) => a !== '--form');
	if (!url || !impUid || !status) {
		console.error(
			'usage: node test/simulator/notifications.js <url> <imp_uid> <status> [--form] [--merchant-uid X] [--cancellation-id Y]',
		);
		process.exit(2);
	}
	const body = {
		imp_uid: impUid,
		merchant_uid: merchantUid ?? `order_${impUid.replace(/^imp_/, '')}`,
		status,
		cancellation_id: cancellationId,
	};
	post(url, body, { contentType: form ? CONTENT_TYPES.form : CONTENT_TYPES.json }).then(
		(result) => {
			console.log(
				`${result.status || 'no answer'} ${result.answer ?? result.error} (${result.ms} ms)`,
			);
			process.exit(result.status >= 200 && result.status < 300 ? 0 : 1);
		},
	);
}
