'use strict';
/**
 * What e2e/portone.js checks after running each V2 example in a real n8n: what came out of every
 * branch and what reached the V2 simulator. Each scenario runs `runs` times on one simulator, as a
 * user running it again; `verify(executions, simulator, step, { boundary })` sees all of them,
 * `boundary` being where the second execution's requests start in the simulator's log.
 */
const { sameJson } = require('./script');

/** Items of one output of a node over all its runs (a node fed by several branches runs once per branch). */
function output(execution, node, index = 0) {
	const runs = execution.data?.resultData?.runData?.[node] ?? [];
	return runs.flatMap((run) => run.data?.main?.[index] ?? []);
}

/** { paymentId: outcome } of a list of items. */
const outcomes = (items) =>
	Object.fromEntries(items.map((i) => [i.json.paymentId, i.json.outcome]));

const byPayment = (items, fields) =>
	Object.fromEntries(
		items.map((i) => [i.json.paymentId, fields.map((f) => i.json[f]).join(' | ')]),
	);

/** The refund requests (POST /payments/{id}/cancel) that reached the simulator, from log entry `from` on. */
const refundRequests = (simulator, from = 0, to = simulator.log.length) =>
	simulator.log
		.slice(from, to)
		.filter((e) => e.method === 'POST' && /^\/payments\/[^/]+\/cancel$/.test(e.rawPath));

const receiptCancels = (simulator, from = 0, to = simulator.log.length) =>
	simulator.log
		.slice(from, to)
		.filter((e) => e.method === 'POST' && /\/cash-receipt\/cancel$/.test(e.rawPath));

const idOfPath = (entry) => decodeURIComponent(entry.rawPath.split('/')[2]);

/** A refund request's body: the reference in the reason, what was left, and `extra` (amount, …). */
const body = (reference, reason, left, extra = {}) => ({
	reason: `[ref:${reference}] ${reason}`,
	currentCancellableAmount: left,
	...extra,
});

/** Money that moved: "paymentId amount reason" per applied cancellation. */
const moneyMoved = (simulator) =>
	simulator.payments.moneyMoved.map((m) => `${m.paymentId} ${m.amount} ${m.reason}`).sort();

const REFUND_SHEET_MONEY = [
	'pay-card-0002 5000 [ref:RF-2002] 배송 지연 보상',
	'pay-receipt-cancelled-0001 22000 [ref:RF-2004] 주문 취소',
	'pay-transfer-0001 33000 [ref:RF-2001] 주문 취소',
	'pay-vbank-paid-0001 10000 [ref:RF-2003] 부분 반품',
];

const NIGHTLY_MONEY = [
	'pay-card-0001 10000 [ref:CX-601] 고객 주문 취소',
	'pay-easypay-0001 12000 [ref:CX-602] 품절 취소',
];

