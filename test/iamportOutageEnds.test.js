'use strict';
/**
 * When i'mport is down for a while and comes back: a short outage costs no item, and one that
 * ends mid-run leaves every receipt cancelled once. Through n8n's engine against the simulator;
 * every wait is bounded by the options, nothing asserts on time.
 */
const { freshWorldPerTest, ids, outcomes } = require('./helpers/setup');
const { cancel, get } = require('./helpers/parameters');
const { outageOptions, hintsOf, outageTools } = require('./helpers/outage');

const world = freshWorldPerTest();
const { sheetOf, receiptCallsBefore } = outageTools(world);

describe('a short outage costs no item', () => {
	test('the first 10 receipt calls answered 503 (default options): every receipt cancelled, once', async () => {
		world.simulator.faults.add({ path: '/receipts/', action: 'status', status: 503, times: 10 });
		const sheet = sheetOf(60, 'blipstart_');
		const run = await world.engine.run(sheet, cancel({ options: { retryWaitMs: 10 } }), {
			onError: 'continueRegularOutput',
		});
		expect(run.failure).toHaveLength(0);
		expect(ids(run.success)).toEqual(sheet.map((item) => item.imp_uid));
		expect(outcomes(run.success).every((outcome) => outcome === 'cancelled')).toBe(true);
		for (const { imp_uid } of sheet)
			expect(world.simulator.store.cancellations.get(imp_uid)).toBe(1);
		expect(hintsOf(run)).toEqual([]);
	});

	test('the same without continue-on-fail: the run does not stop', async () => {
		world.simulator.faults.add({ path: '/receipts/', action: 'status', status: 503, times: 10 });
		const sheet = sheetOf(20, 'blipstop_');
		const run = await world.engine.run(sheet, cancel({ options: { retryWaitMs: 10 } }));
		expect(run.error).toBeUndefined();
		expect(outcomes(run.success)).toEqual(Array(20).fill('cancelled'));
	});

	test.each([
		['answered 503', { action: 'status', status: 503 }],
		['dropped (connection reset)', { action: 'reset' }],
	])('15 receipt calls in the middle of the run %s', async (name, fault) => {
		world.simulator.faults.add({
			...fault,
			times: 15,
			when: (entry) => entry.rawPath.startsWith('/receipts/') && receiptCallsBefore(entry) >= 40,
		});
		const sheet = sheetOf(60, `blipmid${fault.action}_`);
		const run = await world.engine.run(
			sheet,
			cancel({ options: { retryWaitMs: 10, concurrency: 5 } }),
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(run.failure).toHaveLength(0);
		expect(ids(run.success)).toEqual(sheet.map((item) => item.imp_uid));
		expect(outcomes(run.success).every((outcome) => outcome === 'cancelled')).toBe(true);
		for (const { imp_uid } of sheet)
			expect(world.simulator.store.cancellations.get(imp_uid)).toBe(1);
		expect(world.simulator.log.filter((e) => e.fault === fault.action)).toHaveLength(15);
	});

	test('Get: a blip at the start costs no look-up', async () => {
		world.simulator.faults.add({ path: '/receipts/', action: 'status', status: 503, times: 10 });
		const sheet = sheetOf(20, 'blipget_');
		const run = await world.engine.run(sheet, get({ options: { retryWaitMs: 10 } }), {
			onError: 'continueRegularOutput',
		});
		expect(run.failure).toHaveLength(0);
		expect(outcomes(run.success)).toEqual(Array(20).fill('found'));
	});
});

describe('an outage that ends mid-run', () => {
	test("i'mport stops listening in the middle of the run and comes back: every receipt cancelled, once", async () => {
		const { simulator } = world;
		const port = Number(new URL(world.baseUrl).port);
		let restarted;
		simulator.hooks.onRequest = (entry) => {
			if (restarted || !entry.rawPath.startsWith('/receipts/') || receiptCallsBefore(entry) < 30)
				return;
			// Down: the listener closes (and drops the calls under way); back 300 ms later on the same port.
			restarted = simulator
				.stop()
				.then(() => new Promise((resolve) => setTimeout(resolve, 300)))
				.then(() => simulator.start(port));
		};
		const sheet = sheetOf(60, 'downup_');
		const run = await world.engine.run(
			sheet,
			cancel({ options: outageOptions({ maxOutageWaitMs: 20_000 }) }),
			{
				onError: 'continueRegularOutput',
			},
		);
		await restarted;
		expect(run.failure.map((item) => item.json)).toEqual([]);
		expect(ids(run.success)).toEqual(sheet.map((item) => item.imp_uid));
		expect(outcomes(run.success).every((outcome) => outcome === 'cancelled')).toBe(true);
		// Calls under way when the listener closed may have been applied: the look before a retry keeps them single.
		for (const { imp_uid } of sheet) expect(simulator.store.cancellations.get(imp_uid)).toBe(1);
	});

	test('503s for a while longer than a blip, shorter than Max Outage Wait: the run waits, then every receipt is cancelled', async () => {
		const sheet = sheetOf(30, 'longblip_');
		let recovered = false;
		const rule = world.simulator.faults.add({
			action: 'status',
			status: 503,
			times: Infinity,
			when: (entry) =>
				!recovered && entry.rawPath.startsWith('/receipts/') && receiptCallsBefore(entry) >= 20,
		});
		// Comes back after the run has probed a few times (each probe is one more 503).
		world.simulator.hooks.onRequest = () => {
			if (rule.fired >= 14) recovered = true;
		};
		const run = await world.engine.run(
			sheet,
			cancel({ options: outageOptions({ maxOutageWaitMs: 30_000 }) }),
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(run.failure.map((item) => item.json)).toEqual([]);
		expect(outcomes(run.success)).toEqual(Array(30).fill('cancelled'));
		for (const { imp_uid } of sheet)
			expect(world.simulator.store.cancellations.get(imp_uid)).toBe(1);
	});
});
