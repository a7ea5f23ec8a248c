'use strict';
/** Cash Receipt → Cancel through n8n's real engine against the simulator: answers from i'mport. */
const { freshWorldPerTest, items, ids, outcomes, receiptRequests } = require('./helpers/setup');
const { cancel } = require('./helpers/parameters');

const world = freshWorldPerTest();

describe("Cancel: answers from i'mport", () => {
	test("a cancelled receipt goes to Success with the ReceiptAnnotation as i'mport sent it", async () => {
		const { success, failure, error } = await world.engine.run(items('imp_100000000001'), cancel());
		expect(error).toBeUndefined();
		expect(failure).toHaveLength(0);
		expect(success).toHaveLength(1);
		const { json, pairedItem } = success[0];
		const deleteAnswer = world.simulator.log.find((e) => e.method === 'DELETE').answer;
		expect(json).toEqual({
			imp_uid: 'imp_100000000001',
			outcome: 'cancelled',
			code: 0,
			message: null,
			response: deleteAnswer.response,
			http_status: 200,
		});
		expect(json.response.cancelled_at).toBeGreaterThan(0);
		expect(pairedItem).toEqual({ item: 0 });
		expect(world.simulator.store.cancellations.get('imp_100000000001')).toBe(1);
		// Skip Already Cancelled (default) looks first, then cancels: exactly these calls.
		expect(receiptRequests(world.simulator).map((e) => `${e.method} ${e.rawPath}`)).toEqual([
			'GET /receipts/imp_100000000001',
			'DELETE /receipts/imp_100000000001',
		]);
	});

	test.each([
		[true, 'Skip Already Cancelled on'],
		[false, 'Skip Already Cancelled off'],
	])(
		"every documented failure goes to Failure with its outcome and i'mport's message (%s)",
		async (skip) => {
			const input = items(
				'imp_200000000001',
				'imp_500000000001',
				'imp_501000000001',
				'imp_unknown_000',
			);
			const { success, failure, error } = await world.engine.run(
				input,
				cancel({ skipAlreadyCancelled: skip }),
			);
			expect(error).toBeUndefined();
			expect(success).toHaveLength(0);
			expect(ids(failure)).toEqual(input.map((i) => i.imp_uid));
			expect(outcomes(failure)).toEqual([
				'not_issued',
				'pg_rejected',
				'pg_not_supported',
				'not_found',
			]);
			expect(failure.map((i) => i.json.http_status)).toEqual([400, 500, 501, 404]);
			for (const item of failure) {
				expect(item.json.code).not.toBe(0);
				expect(typeof item.json.message).toBe('string');
				expect(item.json.message.length).toBeGreaterThan(0);
				expect(item.json.response).toBeNull();
			}
			expect(failure.map((i) => i.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
				{ item: 3 },
			]);
			expect(world.simulator.store.cancellations.size).toBe(0);
		},
	);

	test('HTTP 200 with code 1 is a failure: an already-cancelled receipt with Skip Already Cancelled off', async () => {
		const { success, failure } = await world.engine.run(
			items('imp_100000000003'),
			cancel({ skipAlreadyCancelled: false }),
		);
		expect(success).toHaveLength(0);
		expect(failure).toHaveLength(1);
		expect(failure[0].json).toMatchObject({
			outcome: 'rejected',
			code: 1,
			http_status: 200,
			response: null,
		});
		expect(failure[0].json.message).toContain('이미');
	});

	test('already cancelled (Skip Already Cancelled on) goes to Success as already_cancelled, no DELETE sent', async () => {
		const { success, failure } = await world.engine.run(items('imp_100000000003'), cancel());
		expect(failure).toHaveLength(0);
		expect(outcomes(success)).toEqual(['already_cancelled']);
		expect(success[0].json.response.cancelled_at).toBeGreaterThan(0);
		expect(world.simulator.requests('DELETE')).toHaveLength(0);
	});

	test('running the same sheet twice cancels each receipt once and reports the second run as already_cancelled', async () => {
		const sheet = items('imp_100000000001', 'imp_100000000002');
		const first = await world.engine.run(sheet, cancel());
		const second = await world.engine.run(sheet, cancel());
		expect(outcomes(first.success)).toEqual(['cancelled', 'cancelled']);
		expect(outcomes(second.success)).toEqual(['already_cancelled', 'already_cancelled']);
		expect(world.simulator.requests('DELETE')).toHaveLength(2);
		expect([...world.simulator.store.cancellations.values()]).toEqual([1, 1]);
	});

	test('a refusal answered as "already cancelled" after the lookup found the receipt is already_cancelled', async () => {
		// Someone cancels the receipt between our lookup and our DELETE.
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method === 'DELETE')
				world.simulator.store.payments.get('imp_100000000002').receipt.cancelled_at = 1;
		};
		const { success } = await world.engine.run(items('imp_100000000002'), cancel());
		expect(outcomes(success)).toEqual(['already_cancelled']);
		expect(world.simulator.store.cancellations.size).toBe(0);
	});

	test('single output: every item in input order, each with its outcome', async () => {
		const input = items(
			'imp_500000000001',
			'imp_100000000001',
			'imp_unknown_1',
			'imp_100000000003',
		);
		const { outputs } = await world.engine.run(input, cancel({ splitOutputs: false }));
		expect(outputs).toHaveLength(1);
		expect(ids(outputs[0])).toEqual(input.map((i) => i.imp_uid));
		expect(outcomes(outputs[0])).toEqual([
			'pg_rejected',
			'cancelled',
			'not_found',
			'already_cancelled',
		]);
		expect(outputs[0].map((i) => i.pairedItem.item)).toEqual([0, 1, 2, 3]);
	});
});
