'use strict';
/**
 * Part of e2e/run.js: close-unpaid-virtual-account.json (unpaid virtual accounts closed) and
 * cancel-subscription.json (schedules withdrawn, billing keys deleted, the last payment refunded),
 * each run twice. Each scenario: its examples/ file, the token requests it should cause, and
 * verify(execution, simulator, step, second), its checks of every branch and of what reached the
 * simulator.
 */
const { sameJson } = require('./script');
const { outcomes, output, countBy } = require('./runOutputs');

const VBANK_SUBSCRIPTION_SCENARIOS = [
	{
		file: 'close-unpaid-virtual-account.json',
		// Run twice on the same simulator: the second run shows what a re-run does.
		again: true,
		tokens: {
			what: 'the token saved by the previous workflow is refused once (401), renewed once, then used by both runs',
			expected: { tokenRequests: 1, refused: 1 },
		},
		verify(execution, simulator, step, second) {
			const node = 'Close virtual account';
			step(`"${node}" Success: cancelled x2; Failure: already_paid, not_virtual_account`, () =>
				sameJson(
					{
						success: outcomes(output(execution, node, 0)),
						failure: outcomes(output(execution, node, 1)),
					},
					{
						success: { imp_pay_vbank_ready_0001: 'cancelled', imp_vbank_expired_0001: 'cancelled' },
						failure: {
							imp_pay_vbank_0001: 'already_paid',
							imp_pay_card_0001: 'not_virtual_account',
						},
					},
				),
			);
			step(
				'"Closed", "Refund instead", "Notify ops" got the right orders (paired items through the IF)',
				() =>
					sameJson(
						{
							closed: output(execution, 'Closed').map(
								(i) =>
									`${i.json.order} ${i.json.imp_uid} ${i.json.outcome} ${i.json.account !== ' '}`,
							),
							refund: output(execution, 'Refund instead').map(
								(i) => `${i.json.order} ${i.json.amount}`,
							),
							notify: output(execution, 'Notify ops').map(
								(i) => `${i.json.order} ${i.json.outcome}`,
							),
						},
						{
							closed: [
								'V-4001 imp_pay_vbank_ready_0001 cancelled true',
								'V-4002 imp_vbank_expired_0001 cancelled true',
							],
							refund: ['V-4003 30000'],
							notify: ['V-4004 not_virtual_account'],
						},
					),
			);
			step('"Refund instead" points to Payment → Cancel (refund)', () => {
				const [text] = output(execution, 'Refund instead').map((i) => i.json.text);
				return /Payment → Cancel \(refund\)/.test(text ?? '')
					? true
					: `got ${JSON.stringify(text)}`;
			});
			step(
				'simulator: one DELETE /vbanks per open account, each closed once; none for the others',
				() =>
					sameJson(
						{
							deletes: countBy(simulator.requests('DELETE').map((e) => e.rawPath)),
							revoked: countBy(simulator.changes.list('vbank.revoked').map((c) => c.id)),
						},
						{
							deletes: {
								'/vbanks/imp_pay_vbank_ready_0001': 1,
								'/vbanks/imp_vbank_expired_0001': 1,
							},
							revoked: { imp_pay_vbank_ready_0001: 1, imp_vbank_expired_0001: 1 },
						},
					),
			);
			step(
				'second run: already_cancelled x2 (nothing sent), the same two on Failure; no DELETE more',
				() =>
					sameJson(
						{
							success: outcomes(output(second, node, 0)),
							failure: outcomes(output(second, node, 1)),
							deletes: simulator.requests('DELETE').length,
							changes: simulator.changes.list().length,
						},
						{
							success: {
								imp_pay_vbank_ready_0001: 'already_cancelled',
								imp_vbank_expired_0001: 'already_cancelled',
							},
							failure: {
								imp_pay_vbank_0001: 'already_paid',
								imp_pay_card_0001: 'not_virtual_account',
							},
							deletes: 2,
							changes: 2,
						},
					),
			);
		},
	},
	{
		file: 'cancel-subscription.json',
		// Run twice on the same simulator: the second run shows what a re-run does.
		again: true,
		tokens: {
			what: 'the token saved by the previous workflow is refused once (401), renewed once, then used by every node of both runs',
			expected: { tokenRequests: 1, refused: 1 },
		},
		verify(execution, simulator, step, second) {
			const byCustomer = (items) =>
				Object.fromEntries(items.map((i) => [i.json.customer_uid, i.json.outcome]));
			step(
				'"Unschedule the rest": unscheduled x2 (2 for 19,800; 1 for 29,000), nothing_scheduled x2',
				() =>
					sameJson(
						output(execution, 'Unschedule the rest').map(
							(i) =>
								`${i.json.customer_uid} ${i.json.outcome} ${i.json.count} ${i.json.total_amount}`,
						),
						[
							'cust_card_0001 unscheduled 2 19800',
							'cust_card_0002 unscheduled 1 29000',
							'cust_nosched_0003 nothing_scheduled 0 0',
							'cust_gone_0004 nothing_scheduled 0 0',
						],
					),
			);
			step(
				'"Delete billing key": deleted x3, already_deleted (a key gone already is Success)',
				() =>
					sameJson(byCustomer(output(execution, 'Delete billing key')), {
						cust_card_0001: 'deleted',
						cust_card_0002: 'deleted',
						cust_nosched_0003: 'deleted',
						cust_gone_0004: 'already_deleted',
					}),
			);
			step(
				'"Refund last payment" Success: refunded x2, already_refunded; Failure: pg_rejected',
				() =>
					sameJson(
						{
							success: outcomes(output(execution, 'Refund last payment', 0)),
							failure: outcomes(output(execution, 'Refund last payment', 1)),
						},
						{
							success: {
								imp_pay_card_0001: 'refunded',
								imp_pay_card_0002: 'refunded',
								imp_pay_cancelled_0001: 'already_refunded',
							},
							failure: { imp_pay_pgfail_0001: 'pg_rejected' },
						},
					),
			);
			step(
				'"Subscription closed" and "Notify ops" name the subscribers (paired items through three nodes)',
				() =>
					sameJson(
						{
							closed: output(execution, 'Subscription closed').map(
								(i) =>
									`${i.json.subscriber} ${i.json.unscheduled} ${i.json.unscheduled_amount} ${i.json.billing_key} ${i.json.refund} ${i.json.refunded}`,
							),
							notify: output(execution, 'Notify ops').map((i) => i.json.text.split(': ')[0]),
						},
						{
							closed: [
								'S-5001 2 19800 deleted refunded 10000',
								'S-5002 1 29000 deleted refunded 50000',
								'S-5003 0 0 deleted already_refunded 0',
							],
							notify: ['Subscription S-5004 (cust_gone_0004) NOT fully closed'],
						},
					),
			);
			step(
				'simulator: each schedule withdrawn once, each key deleted once, two refunds with their references',
				() =>
					sameJson(
						{
							revoked: simulator.changes
								.list('schedule.revoked')
								.map((c) => c.id)
								.sort(),
							deleted: simulator.changes
								.list('billingKey.deleted')
								.map((c) => c.id)
								.sort(),
							refunds: simulator.payments.refunds
								.filter((r) => r.source === 'api')
								.map((r) => `${r.imp_uid} ${r.amount} ${r.reason}`)
								.sort(),
							scheduledLeft: simulator.subscribe
								.schedules()
								.filter((s) => s.schedule_status === 'scheduled')
								.map((s) => s.merchant_uid),
						},
						{
							revoked: ['sch_0001_m3', 'sch_0001_m4', 'sch_0002_m2'],
							deleted: ['cust_card_0001', 'cust_card_0002', 'cust_nosched_0003'],
							refunds: [
								'imp_pay_card_0001 10000 [ref:SUB-5001] 구독 해지',
								'imp_pay_card_0002 50000 [ref:SUB-5002] 구독 해지',
							],
							scheduledLeft: [],
						},
					),
			);
			step(
				'second run: nothing_scheduled x4, already_deleted x4, already_refunded x3 (+ pg_rejected); nothing changed',
				() =>
					sameJson(
						{
							unscheduled: [
								...new Set(output(second, 'Unschedule the rest').map((i) => i.json.outcome)),
							],
							keys: [...new Set(output(second, 'Delete billing key').map((i) => i.json.outcome))],
							refunds: outcomes(output(second, 'Refund last payment', 0)),
							changes: simulator.changes.list().length,
							applied: simulator.payments.refunds.filter((r) => r.source === 'api').length,
							deletes: simulator.requests('DELETE').length,
						},
						{
							unscheduled: ['nothing_scheduled'],
							keys: ['already_deleted'],
							refunds: {
								imp_pay_card_0001: 'already_refunded',
								imp_pay_card_0002: 'already_refunded',
								imp_pay_cancelled_0001: 'already_refunded',
							},
							changes: 6,
							applied: 2,
							deletes: 3,
						},
					),
			);
		},
	},
];

module.exports = { VBANK_SUBSCRIPTION_SCENARIOS };
