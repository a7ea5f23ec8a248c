'use strict';
/**
 * Part of e2e/run.js: the cash-receipt examples, cancel-refunded-orders.json (receipts cancelled,
 * the failures to ops) and nightly-cancellation-run.json (a dry run, then the cancel). Each
 * scenario: its examples/ file, the token requests it should cause, and verify(execution,
 * simulator, step, second), its checks of every branch and of what reached the simulator.
 */
const { sameJson } = require('./script');
const { outcomes, output, countBy } = require('./runOutputs');

const RECEIPT_SCENARIOS = [
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
];

module.exports = { RECEIPT_SCENARIOS };
