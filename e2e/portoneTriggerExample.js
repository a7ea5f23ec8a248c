'use strict';
/**
 * Part of e2e/portoneTrigger.js: examples/portone-cancel-receipt-on-cancel.json active in a real
 * n8n. Payments are cancelled at the V2 simulator over its API (as the console or a refund would)
 * and the simulator sends the webhook PortOne sends (Transaction.Cancelled / PartialCancelled,
 * signed) to the workflow's production URL. Each case checks the branch the execution took and
 * the cash-receipt calls that reached the simulator; PortOne's retry of a handled event, and two
 * copies of one event running at once, must not cancel a receipt twice.
 */
const { check, same, sameJson } = require('./script');
const { itemsOf, ran, sleep } = require('./workflowsOverRest');

const EXAMPLE_FILE = 'portone-cancel-receipt-on-cancel.json';
const JSON_V2 = { version: '2024-04-25', format: 'json' };
const FORM_V1 = { version: '2024-01-01', format: 'form' };
const NOT_CANCELLED = (id, order) =>
	`Payment ${id} (${order}) was cancelled in full, but its cash receipt was NOT cancelled`;

/** [name, paymentId, cancel body, webhook version, the webhook type, what the execution did] */
const CASES = [
	[
		'cancelled in full (2024-04-25 JSON): a new event, fully cancelled -> receipt cancelled (Success)',
		'pay-transfer-0001',
		{ reason: '고객 변심' },
		JSON_V2,
		'Transaction.Cancelled',
		{ cancelled: ['pay-transfer-0001 주문상품 cancelled'], receipt: ['GET 200', 'POST 200'] },
	],
	[
		'a partial refund (2024-01-01 form): "Notify ops (partial refund)" with what is left; the receipt left alone',
		'pay-e2e-partial-0001',
		{ reason: '부분 반품', amount: 10000 },
		FORM_V1,
		'Transaction.PartialCancelled',
		{
			partial: [
				'Payment pay-e2e-partial-0001 (겨울 코트) is PARTIAL_CANCELLED: 10000 of 40000 won cancelled. Its cash receipt was left as it is: cancel it and issue one again for the 30000 won that remain, if the PG needs that.',
			],
		},
	],
	[
		'the rest of it cancelled (2024-01-01 form): fully cancelled -> receipt cancelled',
		'pay-e2e-partial-0001',
		{ reason: '나머지 반품' },
		FORM_V1,
		'Transaction.Cancelled',
		{ cancelled: ['pay-e2e-partial-0001 겨울 코트 cancelled'], receipt: ['GET 200', 'POST 200'] },
	],
	[
		'a card payment (2024-01-01 JSON): PortOne has no cash receipt for it (404) -> "Notify ops": not_found',
		'pay-card-0002',
		{ reason: '품절' },
		{ version: '2024-01-01', format: 'json' },
		'Transaction.Cancelled',
		{
			notifyOps: [`${NOT_CANCELLED('pay-card-0002', '주문상품')}: not_found`],
			receipt: ['GET 404', 'POST 404'],
		},
	],
	[
		'a receipt cancelled already (in the console): Skip Already Cancelled -> already_cancelled (Success), no cancel sent',
		'pay-receipt-cancelled-0001',
		{ reason: '주문 취소' },
		JSON_V2,
		'Transaction.Cancelled',
		{ cancelled: ['pay-receipt-cancelled-0001 주문상품 already_cancelled'], receipt: ['GET 200'] },
	],
];

