'use strict';
/**
 * The demo: starts the bundled i'mport simulator on 127.0.0.1, then runs real n8n workflows in
 * n8n-core's engine: Start -> I'mport "Payment: Cancel (refund)" on a small refund sheet (twice:
 * the re-run refunds nothing), then Start -> I'mport "Cash Receipt: Cancel" (dry run, then for
 * real), and prints what came out of each branch.
 */
const { createSimulator } = require('../test/simulator/server');
const { createEngine } = require('../test/helpers/engine');
const { paymentCancel } = require('../test/helpers/parameters');

// Seeded simulator payments (test/simulator/payments.js); `ref` is the refund request's id.
const paymentSheet = [
	{ request: 'R-01', ref: 'R-01', imp_uid: 'imp_pay_card_0001', mode: 'partial', amount: 3000 }, // 10,000 paid: partially_refunded
	{ request: 'R-02', ref: 'R-02', imp_uid: 'imp_pay_card_0002', mode: 'full' }, // 50,000 paid: refunded
	{ request: 'R-03', ref: 'R-03', imp_uid: 'imp_pay_partial_0001', mode: 'partial', amount: 20000 }, // 9,000 left: exceeds_balance
	{ request: 'R-04', ref: 'R-04', imp_uid: 'imp_pay_cancelled_0001', mode: 'full' }, // refunded before: already_refunded
	{ request: 'R-05', ref: 'R-05', imp_uid: 'imp_pay_pgfail_0001', mode: 'full' }, // the PG refuses: pg_rejected
	{ request: 'R-06', ref: 'R-06', imp_uid: 'imp_pay_vbank_0001', mode: 'full' }, // virtual account, no refund account given
	{ request: 'R-07', ref: 'R-07', imp_uid: 'imp_pay_unknown_0001', mode: 'full' }, // unknown payment: not_found
];

function printRefunds(title, items) {
	console.log(`\n${title} (${items.length})`);
	for (const { json, pairedItem } of items) {
		const input = paymentSheet[pairedItem.item];
		const amounts =
			json.remaining_amount === null || json.remaining_amount === undefined
				? ''
				: `refunded ${json.refunded_amount ?? 0}, left ${json.remaining_amount}`;
		console.log(
			`  ${input.request}  ${input.imp_uid.padEnd(24)} ${String(json.outcome).padEnd(24)} ${amounts}  ${json.message ?? ''}`,
		);
	}
}

const refundSheet = [
	{ order: 'A-1001', imp_uid: 'imp_100000000001' }, // receipt issued: cancelled
	{ order: 'A-1002', imp_uid: 'imp_100000000003' }, // cancelled before: already_cancelled
	{ order: 'A-1003', imp_uid: 'imp_200000000001' }, // paid, no receipt issued: not_issued
	{ order: 'A-1004', imp_uid: 'imp_500000000001' }, // the PG refuses: pg_rejected
	{ order: 'A-1005', imp_uid: 'imp_501000000001' }, // PG without cash-receipt support: pg_not_supported
	{ order: 'A-1006', imp_uid: 'imp_999999999999' }, // unknown payment: not_found
];

function printBranch(title, items) {
	console.log(`\n${title} (${items.length})`);
	for (const { json, pairedItem } of items) {
		const input = refundSheet[pairedItem.item];
		const detail =
			json.message ??
			(json.response?.cancelled_at ? `cancelled_at ${json.response.cancelled_at}` : '');
		console.log(
			`  ${input.order}  ${json.imp_uid.padEnd(18)} ${json.outcome.padEnd(18)} HTTP ${json.http_status}  ${detail}`,
		);
	}
}

async function main() {
	const simulator = createSimulator();
	const baseUrl = await simulator.start();
	const [account] = simulator.accounts;
	const engine = createEngine({ impKey: account.impKey, impSecret: account.impSecret, baseUrl });
	console.log(`i'mport simulator on ${baseUrl}`);

	console.log(
		`\n== Refund (Payment: Cancel) on ${paymentSheet.length} refund requests, each with its id as Refund Reference`,
	);
	const refunds = await engine.run(paymentSheet, paymentCancel());
	printRefunds('Success', refunds.success);
	printRefunds('Failure', refunds.failure);
	const again = await engine.run(paymentSheet, paymentCancel());
	console.log(
		'\n== The same sheet again (a re-run): the references show what was refunded, nothing is refunded twice',
	);
	printRefunds('Success', again.success);
	printRefunds('Failure', again.failure);
	const refundCalls = simulator
		.requests('POST')
		.filter((e) => e.rawPath === '/payments/cancel').length;
	console.log(`\nRefund requests sent over both runs: ${refundCalls}`);

	console.log(
		`\n== Cash receipts: Start -> I'mport (Cash Receipt: Cancel) on ${refundSheet.length} items`,
	);

	const dryRun = await engine.run(refundSheet, {
		resource: 'cashReceipt',
		operation: 'cancel',
		impUid: '={{ $json.imp_uid }}',
		dryRun: true,
	});
	console.log('\n== Dry run (looks up, cancels nothing)');
	printBranch('Success', dryRun.success);
	printBranch('Failure', dryRun.failure);

	const run = await engine.run(refundSheet, {
		resource: 'cashReceipt',
		operation: 'cancel',
		impUid: '={{ $json.imp_uid }}',
	});
	console.log('\n== Cancel');
	printBranch('Success', run.success);
	printBranch('Failure', run.failure);

	const calls = simulator.log.map((e) => `${e.method} ${e.rawPath}`);
	console.log(
		`\nRequests made: ${calls.length} (token requests: ${simulator.tokenRequests().length}, DELETEs: ${simulator.requests('DELETE').length})`,
	);
	await simulator.stop();
	const counted = (r, n) => !r.error && r.success.length + r.failure.length === n;
	if (
		!counted(run, refundSheet.length) ||
		!counted(refunds, paymentSheet.length) ||
		!counted(again, paymentSheet.length)
	) {
		console.error('demo failed:', (run.error ?? refunds.error ?? again.error)?.message);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
