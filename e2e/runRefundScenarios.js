'use strict';
/**
 * Part of e2e/run.js: the refund examples, partial-refund-fix-receipt.json (partial refunds and
 * the receipt issued again, run twice) and nightly-refund-run.json (full refunds of a status
 * listing, the receipts cancelled after). Each scenario: its examples/ file, the token requests it
 * should cause, and verify(execution, simulator, step, second), its checks of every branch and of
 * what reached the simulator.
 */
const { sameJson } = require('./script');
const { outcomes, output } = require('./runOutputs');

const REFUND_SCENARIOS = [
	{
		file: 'partial-refund-fix-receipt.json',
		// Run twice on the same simulator: the second run shows what a re-run does.
		again: true,
		tokens: {
			what: 'the token saved by the previous workflow is refused once (401), renewed once, then used by every node of both runs',
			expected: { tokenRequests: 1, refused: 1 },
		},
		verify(execution, simulator, step, second) {
			const refunds = simulator.payments.refunds.filter((r) => r.source === 'api');
			step('"Refund" Success: partially_refunded x2; Failure: exceeds_balance (nothing sent)', () =>
				sameJson(
					{
						success: outcomes(output(execution, 'Refund', 0)),
						failure: outcomes(output(execution, 'Refund', 1)),
					},
					{
						success: {
							imp_pay_receipt_0001: 'partially_refunded',
							imp_pay_card_0002: 'partially_refunded',
						},
						failure: { imp_pay_partial_0001: 'exceeds_balance' },
					},
				),
			);
			step(
				'simulator: one refund per request, with checksum = what was left and the reference in the reason',
				() =>
					sameJson(
						refunds.map((r) => ({
							imp_uid: r.imp_uid,
							amount: r.amount,
							checksum: r.checksum,
							reason: r.reason,
						})),
						[
							{
								imp_uid: 'imp_pay_receipt_0001',
								amount: 11000,
								checksum: 33000,
								reason: '[ref:RF-1001] 부분 반품',
							},
							{
								imp_uid: 'imp_pay_card_0002',
								amount: 5000,
								checksum: 50000,
								reason: '[ref:RF-1002] 배송 지연 보상',
							},
						],
					),
			);
			step('"Receipt re-issued": the receipt cancelled and issued again for the 22,000 left', () =>
				sameJson(
					output(execution, 'Receipt re-issued').map((i) => i.json),
					[
						{
							order: 'B-3001',
							imp_uid: 'imp_pay_receipt_0001',
							receipt_amount: 22000,
							refunded: 11000,
						},
					],
				),
			);
			step('simulator: the old receipt cancelled once, the new one (22,000) in place', () => {
				const receipt = simulator.store.payments.get('imp_pay_receipt_0001').receipt;
				const deletes = simulator.requests('DELETE').map((e) => e.rawPath);
				return sameJson(
					{ deletes, amount: receipt.amount, cancelled: receipt.cancelled_at > 0 },
					{ deletes: ['/receipts/imp_pay_receipt_0001'], amount: 22000, cancelled: false },
				);
			});
			step('"No cash receipt" got the card payment; "Refund not done" says what is left', () =>
				sameJson(
					{
						noReceipt: output(execution, 'No cash receipt').map(
							(i) => `${i.json.order} ${i.json.refunded} ${i.json.remaining}`,
						),
						notDone: output(execution, 'Refund not done').map((i) => i.json.text),
					},
					{
						noReceipt: ['B-3002 5000 45000'],
						notDone: [
							'Refund RF-1003 NOT done for order B-3003 (imp_pay_partial_0001): exceeds_balance, 9000 won left',
						],
					},
				),
			);
			step(
				'second run: every request already_refunded (by its reference) or exceeds_balance; not one won more refunded',
				() =>
					sameJson(
						{
							success: outcomes(output(second, 'Refund', 0)),
							failure: outcomes(output(second, 'Refund', 1)),
							refunds: simulator.payments.refunds.filter((r) => r.source === 'api').length,
						},
						{
							success: {
								imp_pay_receipt_0001: 'already_refunded',
								imp_pay_card_0002: 'already_refunded',
							},
							failure: { imp_pay_partial_0001: 'exceeds_balance' },
							refunds: 2,
						},
					),
			);
			step(
				'second run: the receipt is found right and left alone (no more DELETE or POST /receipts)',
				() =>
					sameJson(
						{
							right: output(second, 'Receipt already right').map(
								(i) => `${i.json.order} ${i.json.receipt_amount}`,
							),
							deletes: simulator.requests('DELETE').length,
							issues: simulator.requests('POST', '/receipts/').length,
						},
						{ right: ['B-3001 22000'], deletes: 1, issues: 1 },
					),
			);
		},
	},
	{
		file: 'nightly-refund-run.json',
		tokens: {
			what: 'the token saved by the previous workflow is refused once (401), renewed once, then used by every node',
			expected: { tokenRequests: 1, refused: 1 },
		},
		verify(execution, simulator, step) {
			step(
				'"Paid payments, last 5 days" (Get Many by status): the 4 paid payments of the window',
				() =>
					sameJson(
						output(execution, 'Paid payments, last 5 days')
							.map((i) => i.json.imp_uid)
							.sort(),
						[
							'imp_pay_card_0001',
							'imp_pay_card_0002',
							'imp_pay_pgfail_0001',
							'imp_pay_receipt_0001',
						],
					),
			);
			step(
				'"Refund" (Full, the request id as reference) Success: refunded x2; Failure: pg_rejected',
				() =>
					sameJson(
						{
							success: outcomes(output(execution, 'Refund', 0)),
							failure: outcomes(output(execution, 'Refund', 1)),
						},
						{
							success: { imp_pay_card_0001: 'refunded', imp_pay_receipt_0001: 'refunded' },
							failure: { imp_pay_pgfail_0001: 'pg_rejected' },
						},
					),
			);
			step(
				'simulator: two full refunds (no amount sent, checksum = the whole payment), the reference in the reason',
				() => {
					const bodies = simulator
						.requests('POST', '/payments/cancel')
						.map((e) => JSON.parse(e.rawBody))
						.sort((a, b) => (a.imp_uid < b.imp_uid ? -1 : 1));
					const refunds = simulator.payments.refunds
						.filter((r) => r.source === 'api')
						.map((r) => `${r.imp_uid} ${r.amount} ${r.reason}`)
						.sort();
					return sameJson(
						{ bodies, refunds },
						{
							bodies: [
								{
									imp_uid: 'imp_pay_card_0001',
									checksum: 10000,
									reason: '[ref:CX-501] 고객 주문 취소',
								},
								{
									imp_uid: 'imp_pay_pgfail_0001',
									checksum: 25000,
									reason: '[ref:CX-503] 고객 주문 취소',
								},
								{
									imp_uid: 'imp_pay_receipt_0001',
									checksum: 33000,
									reason: '[ref:CX-502] 품절 취소',
								},
							],
							refunds: [
								'imp_pay_card_0001 10000 [ref:CX-501] 고객 주문 취소',
								'imp_pay_receipt_0001 33000 [ref:CX-502] 품절 취소',
							],
						},
					);
				},
			);
			step(
				'receipt follow-up: the bank transfer\'s receipt cancelled, the card has none; the PG refusal to "Notify ops"',
				() =>
					sameJson(
						{
							cancelled: output(execution, 'Refunded, receipt cancelled').map(
								(i) => `${i.json.order} ${i.json.refunded} ${i.json.receipt}`,
							),
							noReceipt: output(execution, 'Refunded, no cash receipt').map(
								(i) => `${i.json.order} ${i.json.refunded}`,
							),
							notify: output(execution, 'Notify ops').map(
								(i) => `${i.json.order} ${i.json.outcome}`,
							),
							deletes: simulator.requests('DELETE').map((e) => e.rawPath),
						},
						{
							cancelled: ['order_pay_receipt_0001 33000 cancelled'],
							noReceipt: ['order_pay_card_0001 10000'],
							notify: ['order_pay_pgfail_0001 pg_rejected'],
							deletes: ['/receipts/imp_pay_receipt_0001'],
						},
					),
			);
		},
	},
];

module.exports = { REFUND_SCENARIOS };
