'use strict';
/**
 * Benchmark (not a test): the I'mport node cancelling N receipts inside n8n-core's engine against
 * the simulator (in a child process, so this process's CPU and memory are n8n's and the node's)
 * with injected latency L, for each N and concurrency C; then the same calls as a plain
 * sequential axios loop (getToken once, then one DELETE per receipt) as the baseline.
 *
 *   npm run bench                       # L=20 ms, N=100,1000,10000, C=1,5,10,20
 *   npm run bench -- --sizes 100,1000 --concurrency 1,10 --latency 20 --write docs/benchmarks.md
 *
 * --write FILE replaces, in FILE, the section <!-- bench:results --> … <!-- /bench:results --> with
 * this run's receipt and payment cases and <!-- bench:refunds --> … <!-- /bench:refunds --> with
 * its refund cases (each only when the run had such cases), each under the run's date, machine
 * and load.
 *
 * Then Payment → Get Many for 10,000 imp_uids, which must make 100 look-up requests (100 ids each);
 * `npm run bench -- --cases payments` runs that case alone (--payment-ids N to change the count).
 * Then Payment → Cancel (refund) of 1,000 payments at concurrency 10, 2 requests per item at best
 * (a look-up and a cancel), with the I'mport node on the i'mport simulator (case `refund`) and with
 * the PortOne node on the PortOne V2 simulator (case `refundV2`), each simulator in a child process
 * of its own; the two run interleaved, round after round, and are printed in one table:
 *   npm run bench -- --cases refund,refundV2 [--refund N] [--refund-concurrency C] [--refund-rounds R]
 *
 * This file runs the cases and writes; the options are in benchOptions.js, the receipt cases in
 * benchReceipts.js, the payments case in benchPayments.js, the refund rounds in
 * benchRefundRounds.js (their runs in benchRefund.js), the child-process simulator and the
 * measuring in benchMeasure.js, --write in benchDocs.js.
 */
const os = require('node:os');
const { startSimulator } = require('./benchMeasure');
const { receiptCases } = require('./benchReceipts');
const { paymentCase } = require('./benchPayments');
const { refundCases } = require('./benchRefundRounds');
const { shownCommand, writeSection } = require('./benchDocs');
const { LATENCY_MS, WRITE_TO, CASES, REFUND_CASES } = require('./benchOptions');

async function main() {
	const simulator = await startSimulator();
	await simulator.command({ cmd: 'latency', fixedMs: LATENCY_MS });
	const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node.js ${process.version}`;
	const header = [];
	const sections = { 'bench:results': [], 'bench:refunds': [] };
	const printTo = (lines) => (line) => {
		console.log(line);
		lines.push(line);
	};
	const print = printTo(sections['bench:results']);
	const load = os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ');
	printTo(header)(`Benchmark run ${new Date().toISOString()} on ${machine}, load average ${load}`);
	printTo(header)(`Injected latency L = ${LATENCY_MS} ms per request.`);
	if (CASES.includes('receipts'))
		print('Cancel with Skip Already Cancelled off (one DELETE per item):');
	print('');
	if (CASES.includes('receipts')) await receiptCases(simulator, print);
	if (CASES.includes('payments')) await paymentCase(simulator, print);
	const refundApis = Object.entries(REFUND_CASES)
		.filter(([name]) => CASES.includes(name))
		.map(([, api]) => api);
	if (refundApis.length)
		await refundCases(simulator, refundApis, printTo(sections['bench:refunds']));
	simulator.stop();
	if (WRITE_TO) {
		const command = shownCommand('bench');
		for (const [name, lines] of Object.entries(sections)) {
			if (lines.some((line) => line.trim() !== ''))
				writeSection(WRITE_TO, name, [...header, ...lines], command);
		}
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
