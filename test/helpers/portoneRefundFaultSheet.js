'use strict';
/**
 * The PortOne (V2) refund fault suites' sheet: ~400 payments seeded with `payments.addMany`, the
 * refund rows for them, the reference each row's refund carries, and what each payment must have
 * moved once every row is done (used through portoneRefundFaults.js).
 */
const crypto = require('node:crypto');

const PAYMENTS = 400;

const sha = (text) => crypto.createHash('sha256').update(text).digest();
const hex16 = (intent) => `auto-${sha(JSON.stringify(intent)).toString('hex').slice(0, 16)}`;
/** The reference a row's refund carries: its own, else the derived one (pinned as in portonePaymentCancelOutcomes.test.js). */
const referenceOf = (row) =>
	row.ref ??
	(row.mode === 'full'
		? hex16(['full-refund', row.paymentId])
		: hex16(['partial-refund', row.paymentId, row.amount]));
const referenceIn = (reason) => /\[ref:([^\]]+)\]/.exec(reason ?? '')?.[1];

/**
 * Payments of 10,000-16,000 won (every ninth 50,000), every fifth refunded 1,000 in part before,
 * every eleventh in full. The sheet: a full refund for even payments, a partial one for odd ones;
 * every thirteenth payment also a partial 700, every seventeenth its row twice (the same intent:
 * one refund); every third payment's rows carry their own reference, the others derive one.
 */
function seedSheet(simulator, prefix) {
	const ids = simulator.payments.addMany(PAYMENTS, {
		prefix,
		each: (n) => {
			const total = n % 9 === 0 ? 50000 : 10000 + (n % 7) * 1000;
			const before =
				n % 11 === 0 ? [{ totalAmount: total }] : n % 5 === 0 ? [{ totalAmount: 1000 }] : [];
			return { total, cancellations: before };
		},
	});
	const rows = [];
	ids.forEach((paymentId, n) => {
		const ref = (k) => (n % 3 === 0 ? { ref: `R-${n}-${k}` } : {});
		const first =
			n % 2 === 0
				? { paymentId, mode: 'full', ...ref(0) }
				: { paymentId, mode: 'partial', amount: 1000 + (n % 3) * 500, ...ref(0) };
		rows.push(first);
		if (n % 13 === 0) rows.push({ paymentId, mode: 'partial', amount: 700, ...ref(1) });
		if (n % 17 === 0) rows.push({ ...first });
	});
	return rows;
}

/** What is left of each payment of the sheet. */
const balances = (simulator, rows) =>
	new Map(
		rows.map(({ paymentId }) => {
			const { amount } = simulator.payments.get(paymentId);
			return [paymentId, amount.total - amount.cancelled];
		}),
	);

/**
 * What each payment must have moved once every row is done: all that was left when one of its
 * rows is Full, else each distinct partial refund once (the sheet never asks more than is left).
 */
function finalMoney(rows, leftBefore) {
	const want = new Map();
	const counted = new Set();
	for (const row of rows) {
		const left = leftBefore.get(row.paymentId);
		const sofar = want.get(row.paymentId) ?? 0;
		if (left === 0 || counted.has(referenceOf(row))) continue;
		counted.add(referenceOf(row));
		want.set(row.paymentId, row.mode === 'full' ? left : Math.min(left, sofar + row.amount));
	}
	return want;
}

module.exports = { PAYMENTS, referenceOf, referenceIn, seedSheet, balances, finalMoney };
