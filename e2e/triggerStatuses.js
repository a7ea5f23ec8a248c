'use strict';
/**
 * Part of e2e/trigger.js: the workflow "every status, deduplicated" in a real n8n: each status as
 * JSON and as a form, repeats dropped by Remove Duplicates across executions; what must start
 * nothing (spoofs, unknown ids, bad bodies); the test URL as the editor's "Listen for test event"
 * uses it; and, observed rather than checked, Remove Duplicates under executions at one moment.
 *
 * Each takes the run's `t`: { simulator, sender, urls, nextExecution, lookupsSince, answered, client }.
 */
const { nodeItems: itemsOf } = require('./n8n');
const { check, same } = require('./script');
const { ALL_STATUSES } = require('./triggerWorkflows');

const SECRET_MARKER = 'test_imp_secret_DO_NOT_LEAK';

/** Every status, JSON and form, deduplicated across executions. */
async function everyStatusInN8n({
	simulator,
	sender,
	urls,
	nextExecution,
	lookupsSince,
	answered,
}) {
	console.log(`\n${ALL_STATUSES.name}`);
	const cases = [
		['json', 'paid', 'imp_pay_card_0001'],
		['form', 'ready', 'imp_pay_vbank_ready_0001'],
		['json', 'cancelled', 'imp_pay_partial_0001'],
		['form', 'failed', 'imp_pay_failed_0001'],
		['form', 'paid', 'imp_pay_card_0002'],
		// the same event as the second one, this time as JSON: a repeat all the same
		['json', 'ready', 'imp_pay_vbank_ready_0001'],
	];
	const keysSent = new Set();
	for (const [as, status, impUid] of cases) {
		const mark = simulator.log.length;
		const result = await sender.notify(urls.all, impUid, { as });
		const execution = await nextExecution(ALL_STATUSES.id);
		const [item] = itemsOf(execution, 'Payment notification');
		const truth = simulator.payments.get(impUid);
		const expectedKey =
			status === 'cancelled'
				? `${impUid}:cancelled:${truth.cancel_history.at(-1).cancellation_id}`
				: `${impUid}:${status}`;
		const duplicate = keysSent.has(expectedKey);
		keysSent.add(expectedKey);
		check(
			`${as} ${status} (${impUid}): HTTP 200, one GET /payments/${impUid}, execution ${execution.status}`,
			() => {
				if (result.status !== 200) return answered(result);
				const looked = lookupsSince(mark).map((e) => `${e.method} ${e.rawUrl}`);
				if (looked.join() !== `GET /payments/${impUid}`) return `look-ups: ${looked.join(', ')}`;
				return execution.status === 'success' ? true : `execution ${execution.status}`;
			},
		);
		check(
			`${as} ${status}: the payment as i'mport reports it, verified, notification under its own key`,
			() => {
				if (!item) return 'no item from the trigger';
				const { verified, event_key: eventKey, notification, ...payment } = item;
				if (verified !== true) return `verified ${verified}`;
				const mismatch = same(payment, truth);
				if (mismatch !== true) return mismatch;
				if (eventKey !== expectedKey) return `event_key ${eventKey}, expected ${expectedKey}`;
				return notification?.imp_uid === impUid && notification.status === status
					? true
					: `notification ${JSON.stringify(notification)}`;
			},
		);
		const passed = itemsOf(execution, 'New events only').length;
		check(
			`${as} ${status}: Remove Duplicates ${duplicate ? 'drops the repeat (same event key as an earlier execution)' : 'lets the new event through'}`,
			() =>
				same(
					{
						removeDuplicates: passed,
						newEventRan: Boolean(execution.data.resultData.runData['New event']),
					},
					{ removeDuplicates: duplicate ? 0 : 1, newEventRan: !duplicate },
				),
		);
	}
}

