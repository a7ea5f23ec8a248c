'use strict';
/**
 * The checks every run of the PortOne (V2) refund fault suites must pass: one item out per item
 * in, each refund applied at most once per reference and never beyond the balance, and each item
 * saying what PortOne did (used through portoneRefundFaults.js).
 */
const { expectEachItemOnceInOrder } = require('./itemsOut');
const { referenceOf, referenceIn } = require('./portoneRefundFaultSheet');

const UNSURE = /may or may not have gone through/;

/**
 * The checks of one run. `leftBefore`: each payment's balance before this run; `movedEarlier`:
 * the cancellations applied by earlier runs of the same sheet. Returns the outcome counts.
 */
function checkRun(
	{ run, moved, faultsHit, postsHit, outstanding },
	rows,
	leftBefore,
	movedEarlier = [],
) {
	expect(run.error).toBeUndefined();
	// One item out per item in, none lost, none duplicated; each output in input order.
	expectEachItemOnceInOrder([run.success, run.failure], rows.length);
	const all = [...run.success, ...run.failure];

	// Money: each applied cancellation carries the reference of a row of its payment, at most one
	// per reference over every run, a partial one exactly its amount; no payment beyond its balance.
	const rowsOfReference = new Map();
	rows.forEach((row, n) => {
		const list = rowsOfReference.get(referenceOf(row)) ?? [];
		rowsOfReference.set(referenceOf(row), [...list, n]);
	});
	const applied = new Map();
	for (const m of [...movedEarlier, ...moved]) {
		const ref = referenceIn(m.reason);
		const owners = rowsOfReference.get(ref) ?? [];
		expect({ ref, owners: owners.length > 0 }).toEqual({ ref, owners: true });
		const row = rows[owners[0]];
		expect(m.paymentId).toBe(row.paymentId);
		if (row.mode === 'partial') expect(m.amount).toBe(row.amount);
		expect({ ref, twice: applied.has(ref) }).toEqual({ ref, twice: false });
		applied.set(ref, m);
	}
	const wonOf = new Map();
	for (const m of moved) wonOf.set(m.paymentId, (wonOf.get(m.paymentId) ?? 0) + m.amount);
	for (const [paymentId, won] of wonOf)
		expect({
			paymentId,
			won,
			left: leftBefore.get(paymentId),
			over: won > leftBefore.get(paymentId),
		}).toEqual({
			paymentId,
			won,
			left: leftBefore.get(paymentId),
			over: false,
		});

	// What each item says matches what PortOne did.
	const thisRun = new Map(moved.map((m) => [m.cancellationId, m]));
	const claimed = new Set();
	const summary = {};
	const unsureRefs = new Set();
	for (const item of all) {
		const row = rows[item.pairedItem.item];
		const { outcome } = item.json;
		summary[outcome] = (summary[outcome] ?? 0) + 1;
		expect(item.json.paymentId).toBe(row.paymentId);
		const context = { row: item.pairedItem.item, ...row, json: item.json };
		if (outcome === 'refunded' || outcome === 'partially_refunded') {
			const m = thisRun.get(item.json.cancellation_id);
			expect({ context, refund: m && referenceIn(m.reason) }).toEqual({
				context,
				refund: referenceOf(row),
			});
			expect(item.json.refunded_amount).toBe(m.amount);
			expect(claimed.has(m.cancellationId)).toBe(false);
			claimed.add(m.cancellationId);
		} else if (outcome === 'already_refunded') {
			const m = applied.get(referenceOf(row));
			if (item.json.cancellation_id !== null || !(item.json.remaining_amount <= 0))
				expect({ context, id: m?.cancellationId }).toEqual({
					context,
					id: item.json.cancellation_id,
				});
			if (m) claimed.add(m.cancellationId);
		} else if (outcome === 'error' && UNSURE.test(item.json.description)) {
			unsureRefs.add(referenceOf(row));
		} else if (outcome === 'error') {
			// An error that does not say the refund may have gone through: nothing moved for it.
			const m = applied.get(referenceOf(row));
			expect({ context, moved: m !== undefined && thisRun.has(m.cancellationId) }).toMatchObject({
				moved: false,
			});
		} else {
			throw new Error(`unexpected outcome ${outcome}: ${JSON.stringify(context)}`);
		}
	}
	// Every refund PortOne applied in this run is reported: by a row that claims it, or a row of its
	// reference whose error says it may have gone through.
	for (const m of moved) {
		const reported = claimed.has(m.cancellationId) || unsureRefs.has(referenceIn(m.reason));
		expect({ m, reported }).toEqual({ m, reported: true });
	}
	summary.unsure = all.filter(
		(item) => item.json.outcome === 'error' && UNSURE.test(item.json.description),
	).length;
	summary.faults_hit = faultsHit;
	summary.posts_hit = postsHit;
	summary.outstanding_409 = outstanding;
	summary.won_moved = moved.reduce((sum, m) => sum + m.amount, 0);
	return summary;
}

module.exports = { checkRun };
