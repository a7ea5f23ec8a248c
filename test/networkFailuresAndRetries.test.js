'use strict';
/** Network trouble and transient failures: errors, retries, and never a double cancel. */
const { closedPort } = require('./helpers/closedPort');
const {
	freshWorldPerTest,
	ids,
	outcomes,
	expectNoSecrets,
	receiptRequests,
} = require('./helpers/setup');
const { cancel, quickRetries } = require('./helpers/parameters');

const world = freshWorldPerTest();

const one = [{ imp_uid: 'imp_100000000001' }];

describe("errors that are not i'mport answers", () => {
	test('connection refused: a plain error, retried as "not sent", then reported', async () => {
		const port = await closedPort();
		const { createEngine } = require('./helpers/engine');
		const engine = createEngine({
			impKey: 'test_imp_key',
			impSecret: 'x',
			baseUrl: `http://127.0.0.1:${port}`,
		});
		const { error } = await engine.run(one, cancel({ options: quickRetries() }));
		expect(error.message).toMatch(
			/could not be reached at http:\/\/127\.0\.0\.1:\d+ for an access token: nothing accepts connections there \(connection refused\)/,
		);
		expect(error.description).toMatch(
			/access token could not be obtained, so the request was not sent/,
		);
		expect(error.context.itemIndex).toBe(0);
	});

	test('a DELETE that never answers times out; the cancel is checked, not blindly repeated', async () => {
		world.simulator.faults.add({ method: 'DELETE', action: 'hang', times: Infinity });
		const { error } = await world.engine.run(
			one,
			cancel({ options: quickRetries({ timeoutMs: 300, retries: 1 }) }),
		);
		expect(error.message).toBe("i'mport did not answer in time");
		// GET (skip check), DELETE (hangs), GET (went through? no), DELETE again (hangs), GET (no) -> give up.
		expect(receiptRequests(world.simulator).map((e) => e.method)).toEqual([
			'GET',
			'DELETE',
			'GET',
			'DELETE',
			'GET',
		]);
		expect(world.simulator.store.cancellations.size).toBe(0);
	});

	test.each([200, 502])('a non-JSON body (HTTP %i) is an error, not an outcome', async (status) => {
		world.simulator.faults.add({ method: 'GET', action: 'nonJson', status, times: Infinity });
		const { error } = await world.engine.run(
			one,
			cancel({ options: quickRetries({ retries: 1 }) }),
		);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toMatch(status === 200 ? /not its JSON envelope/ : /HTTP 502/);
		expect(world.simulator.requests('DELETE')).toHaveLength(0);
	});
});

