'use strict';
/** Pure functions: outcome reading, the ordered bounded pool, path segments. */
const { outcomeOf, resultOf } = require('../dist/nodes/engine/outcome.js');
const { runInOrder } = require('../dist/nodes/engine/pool.js');
const { segment } = require('../dist/nodes/engine/read/input.js');
const { iamportAnswer } = require('../dist/nodes/Iamport/transport/answer.js');

// Each operation owns its outcome table.
const ACTIONS = '../dist/nodes/Iamport/actions';
const OUTCOMES = {
	receiptCancel: require(`${ACTIONS}/cashReceipt/cancel.operation.js`).outcomes,
	receiptGet: require(`${ACTIONS}/cashReceipt/get.operation.js`).outcomes,
	externalCancel: require(`${ACTIONS}/externalCashReceipt/cancel.operation.js`).outcomes,
};

const answer = (httpStatus, code, message = null, response = null) =>
	iamportAnswer(httpStatus, { code, message, response });

describe('outcomeOf', () => {
	test.each([
		[answer(200, 0), 'cancelled'],
		[answer(200, 1, '이미 취소'), 'rejected'],
		[answer(400, 1), 'not_issued'],
		[answer(404, 1), 'not_found'],
		[answer(500, 1), 'pg_rejected'],
		[answer(501, 1), 'pg_not_supported'],
		[answer(409, 1), 'failed'],
	])('cash receipt cancel: %j -> %s', (given, expected) => {
		expect(outcomeOf(given, OUTCOMES.receiptCancel)).toBe(expected);
	});

	test('external cancel reads 404 as never issued and 400 as an invalid request', () => {
		expect(outcomeOf(answer(404, 1), OUTCOMES.externalCancel)).toBe('not_issued');
		expect(outcomeOf(answer(400, 1), OUTCOMES.externalCancel)).toBe('invalid_request');
	});

	test('success is code 0 only, whatever else the answer says', () => {
		const result = resultOf({ idField: 'imp_uid', id: 'x' }, answer(200, 1), OUTCOMES.receiptGet);
		expect(result.success).toBe(false);
		expect(result.json).toEqual({
			imp_uid: 'x',
			outcome: 'rejected',
			code: 1,
			message: null,
			response: null,
			http_status: 200,
		});
	});
});

describe('runInOrder', () => {
	const tick = () => new Promise((resolve) => setImmediate(resolve));

	test('keeps input order, never exceeds the concurrency, runs alone until ready', async () => {
		let running = 0;
		let peak = 0;
		const peakBeforeReady = [];
		let ready = false;
		const results = await runInOrder(
			50,
			4,
			async (index) => {
				running++;
				peak = Math.max(peak, running);
				if (!ready) peakBeforeReady.push(running);
				for (let n = 0; n < (index * 7) % 5; n++) await tick();
				if (index === 2) ready = true;
				running--;
				return index * 10;
			},
			() => ready,
			() => false,
		);
		expect(results).toEqual(Array.from({ length: 50 }, (_v, n) => n * 10));
		expect(peak).toBe(4);
		expect(peakBeforeReady.every((n) => n === 1)).toBe(true);
	});

	test('starts nothing new once stopped; running items finish', async () => {
		const started = [];
		let stop = false;
		const results = await runInOrder(
			20,
			3,
			async (index) => {
				started.push(index);
				await tick();
				if (index === 5) stop = true;
				return index;
			},
			() => true,
			() => stop,
		);
		expect(started.length).toBeLessThan(20);
		expect(started.length).toBeGreaterThanOrEqual(6);
		for (const index of started) expect(results[index]).toBe(index);
		expect(Array.from(results).filter((r) => r === undefined)).toHaveLength(20 - started.length);
	});
});

describe('segment', () => {
	test.each(['a/b', '?', '#', '%2F', ' ', '영수증'])('%j becomes one encoded segment', (id) => {
		const encoded = segment(id);
		expect(encoded).not.toMatch(/[/?#\s]/);
		expect(decodeURIComponent(encoded)).toBe(id);
	});
});