async function exampleInN8n({ sim, simUrl, apiSecret, waiter, d, url, workflowId, current }) {
	console.log(
		`\nWhen a V2 payment is cancelled, cancel its cash receipt (examples/${EXAMPLE_FILE})`,
	);
	sim.payments.add({
		id: 'pay-e2e-partial-0001',
		total: 40000,
		method: 'transfer',
		orderName: '겨울 코트',
	});
	sim.payments.add({ id: 'pay-e2e-race-0001', total: 15000, method: 'transfer' });
	for (const id of ['pay-e2e-partial-0001', 'pay-e2e-race-0001'])
		sim.cashReceipts.addForPayment(id);
	/** The cash-receipt calls for a payment that reached the simulator from log entry `mark` on. */
	const receiptCalls = (id, mark) =>
		sim.log
			.slice(mark)
			.filter((e) => e.rawPath.startsWith(`/payments/${id}/cash-receipt`))
			.map((e) => `${e.method} ${e.status}`);
	/** POST /payments/{id}/cancel at the simulator, whose webhook goes to the example. */
	const cancelAtPortOne = (paymentId, body) =>
		fetch(`${simUrl}/payments/${encodeURIComponent(paymentId)}/cancel`, {
			method: 'POST',
			headers: { authorization: `PortOne ${apiSecret}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(10_000),
		}).then(async (r) => `${r.status} ${(await r.json()).cancellation?.status}`);
	/** Which end of the example an execution reached, with what. */
	const ends = (execution) => ({
		run: execution.status,
		passed: itemsOf(execution, 'New events only').length,
		cancelled: itemsOf(execution, 'Receipt cancelled').map(
			(i) => `${i.paymentId} ${i.order} ${i.outcome}`,
		),
		notifyOps: itemsOf(execution, 'Notify ops').map((i) => i.text.split(' - ')[0]),
		partial: itemsOf(execution, 'Notify ops (partial refund)').map((i) => i.text),
		cancelRan: ran(execution, 'Cancel cash receipt'),
	});
	const nothing = { cancelled: [], notifyOps: [], partial: [], receipt: [] };

	let first;
	for (const [name, id, body, webhook, type, want] of CASES) {
		sim.webhooks.configure({ url, secrets: current(), ...webhook });
		const mark = sim.log.length;
		const sent = await d.tracked(`cancel ${id}`, true, async () => {
			d.syncClock();
			const cancel = await cancelAtPortOne(id, body);
			await sim.webhooks.idle();
			const delivery = sim.webhooks.deliveries.at(-1);
			const attempt = delivery.attempts.at(-1);
			return {
				cancel,
				type: delivery.event.type,
				status: attempt.status,
				answer: attempt.answer,
				delivery,
			};
		});
		first ??= sent;
		const { run, passed, cancelRan, ...got } = ends(await waiter.next(workflowId));
		const expected = { ...nothing, ...want };
		check(name, () =>
			same(
				{
					cancel: sent.cancel,
					webhook: `${sent.type} ${sent.status}`,
					run,
					passed,
					cancelRan,
					...got,
					receipt: receiptCalls(id, mark),
				},
				{
					cancel: '200 SUCCEEDED',
					webhook: `${type} 200`,
					run: 'success',
					passed: 1,
					cancelRan: type === 'Transaction.Cancelled',
					...expected,
				},
			),
		);
	}

	// PortOne sends the first one again (it never saw n8n's answer): same webhook-id, new timestamp.
	await sleep(1100);
	let mark = sim.log.length;
	const again = await d.resend(first.delivery);
	const againRun = ends(await waiter.next(workflowId));
	check(
		"PortOne's retry of the first webhook: 200, Remove Duplicates stops it, no receipt call at all",
		() =>
			sameJson(
				{ http: again.status, ...againRun, receipt: receiptCalls('pay-transfer-0001', mark) },
				{ http: 200, run: 'success', passed: 0, ...nothing, cancelRan: false },
			),
	);
	const paid = await d.deliver(url, d.eventOf('Transaction.Paid', 'pay-card-0001'));
	check('a Transaction.Paid (not selected by the example): 200, nothing looked up', () =>
		same([paid.status, paid.lookups], [200, []]),
	);

	// Two copies of one new event at the same moment (PortOne resending while the first still runs).
	const quietly = await cancelAtPortOne('pay-e2e-race-0001', {
		reason: '주문 취소',
		skipWebhook: true,
	});
	d.syncClock();
	const record = sim.payments.record('pay-e2e-race-0001');
	const race = sim.webhooks.emitTransaction(
		record,
		'Transaction.Cancelled',
		{},
		{ url, secrets: current(), ...JSON_V2, attemptNow: false },
	);
	mark = sim.log.length;
	const raced = await d.tracked('race', true, async () => ({
		answers: (await Promise.all([sim.webhooks.attempt(race), sim.webhooks.attempt(race)])).map(
			(a) => a.status,
		),
	}));
	const runs = [ends(await waiter.next(workflowId)), ends(await waiter.next(workflowId))];
	console.log(
		`      observed: the same new cancel webhook posted twice at once: ${runs.filter((r) => r.passed).length} of 2 passed Remove Duplicates; receipt outcomes ${JSON.stringify(runs.flatMap((r) => r.cancelled))}; receipt calls ${JSON.stringify(receiptCalls('pay-e2e-race-0001', mark))}`,
	);
	check(
		"two copies of one cancel webhook at once: both 200, the receipt cancelled exactly once at PortOne (Remove Duplicates, Skip Already Cancelled or the cancel's Idempotency-Key stops the second)",
		() =>
			same(
				{
					cancel: quietly,
					answers: raced.answers,
					applied: sim.cashReceipts.cancellationsOf('pay-e2e-race-0001'),
					ops: runs.flatMap((r) => r.notifyOps),
				},
				{ cancel: '200 SUCCEEDED', answers: [200, 200], applied: 1, ops: [] },
			),
	);
	check('every receipt the example cancelled was cancelled once at PortOne', () =>
		same(
			['pay-transfer-0001', 'pay-e2e-partial-0001', 'pay-receipt-cancelled-0001'].map((id) =>
				sim.cashReceipts.cancellationsOf(id),
			),
			[1, 1, 0],
		),
	);
}

module.exports = { exampleInN8n, EXAMPLE_FILE };
