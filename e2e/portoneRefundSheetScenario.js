'use strict';
/**
 * examples/portone-refund-sheet.json in a real n8n, run twice: each row's outcome, the refund requests
 * PortOne got (amount only for Partial, what was left, the reference, a quoted Idempotency-Key), the
 * cash receipt branches, and that the second run moved no money.
 */
const {
	sameJson,
	output,
	outcomes,
	byPayment,
	refundRequests,
	receiptCancels,
	idOfPath,
	body,
	moneyMoved,
} = require('./portoneScenarioReaders');

const REFUND_SHEET_MONEY = [
	'pay-card-0002 5000 [ref:RF-2002] 배송 지연 보상',
	'pay-receipt-cancelled-0001 22000 [ref:RF-2004] 주문 취소',
	'pay-transfer-0001 33000 [ref:RF-2001] 주문 취소',
	'pay-vbank-paid-0001 10000 [ref:RF-2003] 부분 반품',
];

module.exports = {
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
				return sameJson(Object.fromEntries(sent.map((e) => [idOfPath(e), JSON.parse(e.rawBody)])), {
					'pay-transfer-0001': body('RF-2001', '주문 취소', 33000),
					'pay-card-0002': body('RF-2002', '배송 지연 보상', 50000, { amount: 5000 }),
					'pay-vbank-paid-0001': body('RF-2003', '부분 반품', 30000, {
						amount: 10000,
						refundAccount: { bank: 'SHINHAN', number: '110-123-456789', holderName: '홍길동' },
					}),
					'pay-receipt-cancelled-0001': body('RF-2004', '주문 취소', 22000),
					'pay-pg-error-0001': body('RF-2006', '주문 취소', 25000),
					'pay-async-0001': body('RF-2007', '주문 취소', 20000),
				});
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
							'pay-receipt-cancelled-0001': 'C-4004 | CANCELLED | the receipt is CANCELLED already',
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
};
