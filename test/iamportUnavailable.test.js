'use strict';
/**
 * When i'mport is down: one judgement per run (the outage guard). A lasting outage ends the run
 * with the items not sent saying so; a short one costs no item. Through n8n's engine against the
 * simulator; every wait is bounded by the options, nothing asserts on time.
 */
const net = require('node:net');
const {
	freshWorldPerTest,
	ids,
	outcomes,
	expectNoSecrets,
	receiptRequests,
} = require('./helpers/setup');
const { cancel, issue, get, paymentGetManyByIds } = require('./helpers/parameters');
const { createEngine } = require('./helpers/engine');

const world = freshWorldPerTest();

/** Quick retries, the default window (10 calls, 80 %), and a short longest wait so a lasting outage ends soon. */
const outageOptions = (extra = {}) => ({ retryWaitMs: 10, maxOutageWaitMs: 1500, ...extra });
/** Window 10 + at most one probe per 100 ms of Max Outage Wait (the shortest probe wait), + 1. */
const mostCallsFor = (maxOutageWaitMs) => 10 + maxOutageWaitMs / 100 + 1;

const sheetOf = (count, prefix) =>
	world.simulator.store.addIssuedPayments(count, prefix).map((imp_uid) => ({ imp_uid }));
const hintsOf = (run) =>
	(run.result.data.resultData.runData["I'mport"]?.[0]?.hints ?? []).map((hint) => hint.message);

/** A loopback port with nothing listening. */
async function closedPort() {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** Receipt calls that reached the simulator before `entry` (the token requests left out). */
const receiptCallsBefore = (entry) =>
	world.simulator.log.filter((e) => e.seq < entry.seq && e.rawPath.startsWith('/receipts/')).length;

/** Every not-sent item: on Failure, its id, the outcome word, and a description that says nothing was changed. */
function expectNotSent(item, id) {
	expect(item.json).toMatchObject({
		imp_uid: id,
		outcome: 'not_sent',
		error: "Not sent: i'mport looks unavailable",
	});
	expect(item.json.description).toMatch(
		/Nothing was changed at i'mport for this item: run it again once i'mport answers/,
	);
}

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

describe('Outage Window 0 turns the guard off', () => {
	test('each item retries on its own, as before: 3 calls each, its own error', async () => {
		world.simulator.faults.add({
			path: '/receipts/',
			action: 'status',
			status: 503,
			times: Infinity,
		});
		const sheet = sheetOf(6, 'off_');
		const run = await world.engine.run(
			sheet,
			cancel({ options: { retryWaitMs: 1, outageWindow: 0 } }),
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(outcomes(run.failure)).toEqual(Array(6).fill('error'));
		expect(run.failure[0].json.error).toMatch(/HTTP 503/);
		expect(receiptRequests(world.simulator)).toHaveLength(18);
		expect(hintsOf(run)).toEqual([]);
	});
});

describe('Payment Get Many by ids: one request serves 100 items', () => {
	const idsSheet = (count, prefix) =>
		world.simulator.payments.addMany(count, { prefix }).map((imp_uid) => ({ imp_uid }));

	test('a lasting outage: every item not sent, said once', async () => {
		world.simulator.faults.add({
			path: '/payments',
			action: 'status',
			status: 503,
			times: Infinity,
		});
		const sheet = idsSheet(1000, 'imp_down_');
		const run = await world.engine.run(sheet, paymentGetManyByIds({ options: outageOptions() }), {
			onError: 'continueRegularOutput',
		});
		expect(run.error).toBeUndefined();
		expect(run.success).toHaveLength(0);
		expect(run.failure.map((item) => item.pairedItem.item)).toEqual(sheet.map((_item, n) => n));
		run.failure.forEach((item, n) => expectNotSent(item, sheet[n].imp_uid));
		expect(hintsOf(run)).toEqual([
			"i'mport looks unavailable: 10 of the last 10 calls failed; 1000 items were not sent",
		]);
		expect(world.simulator.requests('GET', '/payments').length).toBeLessThanOrEqual(
			mostCallsFor(1500),
		);
	});

	test('a blip on the first batch costs no item: the batch is sent again', async () => {
		// 3 answers of 503: the first batch's request and both of its retries.
		world.simulator.faults.add({ path: '/payments', action: 'status', status: 503, times: 3 });
		const sheet = idsSheet(300, 'imp_blip_');
		const run = await world.engine.run(
			sheet,
			paymentGetManyByIds({ options: { retryWaitMs: 10 } }),
			{ onError: 'continueRegularOutput' },
		);
		expect(run.failure).toHaveLength(0);
		expect(ids(run.success)).toEqual(sheet.map((item) => item.imp_uid));
		expect(outcomes(run.success)).toEqual(Array(300).fill('found'));
		// 3 batches, the first sent 3 times and then once more.
		expect(world.simulator.requests('GET', '/payments')).toHaveLength(3 + 3);
	});
});
