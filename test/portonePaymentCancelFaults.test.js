'use strict';
/**
 * PortOne (V2) refund fault suite, one fault type at a time: 400 payments (mixed totals, some
 * refunded in part or in full before), a sheet of full and partial refunds (some payments asked
 * for twice, with their own references and with derived ones), run through n8n's engine while
 * the V2 simulator, on 20% of the requests, drops the connection (before PortOne, or after it
 * applied the refund), never answers (before PortOne, or after applying), answers 502/504 (before
 * or after applying), is still processing a request when its retry with the same Idempotency-Key
 * arrives (409 IDEMPOTENCY_OUTSTANDING_REQUEST), or never finishes one (`stuck`).
 * Invariants per run (helpers/portoneRefundFaults.js checkRun): every item comes out exactly once;
 * no payment moves more than its rows asked, no refund is applied twice; every refund applied is
 * reported (refunded, partially or already refunded, or an error that says it may have gone
 * through); no secret in outputs or logs. Then the same sheet again: inside the 3-hour window,
 * 4 hours later (only the references guard), and the next day without faults (every row done,
 * every payment with exactly what its rows asked); not one won moves again.
 */
const { FAULTS } = require('./helpers/portoneRefundFaults');
const { faultRun, printFigures } = require('./helpers/portoneRefundFaultRun');

/** A limit that only stops a hung run: each test takes seconds, more on a busy machine. */
const TEST_LIMIT_MS = 5 * 60_000;

const figures = {};
afterAll(() => printFigures('PortOne refund fault suite, one fault type at a time', figures));

describe.each(Object.keys(FAULTS))('fault %s on 20%% of requests', (type) => {
	test(
		'every item once, nothing refunded twice or beyond what was asked; the same sheet again moves not one won more',
		async () => {
			figures[type] = await faultRun([type], 7);
		},
		TEST_LIMIT_MS,
	);
});
