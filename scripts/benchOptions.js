'use strict';
/**
 * The command-line options of the in-process benchmark (scripts/bench.js; its top comment shows
 * them in use).
 */
function arg(name, fallback) {
	const at = process.argv.indexOf(`--${name}`);
	return at === -1 ? fallback : process.argv[at + 1];
}
const LATENCY_MS = Number(arg('latency', '20'));
const SIZES = arg('sizes', '100,1000,10000').split(',').map(Number);
const CONCURRENCY = arg('concurrency', '1,5,10,20').split(',').map(Number);
const WRITE_TO = arg('write', undefined);
/**
 * Which cases to run: `--cases payments` runs only the Payment Get Many case, `--cases refund,refundV2`
 * only the refund cases (V1 and V2, a minute, not many).
 */
const CASES = arg('cases', 'receipts,payments,refund,refundV2').split(',');
const PAYMENT_IDS = Number(arg('payment-ids', '10000'));
/** The refund cases (Payment Cancel): N payments at concurrency C, R interleaved rounds. */
const REFUND_N = Number(arg('refund', '1000'));
const REFUND_C = Number(arg('refund-concurrency', '10'));
const REFUND_ROUNDS = Number(arg('refund-rounds', '3'));
const WARM_UP_N = Math.min(REFUND_N, 200);
/** case name -> the API of benchRefund.js it runs */
const REFUND_CASES = { refund: 'v1', refundV2: 'v2' };

module.exports = {
	LATENCY_MS,
	SIZES,
	CONCURRENCY,
	WRITE_TO,
	CASES,
	PAYMENT_IDS,
	REFUND_N,
	REFUND_C,
	REFUND_ROUNDS,
	WARM_UP_N,
	REFUND_CASES,
};
