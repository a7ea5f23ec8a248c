'use strict';
/**
 * Fault injection on the PortOne V2 simulator (the V1 engine's actions with V2 bodies, the seeded
 * mix, holds, latency with seeded jitter): what each fault does to the request and whether the
 * work was applied, so the node's tests can tell "not done" from "done, answer lost".
 */
const { simulatorPerTest, clientFor, idemKey, START } = require('./helpers/portoneHttp');
const { createPortOneSimulator } = require('./portone-simulator/server');

const t = simulatorPerTest();
const cancel = (id, body = { reason: 'x' }, options) =>
	t.api.post(`/payments/${id}/cancel`, body, options);
const moved = (id) => t.sim.payments.appliedCancellations(id);

describe('single faults', () => {
	test('status: answers instead of PortOne, in the V2 shape unless a body is given; nothing runs', async () => {
		t.sim.faults.add({ method: 'POST', path: '/payments/', action: 'status', status: 503 });
		const plain = await cancel('pay-card-0001');
		expect([plain.status, plain.data]).toEqual([
			503,
			{ type: 'SIMULATED_FAULT', message: 'simulated HTTP 503' },
		]);
		t.sim.faults.add({
			action: 'status',
			status: 429,
			body: { type: 'TOO_MANY' },
			headers: { 'Retry-After': '2' },
		});
		const limited = await t.api.get('/payments/pay-card-0001');
		expect([limited.status, limited.headers['retry-after'], limited.data.type]).toEqual([
			429,
			'2',
			'TOO_MANY',
		]);
		expect(moved('pay-card-0001')).toBe(0);
		expect((await cancel('pay-card-0001')).status).toBe(200);
	});

	test("unauthorized answers PortOne's 401 body", async () => {
		t.sim.faults.add({ action: 'unauthorized' });
		const answer = await t.api.get('/payments/pay-card-0001');
		expect([answer.status, answer.data.type]).toEqual([401, 'UNAUTHORIZED']);
	});

	test('reset and hang: the connection fails, nothing is applied', async () => {
		t.sim.faults.add({ method: 'POST', action: 'reset' });
		await expect(cancel('pay-card-0001')).rejects.toMatchObject({
			code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED/),
		});
		t.sim.faults.add({ method: 'POST', action: 'hang' });
		await expect(cancel('pay-card-0001', { reason: 'x' }, { timeout: 200 })).rejects.toThrow();
		expect(moved('pay-card-0001')).toBe(0);
		expect(t.sim.log.map((e) => e.status)).toEqual(['reset', 'hang']);
	});

	test('applyThenReset, applyThenHang, applyThenStatus: applied exactly once, the answer never says so', async () => {
		t.sim.faults.add({
			method: 'POST',
			path: '/payments/pay-card-0001/',
			action: 'applyThenReset',
		});
		await expect(cancel('pay-card-0001', { reason: 'ref:F-1', amount: 1000 })).rejects.toThrow();
		t.sim.faults.add({ method: 'POST', path: '/payments/pay-card-0001/', action: 'applyThenHang' });
		await expect(
			cancel('pay-card-0001', { reason: 'ref:F-2', amount: 1000 }, { timeout: 200 }),
		).rejects.toThrow();
		t.sim.faults.add({
			method: 'POST',
			path: '/payments/pay-card-0001/',
			action: 'applyThenStatus',
			status: 504,
		});
		const gateway = await cancel('pay-card-0001', { reason: 'ref:F-3', amount: 1000 });
		expect([gateway.status, gateway.data.type]).toEqual([504, 'SIMULATED_FAULT']);
		expect(moved('pay-card-0001')).toBe(3);
		expect(t.sim.log.map((e) => [e.status, e.appliedStatus])).toEqual([
			['reset', 200],
			['hang', 200],
			[504, 200],
		]);
		const payment = (await t.api.get('/payments/pay-card-0001')).data;
		expect(payment.cancellations.map((c) => c.reason)).toEqual(['ref:F-1', 'ref:F-2', 'ref:F-3']);
	});

	test('nonJson answers an HTML page with the given status', async () => {
		t.sim.faults.add({ action: 'nonJson', status: 502 });
		const html = await t.api.get('/payments/pay-card-0001');
		expect([html.status, html.headers['content-type'], typeof html.data]).toEqual([
			502,
			'text/html',
			'string',
		]);
	});

	test('rules fire `times` times and count it; path as prefix or RegExp; clear() removes them', async () => {
		const rule = t.sim.faults.add({
			method: 'GET',
			path: /^\/payments\/pay-card-000\d$/,
			action: 'status',
			status: 500,
			times: 2,
		});
		const statuses = [];
		for (const id of ['pay-card-0001', 'pay-card-0002', 'pay-card-0001'])
			statuses.push((await t.api.get(`/payments/${id}`)).status);
		expect(statuses).toEqual([500, 500, 200]);
		expect(rule.fired).toBe(2);
		t.sim.faults.add({ action: 'status', status: 500, times: Infinity });
		t.sim.faults.clear();
		expect((await t.api.get('/payments/pay-card-0001')).status).toBe(200);
	});
});

