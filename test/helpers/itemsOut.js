'use strict';
/**
 * The first thing users count on, checked by the fault suites and the fuzz test: one output item
 * per input item, none lost, none duplicated (by `pairedItem`), and, where asked, each output in
 * input order.
 */

/** Over all `outputs` together: exactly the input items 0 … count-1, each once. */
function expectEachItemOnce(outputs, count) {
	const all = outputs.flat();
	expect(all).toHaveLength(count);
	expect(all.map((item) => item.pairedItem.item).sort((a, b) => a - b)).toEqual(
		Array.from({ length: count }, (_v, n) => n),
	);
}

/** As expectEachItemOnce, and every output lists its items in input order. */
function expectEachItemOnceInOrder(outputs, count) {
	expectEachItemOnce(outputs, count);
	for (const output of outputs) {
		const order = output.map((item) => item.pairedItem.item);
		expect(order).toEqual([...order].sort((a, b) => a - b));
	}
}

module.exports = { expectEachItemOnce, expectEachItemOnceInOrder };
