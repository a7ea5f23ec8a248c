'use strict';
/**
 * Part of e2e/run.js: look-up-payments.json, the payment look-ups: Get Many by imp_uid (one
 * multi-id request), by status in a 5-day window, and every attempt under a merchant_uid. A
 * scenario: its examples/ file, the token requests it should cause, and verify(execution,
 * simulator, step), its checks of every branch and of what reached the simulator.
 */
const { sameJson } = require('./script');
const { outcomes, output } = require('./runOutputs');

const LOOKUP_SCENARIOS = [
	{
		file: 'look-up-payments.json',
		tokens: {
			what: 'the token n8n saved in the previous run is refused once (401), renewed once, then used by all three nodes',
			expected: { tokenRequests: 1, refused: 1 },
		},
		verify(execution, simulator, step) {
			const DAY_S = 24 * 60 * 60;
			step(
				'"Look up payments" (Get Many by imp_uid) Success: found x3; Failure: not_found x2 (hidden sandbox, unknown)',
				() =>
					sameJson(
						{
							success: outcomes(output(execution, 'Look up payments', 0)),
							failure: outcomes(output(execution, 'Look up payments', 1)),
						},
						{
							success: {
								imp_pay_card_0001: 'found',
								imp_pay_partial_0001: 'found',
								imp_pay_card_0002: 'found',
							},
							failure: { imp_pay_sandbox_0001: 'not_found', imp_pay_unknown_0001: 'not_found' },
						},
					),
			);
			step(
				'simulator: the 5 ids in one GET /payments?imp_uid[]=… (HTTP 207), in input order',
				() => {
					// (the one refused with 401 for the stale token, sent again after the renewal, is not counted)
					const lookups = simulator
						.requests('GET')
						.filter((e) => e.rawPath === '/payments' && e.status !== 401);
					if (lookups.length !== 1) return `expected 1 multi-id look-up, got ${lookups.length}`;
					const asked = new URLSearchParams(lookups[0].rawUrl.split('?')[1]).getAll('imp_uid[]');
					return sameJson(
						{ asked, status: lookups[0].status },
						{
							asked: [
								'imp_pay_card_0001',
								'imp_pay_partial_0001',
								'imp_pay_sandbox_0001',
								'imp_pay_unknown_0001',
								'imp_pay_card_0002',
							],
							status: 207,
						},
					);
				},
			);
			step(
				'"Left to refund" and "Not found" got the right orders (paired items) and what is left (amount - cancel_amount)',
				() =>
					sameJson(
						{
							left: output(execution, 'Left to refund').map(
								(i) =>
									`${i.json.order} ${i.json.imp_uid} ${i.json.status} ${i.json.left_to_refund}`,
							),
							notFound: output(execution, 'Not found').map(
								(i) => `${i.json.order} ${i.json.imp_uid} ${i.json.outcome}`,
							),
						},
						{
							left: [
								'P-3001 imp_pay_card_0001 paid 10000',
								'P-3002 imp_pay_partial_0001 cancelled 9000',
								'P-3005 imp_pay_card_0002 paid 50000',
							],
							notFound: [
								'P-3003 imp_pay_sandbox_0001 not_found',
								'P-3004 imp_pay_unknown_0001 not_found',
							],
						},
					),
			);
			step(
				'"Paid in the last 5 days" (Get Many by status, window from $now - 5 days): the paid payments, newest paid first',
				() =>
					sameJson(
						output(execution, 'To review').map((i) => i.json.imp_uid),
						[
							'imp_pay_card_0001',
							'imp_pay_card_0002',
							'imp_pay_receipt_0001',
							'imp_pay_pgfail_0001',
						],
					),
			);
			step('simulator: one GET /payments/status/paid with a 5-day window, sorted -paid', () => {
				const listings = simulator
					.requests('GET', '/payments/status/')
					.filter((e) => e.status !== 401);
				if (listings.length !== 1)
					return `expected 1 listing request, got ${listings.map((e) => e.rawUrl).join(', ')}`;
				const { query } = listings[0];
				const days = (Number(query.to) - Number(query.from)) / DAY_S;
				// $now.minus({ days: 5 }) counts calendar days: across a daylight-saving change that is 5 days ± 1 hour.
				return listings[0].rawPath === '/payments/status/paid' &&
					query.sorting === '-paid' &&
					Math.abs(days - 5) <= 1 / 24 + 0.01
					? true
					: `got ${listings[0].rawUrl} (${days} days)`;
			});
			step(
				'"Attempts of order_retry_0001" (Get, all attempts under a merchant_uid): 2 attempts, newest first',
				() =>
					sameJson(
						output(execution, 'Attempts').map((i) => i.json),
						[
							{
								merchant_uid: 'order_retry_0001',
								attempts: 2,
								statuses: 'imp_pay_retry_0001:paid, imp_pay_failed_0001:failed',
							},
						],
					),
			);
			step('simulator: nothing but look-ups (GET) reached /payments', () => {
				const others = simulator.log.filter(
					(e) => e.rawPath.startsWith('/payments') && e.method !== 'GET',
				);
				return others.length === 0
					? true
					: others.map((e) => `${e.method} ${e.rawPath}`).join(', ');
			});
		},
	},
];

module.exports = { LOOKUP_SCENARIOS };
