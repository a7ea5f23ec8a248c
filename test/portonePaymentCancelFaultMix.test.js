'use strict';
/**
 * PortOne (V2) refund fault suite, a seeded mix of every fault type of
 * portonePaymentCancelFaults.test.js on 20% of the requests (each request draws from a hash of the
 * seed, the request and how often it was seen), two seeds; the same checks and re-runs.
 */
const { FAULTS } = require('./helpers/portoneRefundFaults');
const { faultRun, printFigures } = require('./helpers/portoneRefundFaultRun');

const TEST_LIMIT_MS = 5 * 60_000;

const figures = {};
afterAll(() => printFigures('PortOne refund fault suite, a seeded mix of every fault', figures));

test.each([3, 4])(
	'seed %i: every item once, nothing refunded twice; the same sheet again moves not one won more',
	async (seed) => {
		figures[`mix, seed ${seed}`] = await faultRun(Object.keys(FAULTS), seed);
	},
	TEST_LIMIT_MS,
);
