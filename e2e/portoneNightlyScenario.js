'use strict';
/**
 * examples/portone-nightly-refunds.json in a real n8n, run twice: the listing filter sent to PortOne,
 * the full refunds and their outcomes, the branches, and that the second run moved no money.
 */
const {
	sameJson,
	output,
	outcomes,
	byPayment,
	refundRequests,
	idOfPath,
	body,
	moneyMoved,
} = require('./portoneScenarioReaders');

const NIGHTLY_MONEY = [
	'pay-card-0001 10000 [ref:CX-601] 고객 주문 취소',
	'pay-easypay-0001 12000 [ref:CX-602] 품절 취소',
];

module.exports = {
	file: 'portone-nightly-refunds.json',
	runs: 2,
	verify([first, second], simulator, step, { boundary }) {
		step('"Every night at 03:00" (Schedule Trigger) did not run; "Run now" started the run', () => {
			const ran = Object.keys(first.data.resultData.runData);
			return ran.includes('Run now') && !ran.includes('Every night at 03:00')
				? true
				: `ran: ${ran.join(', ')}`;
		});
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
};
