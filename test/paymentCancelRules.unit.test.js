'use strict';
/** The refund's pure rules: amounts, references, what is left, which history entry is this refund, which attempt to refund. */
const path = require('node:path');

const { readWon } = require(
	path.join(__dirname, '..', 'dist', 'nodes', 'engine', 'read', 'won.js'),
);
const {
	checkReference,
	remainingOf,
	newEntryOfRefund,
	entryWithReference,
	choosePayment,
} = require(
	path.join(
		__dirname,
		'..',
		'dist',
		'nodes',
		'Iamport',
		'actions',
		'payment',
		'cancel',
		'rules.js',
	),
);

describe('readWon', () => {
	test.each([
		[5000, 1, 5000],
		['5000', 1, 5000],
		[' 12 ', 1, 12],
		[0, 0, 0],
		['0', 0, 0],
	])('%p (min %i) -> %p', (value, min, expected) => {
		expect(readWon(value, min)).toBe(expected);
	});

	test.each([
		[0, 1],
		[-1, 0],
		[1.5, 1],
		['1.5', 1],
		['1e3', 1],
		['1,000', 1],
		['', 1],
		[' ', 1],
		[null, 1],
		[undefined, 1],
		[true, 1],
		[NaN, 1],
		[Infinity, 1],
		[2 ** 53, 1],
		[[1000], 1],
		[{}, 1],
	])('%p (min %i) is refused', (value, min) => {
		expect(readWon(value, min)).toBeUndefined();
	});
});

describe('checkReference', () => {
	test.each(['RF-1', '환불 요청 42', 'x'.repeat(100)])('%p is fine', (ref) =>
		expect(checkReference(ref)).toBeUndefined(),
	);
	test.each(['a]b', 'a[b', 'a\nb', 'a\rb', 'x'.repeat(101)])('%p is refused', (ref) =>
		expect(checkReference(ref)).toBeDefined(),
	);
});

test('remainingOf reads amount - cancel_amount, never the status', () => {
	expect(remainingOf({ amount: 10000, cancel_amount: 1000, status: 'cancelled' })).toBe(9000);
	expect(remainingOf({ amount: 10000, cancel_amount: 10000, status: 'paid' })).toBe(0);
});

describe('newEntryOfRefund', () => {
	const old = {
		cancellation_id: 'C1',
		amount: 1000,
		reason: '[ref:A]',
		pg_tid: 'P1',
		cancelled_at: 1,
	};
	const before = { cancel_history: [old] };

	test('a new entry of the amount and reason asked', () => {
		const mine = {
			cancellation_id: 'C2',
			amount: 2000,
			reason: '[ref:B] 반품',
			pg_tid: 'P2',
			cancelled_at: 2,
		};
		expect(
			newEntryOfRefund({ cancel_history: [old, mine] }, before, {
				amount: 2000,
				reason: '[ref:B] 반품',
				reference: 'B',
			}),
		).toBe(mine);
	});

	test('an entry that was there before is never this refund, even with the same amount and reason', () => {
		expect(
			newEntryOfRefund({ cancel_history: [old] }, before, {
				amount: 1000,
				reason: '[ref:A]',
				reference: 'A',
			}),
		).toBeUndefined();
	});

	test("a new entry of another amount or reason is someone else's refund", () => {
		const other = {
			cancellation_id: 'C3',
			amount: 2000,
			reason: 'console',
			pg_tid: 'P3',
			cancelled_at: 3,
		};
		expect(
			newEntryOfRefund({ cancel_history: [old, other] }, before, {
				amount: 2000,
				reason: '[ref:B]',
				reference: 'B',
			}),
		).toBeUndefined();
		expect(
			newEntryOfRefund({ cancel_history: [old, other] }, before, {
				amount: 2500,
				reason: 'console',
			}),
		).toBeUndefined();
	});

	test('with a reference, a reason that carries it is enough (a PG may shorten the rest)', () => {
		const mine = {
			cancellation_id: 'C4',
			amount: 2000,
			reason: '[ref:B] 반',
			pg_tid: 'P4',
			cancelled_at: 4,
		};
		expect(
			newEntryOfRefund({ cancel_history: [old, mine] }, before, {
				amount: 2000,
				reason: '[ref:B] 반품',
				reference: 'B',
			}),
		).toBe(mine);
		expect(
			newEntryOfRefund({ cancel_history: [old, mine] }, before, {
				amount: 2000,
				reason: '[ref:BC] 반품',
				reference: 'BC',
			}),
		).toBeUndefined();
	});

	test('entries without cancellation_id are told apart by what they hold', () => {
		const bare = { amount: 1000, reason: '[ref:A]', pg_tid: 'P1', cancelled_at: 1 };
		const again = { amount: 1000, reason: '', pg_tid: 'P9', cancelled_at: 9 };
		expect(
			newEntryOfRefund(
				{ cancel_history: [bare, again] },
				{ cancel_history: [bare] },
				{ amount: 1000, reason: '' },
			),
		).toBe(again);
	});

	test('no history at all', () => {
		expect(newEntryOfRefund({}, {}, { amount: 1000, reason: '' })).toBeUndefined();
	});
});

test('entryWithReference matches the whole token, not a prefix', () => {
	const payment = { cancel_history: [{ amount: 1, reason: '[ref:AB] x' }] };
	expect(entryWithReference([payment], 'A')).toBeUndefined();
	expect(entryWithReference([payment], 'AB')?.entry.amount).toBe(1);
});

describe('choosePayment (attempts under one merchant_uid)', () => {
	const failed = {
		imp_uid: 'f',
		started_at: 30,
		paid_at: 0,
		amount: 100,
		cancel_amount: 0,
		status: 'failed',
	};
	const paid = {
		imp_uid: 'p',
		started_at: 20,
		paid_at: 21,
		amount: 100,
		cancel_amount: 0,
		status: 'paid',
	};
	const refunded = {
		imp_uid: 'r',
		started_at: 10,
		paid_at: 11,
		amount: 100,
		cancel_amount: 100,
		status: 'cancelled',
	};

	test('the one with money left, whatever came later', () => {
		expect(choosePayment([refunded, failed, paid])).toEqual({ payment: paid });
	});
	test('all refunded: the latest paid one (to report already_refunded)', () => {
		expect(choosePayment([refunded, failed])).toEqual({ payment: refunded });
	});
	test('none ever paid: the latest attempt (to report not_paid)', () => {
		expect(choosePayment([failed])).toEqual({ payment: failed });
	});
	test('two with money left: ambiguous', () => {
		const other = { ...paid, imp_uid: 'q', started_at: 25 };
		expect(choosePayment([paid, other])).toEqual({ ambiguous: [other, paid] });
	});
});