/** What never starts anything: each answered as it should be, looked up as often, no secret in the answer. */
async function quietInN8n({ simulator, sender, urls, lookupsSince, answered }) {
	// What never starts anything: spoofs (dropped by default), unselected... and bad bodies.
	const quiet = [
		[
			'a spoofed status (imp_pay_card_0001 "cancelled")',
			() => sender.notify(urls.all, 'imp_pay_card_0001', { spoof: { status: 'cancelled' } }),
			200,
			1,
		],
		[
			'an unknown imp_uid',
			() =>
				sender.post(urls.all, {
					imp_uid: 'imp_999999999999',
					merchant_uid: 'order_x',
					status: 'paid',
				}),
			200,
			1,
		],
		[
			'a forged cancellation_id',
			() =>
				sender.notify(urls.all, 'imp_pay_partial_0001', {
					spoof: { cancellation_id: 'CXL_FORGED' },
				}),
			200,
			1,
		],
		['an empty body', () => sender.post(urls.all, '', { as: 'json' }), 400, 0],
		['an empty form', () => sender.post(urls.all, '', { as: 'form' }), 400, 0],
		[
			'no imp_uid',
			() => sender.post(urls.all, { merchant_uid: 'order_1', status: 'paid' }),
			400,
			0,
		],
		[
			'an imp_uid with path characters',
			() =>
				sender.post(
					urls.all,
					{ imp_uid: '../receipts/imp_pay_card_0001', status: 'paid' },
					{ as: 'form' },
				),
			400,
			0,
		],
		[
			'a text/plain body',
			() =>
				sender.post(urls.all, 'imp_uid=imp_pay_card_0001&status=paid', {
					contentType: 'text/plain',
				}),
			400,
			0,
		],
		[
			'JSON that does not parse (n8n itself answers before the node runs)',
			() => sender.post(urls.all, '{"imp_uid": ', { as: 'json' }),
			422,
			0,
		],
	];
	for (const [name, send, status, lookups] of quiet) {
		const mark = simulator.log.length;
		const result = await send();
		check(`${name}: HTTP ${status}, ${lookups} look-up(s), no secret in the answer`, () => {
			if (result.status !== status) return answered(result);
			if (lookupsSince(mark).length !== lookups) return `${lookupsSince(mark).length} look-ups`;
			return String(result.answer).includes(SECRET_MARKER) ? 'secret in the answer' : true;
		});
		if (status === 400) console.log(`      answer: ${result.answer}`);
	}
}

/** The test URL, as the editor's "Listen for test event" uses it. */
async function testUrlInN8n({ simulator, sender, urls, nextExecution, client }) {
	console.log('\nTest URL');
	const { data: listening } = await client.rest('POST', `/workflows/${ALL_STATUSES.id}/run`, {
		triggerToStartFrom: { name: 'Payment notification' },
	});
	const testUrl = urls.all.replace('/webhook/', '/webhook-test/');
	simulator.payments.add({
		imp_uid: 'imp_pay_testurl_0001',
		merchant_uid: 'order_pay_testurl_0001',
		status: 'paid',
	});
	const testResult = await sender.notify(testUrl, 'imp_pay_testurl_0001', { as: 'form' });
	const testExecution = await nextExecution(ALL_STATUSES.id);
	check(
		'the test URL (a manual run waiting for the trigger): HTTP 200, a manual execution with the verified payment',
		() =>
			same(
				{
					waiting: listening?.waitingForWebhook,
					http: testResult.status,
					mode: testExecution.mode,
					item: itemsOf(testExecution, 'Payment notification').map(
						(i) => `${i.imp_uid} ${i.status} ${i.verified}`,
					),
				},
				{ waiting: true, http: 200, mode: 'manual', item: ['imp_pay_testurl_0001 paid true'] },
			),
	);
}

/** Observation, not a check: Remove Duplicates under concurrent executions. */
async function concurrentDuplicatesInN8n({ simulator, sender, urls, nextExecution }) {
	// n8n's deduplication helper reads and rewrites its history without a lock; measured here, not asserted.
	console.log('\nObservation: Remove Duplicates with executions running at the same moment');
	simulator.payments.add({
		imp_uid: 'imp_pay_burst_0001',
		merchant_uid: 'order_pay_burst_0001',
		status: 'paid',
	});
	const passedIn = async (count) => {
		let passed = 0;
		for (let n = 0; n < count; n++)
			passed += itemsOf(await nextExecution(ALL_STATUSES.id), 'New events only').length;
		return passed;
	};
	await Promise.all([
		sender.notify(urls.all, 'imp_pay_burst_0001'),
		sender.notify(urls.all, 'imp_pay_burst_0001'),
	]);
	console.log(
		`      the same new event posted twice at once: ${await passedIn(2)} of 2 passed Remove Duplicates`,
	);
	const burst = [
		'imp_pay_receipt_0001',
		'imp_pay_card_0002',
		'imp_pay_vbank_0001',
		'imp_pay_old_0001',
		'imp_pay_pgfail_0001',
	];
	await Promise.all(burst.map((id) => sender.notify(urls.all, id)));
	const firstPass = await passedIn(burst.length);
	let repeatsPassed = 0;
	for (const id of burst) {
		await sender.notify(urls.all, id);
		repeatsPassed += await passedIn(1);
	}
	console.log(
		`      ${burst.length} different new events posted at once: ${firstPass} passed; the same ${burst.length} posted again one by one: ${repeatsPassed} passed (0 = no record lost)`,
	);
}

module.exports = { everyStatusInN8n, quietInN8n, testUrlInN8n, concurrentDuplicatesInN8n };