describe('retries', () => {
	test.each([429, 502, 503, 504])(
		'a GET answered %i is retried and then succeeds',
		async (status) => {
			world.simulator.faults.add({ method: 'GET', action: 'status', status, times: 2 });
			const { success } = await world.engine.run(
				one,
				cancel({ options: quickRetries({ retries: 2 }) }),
			);
			expect(outcomes(success)).toEqual(['cancelled']);
			expect(world.simulator.requests('GET')).toHaveLength(3);
		},
	);

	test('retries give up after the configured count', async () => {
		world.simulator.faults.add({ method: 'GET', action: 'status', status: 503, times: Infinity });
		const { error } = await world.engine.run(
			one,
			cancel({ options: quickRetries({ retries: 3 }) }),
		);
		expect(error.message).toMatch(/HTTP 503/);
		expect(world.simulator.requests('GET')).toHaveLength(4);
	});

	test('Retry-After is honoured', async () => {
		world.simulator.faults.add({
			method: 'GET',
			action: 'status',
			status: 429,
			headers: { 'Retry-After': '1' },
		});
		const started = Date.now();
		const { success } = await world.engine.run(
			one,
			cancel({ options: quickRetries({ retries: 1 }) }),
		);
		expect(outcomes(success)).toEqual(['cancelled']);
		const [first, second] = world.simulator.requests('GET');
		expect(first.status).toBe(429);
		expect(second.status).toBe(200);
		// i'mport asked for one second: the retry did not come sooner.
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test("a DELETE applied by i'mport whose answer is lost resolves to cancelled, cancelled once", async () => {
		world.simulator.faults.add({ method: 'DELETE', action: 'applyThenReset' });
		const { success, failure } = await world.engine.run(one, cancel({ options: quickRetries() }));
		expect(failure).toHaveLength(0);
		expect(outcomes(success)).toEqual(['cancelled']);
		expect(success[0].json.response.cancelled_at).toBeGreaterThan(0);
		expect(world.simulator.requests('DELETE')).toHaveLength(1);
		expect(world.simulator.store.cancellations.get('imp_100000000001')).toBe(1);
	});

	test('same with Skip Already Cancelled off: the lookup after the lost answer still prevents a second DELETE', async () => {
		world.simulator.faults.add({ method: 'DELETE', action: 'applyThenReset' });
		const { success } = await world.engine.run(
			one,
			cancel({ skipAlreadyCancelled: false, options: quickRetries() }),
		);
		expect(outcomes(success)).toEqual(['cancelled']);
		expect(world.simulator.requests('DELETE')).toHaveLength(1);
		expect(world.simulator.store.cancellations.get('imp_100000000001')).toBe(1);
	});

	test("a DELETE reset before i'mport did anything is looked up and sent again", async () => {
		world.simulator.faults.add({ method: 'DELETE', action: 'reset' });
		const { success } = await world.engine.run(one, cancel({ options: quickRetries() }));
		expect(outcomes(success)).toEqual(['cancelled']);
		expect(receiptRequests(world.simulator).map((e) => `${e.method} ${e.status}`)).toEqual([
			'GET 200',
			'DELETE reset',
			'GET 200',
			'DELETE 200',
		]);
		expect(world.simulator.store.cancellations.get('imp_100000000001')).toBe(1);
	});

	test('an Issue whose connection drops is not sent again (it may have been issued)', async () => {
		world.simulator.faults.add({ method: 'POST', path: '/receipts/', action: 'reset' });
		const { error } = await world.engine.run([{ imp_uid: 'imp_200000000001' }], {
			resource: 'cashReceipt',
			operation: 'issue',
			impUid: '={{ $json.imp_uid }}',
			identifier: '01012345678',
			options: quickRetries({ retries: 3 }),
		});
		expect(error.message).toMatch(/connection to the server was closed unexpectedly/);
		expect(error.description).toMatch(/may have been issued anyway: look it up \(Get\)/);
		expect(world.simulator.requests('POST', '/receipts/')).toHaveLength(1);
	});

	test('an Issue answered 429 was not processed, so it is sent again', async () => {
		world.simulator.faults.add({
			method: 'POST',
			path: '/receipts/',
			action: 'status',
			status: 429,
		});
		const { success } = await world.engine.run([{ imp_uid: 'imp_200000000001' }], {
			resource: 'cashReceipt',
			operation: 'issue',
			impUid: '={{ $json.imp_uid }}',
			identifier: '01012345678',
			options: quickRetries({ retries: 1 }),
		});
		expect(outcomes(success)).toEqual(['issued']);
		expect(world.simulator.requests('POST', '/receipts/')).toHaveLength(2);
	});

	test('Max Requests per Second spaces request starts', async () => {
		const sheet = world.simulator.store.addIssuedPayments(12).map((imp_uid) => ({ imp_uid }));
		const { success } = await world.engine.run(
			sheet,
			cancel({
				skipAlreadyCancelled: false,
				options: { concurrency: 10, maxRequestsPerSecond: 20 },
			}),
		);
		expect(ids(success)).toEqual(sheet.map((i) => i.imp_uid));
		const starts = world.simulator.requests('DELETE').map((e) => e.arrivedAt);
		// 20 per second: any 11 consecutive starts leave n8n at least half a second apart. They are
		// timed on arrival, in the same process, so a busy event loop can bunch them by some tens of
		// ms; unpaced, at concurrency 10, the 11 would arrive within a few ms of each other.
		for (let n = 10; n < starts.length; n++)
			expect(starts[n] - starts[n - 10]).toBeGreaterThanOrEqual(400);
		expectNoSecrets(world.simulator, success);
	});
});