describe('holds, hooks and latency', () => {
	test('a hold parks one request until released, without sleeping', async () => {
		const hold = t.sim.faults.hold({ method: 'POST' });
		const parked = cancel('pay-card-0001', { reason: 'x', amount: 100 });
		const entry = await hold.arrived;
		expect(entry.operation).toBe('cancelPayment');
		expect(moved('pay-card-0001')).toBe(0);
		// Other requests pass meanwhile.
		expect((await t.api.get('/payments/pay-card-0001')).status).toBe(200);
		hold.release();
		expect((await parked).status).toBe(200);
		expect(moved('pay-card-0001')).toBe(1);
	});

	test('hooks.onRequest sees each request first, e.g. to move the clock', async () => {
		t.sim.hooks.onRequest = (entry) => {
			if (entry.method === 'POST') t.sim.clock.advance(3600);
		};
		const { data } = await cancel('pay-card-0001');
		expect(data.cancellation.cancelledAt).toBe(new Date(START + 3600_000).toISOString());
	});

	test('latency with seeded jitter: the same seed gives the same delays; answers are unchanged', async () => {
		const delaysOf = async (seed) => {
			const sim = createPortOneSimulator({ startAt: START });
			const api = clientFor(await sim.start(), sim.accounts.list[0].apiSecret);
			sim.faults.setLatency(5, 20, seed);
			const spy = jest.spyOn(globalThis, 'setTimeout');
			try {
				for (let n = 0; n < 5; n++)
					expect((await api.get('/payments/pay-card-0001')).status).toBe(200);
				return spy.mock.calls
					.map(([, ms]) => ms)
					.filter((ms) => ms >= 5 && ms < 25 && !Number.isInteger(ms));
			} finally {
				spy.mockRestore();
				await sim.stop();
			}
		};
		const first = await delaysOf(42);
		expect(first).toHaveLength(5);
		expect(await delaysOf(42)).toEqual(first);
		expect(await delaysOf(43)).not.toEqual(first);
	});
});

describe('a seeded mix', () => {
	const ACTIONS = [
		{ action: 'status', status: 502 },
		{ action: 'reset' },
		{ action: 'applyThenReset' },
		{ action: 'nonJson' },
	];
	const APPLIES = new Set([undefined, 'applyThenReset']);

	async function run(seed) {
		const sim = createPortOneSimulator({ startAt: START, seed: false });
		const api = clientFor(await sim.start(), sim.accounts.list[0].apiSecret);
		try {
			const ids = sim.payments.addMany(60, { prefix: `pay-mix-${seed}-`, total: 1000 });
			sim.faults.mix({ seed, rate: 0.5, actions: ACTIONS, method: 'POST', path: '/payments/' });
			for (const id of ids) {
				await api
					.post(
						`/payments/${id}/cancel`,
						{ reason: 'x' },
						{ headers: { 'Idempotency-Key': idemKey('mix') } },
					)
					.catch(() => null);
			}
			const faults = sim.log.map((e) => e.fault);
			// Money moved exactly where the work ran, never twice.
			ids.forEach((id, n) =>
				expect(sim.payments.appliedCancellations(id)).toBe(APPLIES.has(faults[n]) ? 1 : 0),
			);
			return faults;
		} finally {
			await sim.stop();
		}
	}

	test('the same seed draws the same faults for the same requests; another seed others', async () => {
		const first = await run(7);
		expect(new Set(first.filter(Boolean))).toEqual(
			new Set(['status', 'reset', 'applyThenReset', 'nonJson']),
		);
		const share = first.filter(Boolean).length / first.length;
		expect(share).toBeGreaterThan(0.2);
		expect(share).toBeLessThan(0.8);
		expect(await run(7)).toEqual(first);
		expect(await run(8)).not.toEqual(first);
	});
});
