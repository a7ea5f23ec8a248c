'use strict';
/**
 * Part of the /payments family (test/simulator/payments.js): the payments every simulator starts
 * with, as the table in payments.js's top comment lists them, on the simulator's clock.
 */
const { FAILING_PG } = require('./store');

const DAY_S = 24 * 60 * 60;

/** Adds the seeded payments with `add` (paymentRecords.js), their times before clock.now(). */
function seedPayments(clock, add) {
	const base = clock.now();
	const ago = (days, hours = 0) => base - days * DAY_S - hours * 3600;
	add({ imp_uid: 'imp_pay_card_0001', amount: 10000, paid_at: ago(1) });
	add({ imp_uid: 'imp_pay_card_0002', amount: 50000, paid_at: ago(2) });
	add({
		imp_uid: 'imp_pay_receipt_0001',
		amount: 33000,
		pay_method: 'trans',
		paid_at: ago(3),
		receipt: 'issued',
	});
	// The docs' checksum example: 10,000 paid, 1,000 refunded, the next checksum is 9,000.
	add({
		imp_uid: 'imp_pay_partial_0001',
		amount: 10000,
		cancel_amount: 1000,
		paid_at: ago(5),
		cancelled_at: ago(4),
		cancel_reason: '부분 환불',
	});
	add({
		imp_uid: 'imp_pay_cancelled_0001',
		amount: 20000,
		status: 'cancelled',
		paid_at: ago(6),
		cancelled_at: ago(5),
		cancel_reason: '전액 환불',
	});
	add({
		imp_uid: 'imp_pay_vbank_0001',
		amount: 30000,
		pay_method: 'vbank',
		paid_at: ago(7),
		started_at: ago(8),
	});
	add({
		imp_uid: 'imp_pay_vbank_ready_0001',
		amount: 15000,
		pay_method: 'vbank',
		status: 'ready',
		started_at: ago(1, 2),
	});
	add({
		imp_uid: 'imp_pay_failed_0001',
		merchant_uid: 'order_retry_0001',
		amount: 12000,
		status: 'failed',
		failed_at: ago(8, 1),
	});
	add({
		imp_uid: 'imp_pay_retry_0001',
		merchant_uid: 'order_retry_0001',
		amount: 12000,
		paid_at: ago(8),
	});
	add({ imp_uid: 'imp_pay_sandbox_0001', amount: 1000, sandbox: true, paid_at: ago(2, 1) });
	add({
		imp_uid: 'imp_pay_pgfail_0001',
		amount: 25000,
		pg_provider: FAILING_PG,
		paid_at: ago(3, 1),
	});
	add({ imp_uid: 'imp_pay_old_0001', amount: 40000, paid_at: ago(120) });
	add({ imp_uid: 'imp_pay_tier_T01_0001', amount: 11000, tier: 'T01', paid_at: ago(4, 1) });
}

module.exports = { seedPayments };
