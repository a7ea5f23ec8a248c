'use strict';
/**
 * When i'mport is down for good: one judgement per run (the outage guard) ends the run with the
 * items not sent saying so. Through n8n's engine against the simulator; every wait is bounded by
 * the options, nothing asserts on time. Outages that end: iamportOutageEnds.test.js.
 */
const {
	freshWorldPerTest,
	ids,
	outcomes,
	expectNoSecrets,
	receiptRequests,
} = require('./helpers/setup');
const { cancel, issue } = require('./helpers/parameters');
const { createEngine } = require('./helpers/engine');
const {
	outageOptions,
	mostCallsFor,
	hintsOf,
	closedPort,
	expectNotSent,
	outageTools,
} = require('./helpers/outage');

const world = freshWorldPerTest();
const { sheetOf, receiptCallsBefore } = outageTools(world);

describe('a lasting outage ends the run: the items not sent say so, the run says it once', () => {
	test.each([
		['503', { path: '/receipts/', action: 'status', status: 503, times: Infinity }, {}],
		['hang', { path: '/receipts/', action: 'hang', times: Infinity }, { timeoutMs: 300 }],
	])('every receipt call %s', async (_name, fault, extra) => {
		world.simulator.faults.add(fault);
		const sheet = sheetOf(40, 'down_');
		const run = await world.engine.run(sheet, cancel({ options: outageOptions(extra) }), {
			onError: 'continueRegularOutput',
		});
		expect(run.error).toBeUndefined();
		expect(run.success).toHaveLength(0);
		expect(run.failure.map((item) => item.pairedItem.item)).toEqual(sheet.map((_item, n) => n));
		run.failure.forEach((item, n) => expectNotSent(item, sheet[n].imp_uid));
		// Said once, for the run: in the editor's output pane.
		expect(hintsOf(run)).toEqual([
			"i'mport looks unavailable: 10 of the last 10 calls failed; 40 items were not sent",
		]);
		// Stopped after the window and its probes, instead of 3 calls per item (120); nothing cancelled.
		const calls = receiptRequests(world.simulator);
		expect(calls.length).toBeLessThanOrEqual(mostCallsFor(1500));
		expect(calls.every((call) => call.method === 'GET')).toBe(true);
		expect(world.simulator.store.cancellations.size).toBe(0);
		expectNoSecrets(world.simulator, run.result);
	});

	test('connection refused (nothing listening): the token request fails the same way, and nothing is sent', async () => {
		const engine = createEngine({
			impKey: 'test_imp_key',
			impSecret: 'x',
			baseUrl: `http://127.0.0.1:${await closedPort()}`,
		});
		const sheet = sheetOf(30, 'refused_');
		const run = await engine.run(sheet, cancel({ options: outageOptions() }), {
			onError: 'continueRegularOutput',
		});
		expect(run.error).toBeUndefined();
		run.failure.forEach((item, n) => expectNotSent(item, sheet[n].imp_uid));
		expect(run.failure).toHaveLength(30);
		expect(run.failure[0].json.description).toMatch(/^Its last call failed: .*connection refused/);
		expect(hintsOf(run)).toEqual([
			"i'mport looks unavailable: 10 of the last 10 calls failed; 30 items were not sent",
		]);
	});

	test('without continue-on-fail the run stops with that one error', async () => {
		world.simulator.faults.add({
			path: '/receipts/',
			action: 'status',
			status: 503,
			times: Infinity,
		});
		const run = await world.engine.run(
			sheetOf(25, 'stop_'),
			cancel({ options: outageOptions({ maxOutageWaitMs: 300 }) }),
		);
		expect(run.error.message).toBe(
			"i'mport looks unavailable: 10 of the last 10 calls failed; 25 items were not sent",
		);
		expect(run.error.description).toMatch(/the run waited \d+ s in total/);
		expect(run.error.description).toMatch(
			/0 items were done before that\. Nothing was changed at i'mport for the items not sent/,
		);
		expect(world.simulator.requests('DELETE')).toHaveLength(0);
	});

	test('with the error output: not-sent items go there, merged with their input', async () => {
		world.simulator.faults.add({
			path: '/receipts/',
			action: 'status',
			status: 503,
			times: Infinity,
		});
		const sheet = sheetOf(12, 'errout_');
		const { outputs } = await world.engine.run(
			sheet,
			cancel({ options: outageOptions({ maxOutageWaitMs: 300 }) }),
			{
				onError: 'continueErrorOutput',
			},
		);
		expect(outputs[0]).toHaveLength(0);
		expect(outputs[1]).toHaveLength(0);
		expect(ids(outputs[2])).toEqual(sheet.map((item) => item.imp_uid));
		expect(outputs[2][0].json.error).toBe("Not sent: i'mport looks unavailable");
	});

	test('Issue: receipts that were sent and got no answer say they may have been issued; the others were not sent', async () => {
		world.simulator.faults.add({
			method: 'POST',
			path: '/receipts/',
			action: 'status',
			status: 503,
			times: Infinity,
		});
		const sheet = Array.from({ length: 20 }, (_v, n) => ({
			imp_uid: `imp_20000000000${n % 2 ? 1 : 2}`,
			phone: '01012345678',
		}));
		const run = await world.engine.run(
			sheet,
			issue({ options: outageOptions({ maxOutageWaitMs: 300 }) }),
			{
				onError: 'continueRegularOutput',
			},
		);
		const posts = world.simulator.requests('POST', '/receipts/');
		const sent = run.failure.filter((item) => item.json.outcome === 'error');
		const notSent = run.failure.filter((item) => item.json.outcome === 'not_sent');
		expect(sent.length + notSent.length).toBe(20);
		// An Issue is never sent twice: one POST per item that says it may have been issued.
		expect(sent).toHaveLength(posts.length);
		for (const item of sent)
			expect(item.json.description).toMatch(/may have been issued anyway: look it up \(Get\)/);
		expect(notSent.length).toBeGreaterThan(0);
		expect(hintsOf(run)[0]).toMatch(new RegExp(`; ${notSent.length} items were not sent$`));
	});

	test("a re-run of the items not sent picks them up once i'mport is back; nothing is cancelled twice", async () => {
		// The outage starts after 30 receipt calls, so the first items are done before it.
		world.simulator.faults.add({
			action: 'status',
			status: 503,
			times: Infinity,
			when: (entry) => entry.rawPath.startsWith('/receipts/') && receiptCallsBefore(entry) >= 30,
		});
		const sheet = sheetOf(40, 'rerun_');
		const first = await world.engine.run(
			sheet,
			cancel({ options: outageOptions({ maxOutageWaitMs: 500 }) }),
			{
				onError: 'continueRegularOutput',
			},
		);
		const done = first.success.filter((item) => item.json.outcome === 'cancelled');
		const notSent = first.failure.filter((item) => item.json.outcome === 'not_sent');
		expect(done.length).toBeGreaterThan(0);
		expect(notSent.length).toBeGreaterThan(0);
		// Each item once: cancelled, not sent, or (a cancel whose answer was lost) an error that says so.
		expect(done.length + first.failure.length).toBe(40);
		for (const item of first.failure.filter((i) => i.json.outcome === 'error')) {
			expect(item.json.description).toMatch(/may or may not have gone through/);
		}
		// Not sent means not cancelled.
		for (const item of notSent)
			expect(world.simulator.store.cancellations.has(item.json.imp_uid)).toBe(false);
		expect(hintsOf(first)[0]).toMatch(new RegExp(`; ${notSent.length} items were not sent$`));

		world.simulator.faults.clear();
		const again = await world.engine.run(
			notSent.map((item) => ({ imp_uid: item.json.imp_uid })),
			cancel({ options: outageOptions() }),
			{ onError: 'continueRegularOutput' },
		);
		expect(again.failure).toHaveLength(0);
		expect(outcomes(again.success).every((outcome) => outcome === 'cancelled')).toBe(true);
		for (const count of world.simulator.store.cancellations.values()) expect(count).toBe(1);
	});
});
