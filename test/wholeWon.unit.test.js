'use strict';
/** The one whole-won reader every amount goes through: digits only, safe integers, nothing guessed. */
const { readWhole, readWon, wonProblem } = require('../dist/nodes/engine/read/won.js');

describe('readWon', () => {
	test.each([
		[0, 0, 0],
		[16, 1, 16],
		['16', 1, 16],
		[' 16 ', 1, 16],
		['007', 1, 7],
		[Number.MAX_SAFE_INTEGER, 1, Number.MAX_SAFE_INTEGER],
		[-0, 0, 0],
	])('%j (min %j) reads as %j', (value, min, expected) => {
		expect(readWon(value, min)).toBe(expected);
		expect(Object.is(readWon(value, min), expected)).toBe(true);
	});

	test.each([
		// text that Number() would turn into some other amount
		['0x10', 0],
		['1e3', 0],
		['0b11', 0],
		['0o17', 0],
		['12.0', 0],
		['+5', 0],
		['-5', 0],
		['1,000', 0],
		['1_000', 0],
		['١٢', 0], // Arabic-Indic digits: \d in JavaScript is ASCII only
		['', 0],
		[' ', 0],
		['Infinity', 0],
		[String(2 ** 53 + 2), 0],
		// numbers that are not whole won, or below the minimum
		[12.5, 0],
		[-1, 0],
		[0, 1],
		[Number.NaN, 0],
		[Number.POSITIVE_INFINITY, 0],
		[2 ** 53, 0],
		// not numbers at all
		[null, 0],
		[undefined, 0],
		[true, 0],
		[[5], 0],
		[{ amount: 5 }, 0],
	])('%j (min %j) is refused', (value, min) => {
		expect(readWon(value, min)).toBeUndefined();
	});

	test('whole numbers that are not money (a Limit) use the same rule', () => {
		expect(readWhole).toBe(readWon);
	});

	test('the refusal says what is wanted and what was given', () => {
		expect(wonProblem('amount', '0x10', 0)).toBe(
			'amount must be a whole number of won, 0 or more (got "0x10")',
		);
		expect(wonProblem('Amount', undefined, 1)).toBe(
			'Amount must be a whole number of won, 1 or more (got null)',
		);
	});
});