const SCENARIOS = [
	{
		file: 'portone-refund-sheet.json',
		runs: 2,
		verify([first, second], simulator, step, { boundary }) {
			step('"Refund" Success: refunded x2, partially_refunded x2, refund_requested', () =>
				sameJson(outcomes(output(first, 'Refund', 0)), {
					'pay-transfer-0001': 'refunded',
					'pay-card-0002': 'partially_refunded',
					'pay-vbank-paid-0001': 'partially_refunded',
					'pay-receipt-cancelled-0001': 'refunded',
					'pay-async-0001': 'refund_requested',
				}),
			);
			step('"Refund" Failure: exceeds_balance (nothing sent), pg_rejected', () =>
				sameJson(outcomes(output(first, 'Refund', 1)), {
					'pay-partial-0001': 'exceeds_balance',
					'pay-pg-error-0001': 'pg_rejected',
				}),
			);
			step(
				'simulator: one refund request per row it could take, as PortOne documents it (amount only for Partial, currentCancellableAmount = what was left, the reference in the reason, the refund account, a quoted Idempotency-Key)',
				() => {
					const sent = refundRequests(simulator, 0, boundary);
					const badKeys = sent.filter(
						(e) => !/^"n8n-[0-9a-f]{40}"$/.test(e.headers['idempotency-key'] ?? ''),
					);
					if (badKeys.length) return `Idempotency-Key: ${badKeys.map(idOfPath).join(', ')}`;
					return sameJson(
						Object.fromEntries(sent.map((e) => [idOfPath(e), JSON.parse(e.rawBody)])),
						{
							'pay-transfer-0001': body('RF-2001', '주문 취소', 33000),
							'pay-card-0002': body('RF-2002', '배송 지연 보상', 50000, { amount: 5000 }),
							'pay-vbank-paid-0001': body('RF-2003', '부분 반품', 30000, {
								amount: 10000,
								refundAccount: { bank: 'SHINHAN', number: '110-123-456789', holderName: '홍길동' },
							}),
							'pay-receipt-cancelled-0001': body('RF-2004', '주문 취소', 22000),
							'pay-pg-error-0001': body('RF-2006', '주문 취소', 25000),
							'pay-async-0001': body('RF-2007', '주문 취소', 20000),
						},
					);
				},
			);
			step('simulator: money moved once per refunded row, exactly what it asked', () =>
				sameJson(moneyMoved(simulator), REFUND_SHEET_MONEY),
			);
			step(
				'"Receipt cancelled": the bank transfer refunded in full; its receipt cancelled once (one POST …/cash-receipt/cancel)',
				() =>
					sameJson(
						{
							out: byPayment(output(first, 'Receipt cancelled'), ['order', 'refunded', 'receipt']),
							posts: receiptCancels(simulator).map(idOfPath),
							cancelled: simulator.cashReceipts.cancellationsOf('pay-transfer-0001'),
							status: simulator.cashReceipts.get('pay-transfer-0001').status,
						},
						{
							out: { 'pay-transfer-0001': 'C-4001 | 33000 | cancelled' },
							posts: ['pay-transfer-0001'],
							cancelled: 1,
							status: 'CANCELLED',
						},
					),
			);
			step(
				'"Receipt left as is": the partial refund (receipt stays ISSUED) and the receipt already CANCELLED; "No cash receipt": the card',
				() =>
					sameJson(
						{
							left: byPayment(output(first, 'Receipt left as is'), [
								'order',
								'receipt_status',
								'why',
							]),
							none: byPayment(output(first, 'No cash receipt'), ['order', 'refunded', 'remaining']),
							vbankReceipt: simulator.cashReceipts.get('pay-vbank-paid-0001').status,
						},
						{
							left: {
								'pay-vbank-paid-0001':
									'C-4003 | ISSUED | partial refund: 20000 won left, the receipt stays issued',
								'pay-receipt-cancelled-0001':
									'C-4004 | CANCELLED | the receipt is CANCELLED already',
							},
							none: { 'pay-card-0002': 'C-4002 | 5000 | 45000' },
							vbankReceipt: 'ISSUED',
						},
					),
			);
			step(
				'"Notify ops": exceeds_balance with what is left, the PG\'s code and message, refund_requested (from "Refund under way?")',
				() => {
					const pg = simulator.log.find(
						(e) => e.status === 502 && idOfPath(e) === 'pay-pg-error-0001',
					)?.answer;
					if (!pg?.pgCode || !pg?.pgMessage) return 'the PG refusal (HTTP 502) is not in the log';
					return sameJson(byPayment(output(first, 'Notify ops'), ['step', 'text']), {
						'pay-partial-0001':
							'Refund | Refund RF-2005 for order C-4005 (pay-partial-0001) needs a look after "Refund": exceeds_balance, 20000 won asked, 7000 won left',
						'pay-pg-error-0001': `Refund | Refund RF-2006 for order C-4006 (pay-pg-error-0001) needs a look after "Refund": pg_rejected, 25000 won asked, 25000 won left - PG ${pg?.pgCode}: ${pg?.pgMessage}`,
						'pay-async-0001':
							'Refund under way? | Refund RF-2007 for order C-4007 (pay-async-0001) needs a look after "Refund under way?": refund_requested, 20000 won asked, 0 won left',
					});
				},
			);
			step(
				'second run: already_refunded for every row done (found by its reference), refund_requested, the same two failures',
				() =>
					sameJson(
						{
							success: outcomes(output(second, 'Refund', 0)),
							failure: outcomes(output(second, 'Refund', 1)),
						},
						{
							success: {
								'pay-transfer-0001': 'already_refunded',
								'pay-card-0002': 'already_refunded',
								'pay-vbank-paid-0001': 'already_refunded',
								'pay-receipt-cancelled-0001': 'already_refunded',
								'pay-async-0001': 'refund_requested',
							},
							failure: {
								'pay-partial-0001': 'exceeds_balance',
								'pay-pg-error-0001': 'pg_rejected',
							},
						},
					),
			);
			step(
				'second run moved nothing: the same money as after the first, the only refund request the PG refusal again, no receipt cancel',
				() =>
					sameJson(
						{
							money: moneyMoved(simulator),
							refunds: refundRequests(simulator, boundary).map(idOfPath),
							receiptCancels: receiptCancels(simulator, boundary).length,
							receiptsCancelled: simulator.cashReceipts.cancellationsOf('pay-transfer-0001'),
							left: output(second, 'Receipt left as is')
								.map((i) => i.json.paymentId)
								.sort(),
						},
						{
							money: REFUND_SHEET_MONEY,
							refunds: ['pay-pg-error-0001'],
							receiptCancels: 0,
							receiptsCancelled: 1,
							left: ['pay-receipt-cancelled-0001', 'pay-transfer-0001', 'pay-vbank-paid-0001'],
						},
					),
			);
		},
	},
	{
		file: 'portone-nightly-refunds.json',
		runs: 2,
		verify([first, second], simulator, step, { boundary }) {
			step(
				'"Every night at 03:00" (Schedule Trigger) did not run; "Run now" started the run',
				() => {
					const ran = Object.keys(first.data.resultData.runData);
					return ran.includes('Run now') && !ran.includes('Every night at 03:00')
						? true
						: `ran: ${ran.join(', ')}`;
				},
			);
			step(
				'simulator: one GET /payments, filter status PAID, STATUS_CHANGED_AT, live only, from 5 days ago',
				() => {
					const lists = simulator.log
						.slice(0, boundary)
						.filter((e) => e.method === 'GET' && e.rawPath === '/payments');
					if (lists.length !== 1) return `expected 1 listing, got ${lists.length}`;
					const { filter, page } = JSON.parse(lists[0].query.get('requestBody'));
					const days = (Date.parse(filter.until) - Date.parse(filter.from)) / 86_400_000;
					const { from, until, ...rest } = filter;
					const same = sameJson(
						{ rest, page },
						{
							rest: {
								timestampType: 'STATUS_CHANGED_AT',
								sortBy: 'STATUS_CHANGED_AT',
								sortOrder: 'DESC',
								status: ['PAID'],
								isTest: false,
							},
							page: { number: 0, size: 100 },
						},
					);
					// $now.minus({ days: 5 }) counts calendar days: 5 days ± 1 hour across a DST change.
					return same === true && Math.abs(days - 5) <= 1 / 24 + 0.01
						? true
						: `${same} (${days} days)`;
				},
			);
			step(
				'"Those to refund": the 5 listed payments on the list; the one paid 120 days ago not among them',
				() =>
					sameJson(
						output(first, 'Those to refund')
							.map((i) => `${i.json.paymentId} ${i.json.request} ${i.json.paid}`)
							.sort(),
						[
							'pay-async-0001 CX-605 20000',
							'pay-card-0001 CX-601 10000',
							'pay-easypay-0001 CX-602 12000',
							'pay-fail-after-0001 CX-604 20000',
							'pay-pg-error-0001 CX-603 25000',
						],
					),
			);
			step(
				'"Refund in full": Success refunded x2, refund_requested; Failure pg_rejected, refund_failed',
				() =>
					sameJson(
						{
							success: outcomes(output(first, 'Refund in full', 0)),
							failure: outcomes(output(first, 'Refund in full', 1)),
						},
						{
							success: {
								'pay-card-0001': 'refunded',
								'pay-easypay-0001': 'refunded',
								'pay-async-0001': 'refund_requested',
							},
							failure: {
								'pay-pg-error-0001': 'pg_rejected',
								'pay-fail-after-0001': 'refund_failed',
							},
						},
					),
			);
			step(
				'simulator: Full sends no amount, currentCancellableAmount = the whole payment; money moved twice',
				() =>
					sameJson(
						{
							bodies: Object.fromEntries(
								refundRequests(simulator, 0, boundary).map((e) => [
									idOfPath(e),
									JSON.parse(e.rawBody),
								]),
							),
							money: moneyMoved(simulator),
						},
						{
							bodies: {
								'pay-card-0001': body('CX-601', '고객 주문 취소', 10000),
								'pay-easypay-0001': body('CX-602', '품절 취소', 12000),
								'pay-pg-error-0001': body('CX-603', '고객 주문 취소', 25000),
								'pay-fail-after-0001': body('CX-604', '고객 주문 취소', 20000),
								'pay-async-0001': body('CX-605', '고객 주문 취소', 20000),
							},
							money: NIGHTLY_MONEY,
						},
					),
			);
			step(
				'"Refunded" and "Notify ops" (PG refusals, failures, the refund under way) got the right payments; "Listing failed" nothing',
				() =>
					sameJson(
						{
							listingFailed: output(first, 'Listing failed').length,
							refunded: byPayment(output(first, 'Refunded'), ['request', 'refunded']),
							notify: byPayment(output(first, 'Notify ops'), ['outcome']),
							pgText:
								/^Nightly refund CX-603 \(pay-pg-error-0001, 25000 won\) needs a look: pg_rejected - PG \S+: .+/.test(
									output(first, 'Notify ops').find((i) => i.json.paymentId === 'pay-pg-error-0001')
										?.json.text ?? '',
								),
						},
						{
							listingFailed: 0,
							refunded: { 'pay-card-0001': 'CX-601 | 10000', 'pay-easypay-0001': 'CX-602 | 12000' },
							notify: {
								'pay-pg-error-0001': 'pg_rejected',
								'pay-fail-after-0001': 'refund_failed',
								'pay-async-0001': 'refund_requested',
							},
							pgText: true,
						},
					),
			);
			step(
				'second run: the refunded payments are no longer PAID (not listed); the others again, and no won moved',
				() =>
					sameJson(
						{
							listed: output(second, 'Those to refund')
								.map((i) => i.json.paymentId)
								.sort(),
							outcomes: outcomes([
								...output(second, 'Refund in full', 0),
								...output(second, 'Refund in full', 1),
							]),
							money: moneyMoved(simulator),
						},
						{
							listed: ['pay-async-0001', 'pay-fail-after-0001', 'pay-pg-error-0001'],
							outcomes: {
								'pay-async-0001': 'refund_requested',
								'pay-fail-after-0001': 'refund_failed',
								'pay-pg-error-0001': 'pg_rejected',
							},
							money: NIGHTLY_MONEY,
						},
					),
			);
		},
	},
];

module.exports = { SCENARIOS, output };
