'use strict';
/**
 * Cash Receipt → Cancel through n8n's real engine against the simulator: errors that are not
 * i'mport answers, the error output, and no secret anywhere.
 */
const { freshWorldPerTest, items, ids, outcomes, expectNoSecrets } = require('./helpers/setup');
const { cancel } = require('./helpers/parameters');

const world = freshWorldPerTest();

describe("Cancel: errors that are not i'mport answers", () => {
	test('without continueOnFail the run fails with NodeApiError, itemIndex and a plain message', async () => {
		world.simulator.faults.add({ method: 'DELETE', action: 'nonJson', times: Infinity });
		const { error } = await world.engine.run(
			items('imp_100000000001'),
			cancel({ skipAlreadyCancelled: false, options: { retries: 0 } }),
		);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe("i'mport's answer was not its JSON envelope");
		expect(error.context.itemIndex).toBe(0);
		expectNoSecrets(world.simulator, error);
	});

	test('continue (using error output): error items go to the third output, answers stay on theirs', async () => {
		world.simulator.faults.add({
			method: 'DELETE',
			path: '/receipts/imp_100000000002',
			action: 'nonJson',
			times: Infinity,
		});
		const input = items('imp_100000000001', 'imp_100000000002', 'imp_500000000001');
		const { outputs } = await world.engine.run(
			input,
			cancel({ skipAlreadyCancelled: false, options: { retries: 0 } }),
			{
				onError: 'continueErrorOutput',
			},
		);
		expect(outputs).toHaveLength(3);
		expect(ids(outputs[0])).toEqual(['imp_100000000001']);
		expect(ids(outputs[1])).toEqual(['imp_500000000001']);
		expect(outputs[2]).toHaveLength(1);
		// n8n merges the input item into the error item, so the row can be traced.
		expect(outputs[2][0].json).toMatchObject({
			imp_uid: 'imp_100000000002',
			error: "i'mport's answer was not its JSON envelope",
		});
		expect(outputs[2][0].pairedItem).toEqual({ item: 1 });
	});

	test('continue (using error output) in single-output mode: outcomes on the first output, errors on the second', async () => {
		world.simulator.faults.add({
			method: 'DELETE',
			path: '/receipts/imp_100000000002',
			action: 'nonJson',
			times: Infinity,
		});
		const input = items('imp_100000000001', 'imp_100000000002', 'imp_500000000001');
		const { outputs } = await world.engine.run(
			input,
			cancel({ skipAlreadyCancelled: false, splitOutputs: false, options: { retries: 0 } }),
			{ onError: 'continueErrorOutput' },
		);
		expect(outputs).toHaveLength(2);
		expect(ids(outputs[0])).toEqual(['imp_100000000001', 'imp_500000000001']);
		expect(outputs[1].map((i) => i.pairedItem.item)).toEqual([1]);
	});

	test('no output item, error or log line holds the API secret or a token', async () => {
		world.simulator.faults.add({
			method: 'DELETE',
			path: '/receipts/imp_100000000002',
			action: 'nonJson',
			times: Infinity,
		});
		const run = await world.engine.run(
			items('imp_100000000001', 'imp_100000000002', 'imp_200000000001', ''),
			cancel({ options: { retries: 0 } }),
			{ onError: 'continueRegularOutput' },
		);
		expect(world.simulator.issuedTokens).toHaveLength(1);
		expectNoSecrets(world.simulator, run.result, run.outputs);
	});
});
