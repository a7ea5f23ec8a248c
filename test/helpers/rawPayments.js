'use strict';
/**
 * What the simulator's raw-HTTP /payments tests (test/simulatorPayments*.test.js) share: the clock's
 * start and calls on the current test's `world` (from rawSimulatorPerTest), read when a test makes
 * them: a GET, a refund as JSON, and the same refund form-encoded.
 */
const START = 1_790_000_000;

function paymentCalls(world) {
	const get = (path) => world.http.get(path);
	const cancel = (body) => world.http.post('/payments/cancel', body);
	const form = (fields) =>
		world.http.post('/payments/cancel', new URLSearchParams(fields).toString(), {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
	return { get, cancel, form };
}

module.exports = { START, paymentCalls };
