'use strict';
/**
 * Part of e2e/portoneTrigger.js, on the "every default event" workflow in a real n8n: what must
 * start nothing and look nothing up (each with its HTTP answer and, when refused, the log line
 * saying why), PortOne's retries and captured deliveries replayed within and after the 5 minutes
 * a signature is valid, PortOne unavailable for the look-up (503, then its retry), and the test
 * URL a manual run listens on. `t` is the context main() builds.
 */
const { check, same } = require('./script');
const { itemsOf, sleep } = require('./workflowsOverRest');
const { nowS } = require('./portoneDeliveries');

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** [name, HTTP status, the refusal reason n8n's log must name (or a pattern, or null), delivery] */
const QUIET = (keys) => [
	['an event not selected (Transaction.Ready)', 200, null, { event: ['Transaction.Ready'] }],
	['a type this package does not know', 200, null, { event: ['Transaction.SomethingNew'] }],
	[
		'an unknown 2024-01-01 status (Refunded), as a form',
		200,
		null,
		{ body: 'payment_id=pay-card-0002&tx_id=t&status=Refunded', signBody: true, headers: FORM },
	],
	[
		'Transaction.Confirm (this trigger never approves a payment)',
		409,
		/refused a Transaction\.Confirm/,
		{ event: ['Transaction.Confirm', { totalAmount: 50000 }] },
	],
	['a forged signature (another secret)', 401, 'no_matching_signature', { secrets: [keys.other] }],
	[
		'a body altered after signing (another paymentId)',
		401,
		'no_matching_signature',
		{ body: '{"type":"Transaction.Paid","data":{"paymentId":"pay-card-0001"}}' },
	],
	['no webhook-signature header', 401, 'missing_headers', { secrets: [] }],
	[
		'webhook-id sent twice (n8n hands the trigger headersDistinct)',
		401,
		'duplicated_headers',
		{ headers: { 'webhook-id': ['msg_a', 'msg_b'] } },
	],
	['a stale timestamp (signed 301 s ago)', 401, 'timestamp_too_old', { timestamp: -301 }],
	['a timestamp 330 s ahead', 401, 'timestamp_too_new', { timestamp: 330 }],
	['a timestamp that is not digits only (…x)', 401, 'bad_timestamp', { timestamp: 'x' }],
	[
		'a signed body with a bad paymentId (../cash-receipt)',
		400,
		null,
		{
			body: '{"type":"Transaction.Paid","timestamp":"2026-01-01T00:00:00Z","data":{"paymentId":"../cash-receipt"}}',
			signBody: true,
		},
	],
	['a signed empty body', 400, null, { body: '', signBody: true }],
	['signed JSON that is not an object', 400, null, { body: '[1,2]', signBody: true }],
	[
		'a signed text/plain body',
		400,
		null,
		{ body: 'paid', signBody: true, headers: { 'content-type': 'text/plain' } },
	],
	[
		'a signed 2024-04-25 body sent as a form',
		400,
		null,
		{ body: 'type=Transaction.Paid&data=x', signBody: true, headers: FORM },
	],
	[
		'signed JSON that does not parse (n8n answers 422 before the trigger runs)',
		422,
		null,
		{ body: '{"type": ', signBody: true },
	],
];

/** Options of d.deliver from a QUIET entry: the event, timestamps relative to now. */
function deliveryOf(d, spec) {
	const [type = 'Transaction.Paid', extra] = spec.event ?? [];
	const stamp = spec.timestamp;
	const timestamp = stamp === undefined ? undefined : stamp === 'x' ? `${nowS()}x` : nowS() + stamp;
	return [d.eventOf(type, 'pay-card-0002', extra), { ...spec, timestamp }];
}

async function refusalsInN8n(t) {
	const { sim, d, waiter, every, url, keys, logged, refused, client } = t;
	console.log('\nWhat starts nothing (and looks nothing up)');
	for (const [name, status, why, spec] of QUIET(keys)) {
		const mark = t.logMark();
		const r = await d.deliver(url, ...deliveryOf(d, spec));
		if (typeof why === 'string') refused(why);
		const pattern = typeof why === 'string' ? new RegExp(`refused a webhook \\(${why}: `) : why;
		const log = pattern ? await logged(mark, pattern) : true;
		const says = pattern
			? `, n8n's log says why (${typeof why === 'string' ? why : 'an error'})`
			: '';
		check(`${name}: HTTP ${status}, nothing looked up${says}`, () =>
			same({ status: r.status, lookups: r.lookups, log }, { status, lookups: [], log: true }),
		);
		if (status !== 200) console.log(`      answer: ${r.answer.slice(0, 160)}`);
	}

	console.log('\nRetries and replays: the same event_key, stopped by Remove Duplicates');
	/** What an execution of this workflow did: the trigger's event_key and paymentId, passed on or not. */
	const outcome = (r, execution) => ({
		http: r.status,
		key: itemsOf(execution, 'PortOne webhook')[0]?.event_key,
		id: itemsOf(execution, 'PortOne webhook')[0]?.id,
		passed: itemsOf(execution, 'New events only').length,
	});
	const [first, second] = t.delivered;
	const again = await d.resend(first.delivery);
	const stamps = first.delivery.attempts.map((a) => a.headers['webhook-timestamp']);
	const againRun = outcome(again, await waiter.next(every.id));
	check(
		"PortOne's retry of a delivered event (same webhook-id and body, new timestamp): 200, same event_key, dropped by Remove Duplicates",
		() =>
			same(
				{ ...againRun, newTimestamp: stamps[0] !== stamps[1] },
				{
					http: 200,
					key: first.delivery.id,
					id: first.delivery.event.data.paymentId,
					passed: 0,
					newTimestamp: true,
				},
			),
	);
	const within = await d.replay(url, second.attempt, true);
	const withinRun = outcome(within, await waiter.next(every.id));
	check(
		'a captured delivery replayed byte for byte within the 5 minutes: 200, same event_key, dropped by Remove Duplicates',
		() =>
			same(withinRun, {
				http: 200,
				key: second.delivery.id,
				id: second.delivery.event.data.paymentId,
				passed: 0,
			}),
	);
	const old = await d.deliver(
		url,
		d.eventOf('Transaction.Paid', 'pay-card-0002'),
		{ timestamp: nowS() - 293 },
		true,
	);
	const oldRun = outcome(old, await waiter.next(every.id));
	for (let n = 0; n < 60 && nowS() - old.timestamp < 302; n++) await sleep(250);
	const mark = t.logMark();
	const late = await d.replay(url, old.attempt, false);
	refused('timestamp_too_old');
	const lateLogged = await logged(mark, /refused a webhook \(timestamp_too_old: /);
	check(
		`a delivery signed 293 s ago is accepted (a new event); the same bytes replayed ${nowS() - old.timestamp} s after signing: 401, nothing looked up, timestamp_too_old in the log`,
		() =>
			same(
				{
					first: [oldRun.http, oldRun.passed],
					late: late.status,
					lookups: late.lookups,
					lateLogged,
				},
				{ first: [200, 1], late: 401, lookups: [], lateLogged: true },
			),
	);

	sim.faults.add({
		method: 'GET',
		path: '/payments/pay-easypay-0001',
		action: 'status',
		status: 503,
		times: Infinity,
	});
	const downMark = t.logMark();
	const down = await d.emit(url, 'pay-easypay-0001', 'Transaction.Paid');
	const downLogged = await logged(
		downMark,
		/could not look up pay-easypay-0001 \(.+\); the webhook was not processed/,
	);
	check(
		'PortOne unavailable for the look-up (503, twice): HTTP 503 so PortOne sends it again, no execution, the error in the log',
		() =>
			same(
				{ http: down.status, lookups: down.lookups.length, downLogged },
				{ http: 503, lookups: 2, downLogged: true },
			),
	);
	sim.faults.clear();
	await sleep(1100);
	const retried = await d.resend(down.delivery);
	const retriedRun = outcome(retried, await waiter.next(every.id));
	check(
		"PortOne's retry once it answers again: 200, the payment, a new event (the failed attempt started nothing)",
		() => same(retriedRun, { http: 200, key: down.delivery.id, id: 'pay-easypay-0001', passed: 1 }),
	);

	console.log('\nThe test URL (the editor\'s "Listen for test event")');
	const { data: listening } = await client.rest('POST', `/workflows/${every.id}/run`, {
		triggerToStartFrom: { name: 'PortOne webhook' },
	});
	const testUrl = url.replace('/webhook/', '/webhook-test/');
	const forged = await d.deliver(testUrl, d.eventOf('Transaction.Paid', 'pay-card-0001'), {
		secrets: [keys.other],
	});
	refused('no_matching_signature');
	const real = await d.emit(testUrl, 'pay-card-0001', 'Transaction.Paid');
	const testRun = await waiter.next(every.id);
	check(
		'the test URL: a forged delivery is refused (401) and the listener keeps waiting; a signed one starts a manual execution with the payment',
		() =>
			same(
				{
					waiting: listening?.waitingForWebhook,
					forged: forged.status,
					real: real.status,
					mode: testRun.mode,
					id: itemsOf(testRun, 'PortOne webhook')[0]?.id,
				},
				{ waiting: true, forged: 401, real: 200, mode: 'manual', id: 'pay-card-0001' },
			),
	);
}

module.exports = { refusalsInN8n };
