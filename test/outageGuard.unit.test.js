'use strict';
/** The run-wide outage guard (circuit breaker) and the pool's put-back, as pure pieces. */
const { OutageGuard } = require('../dist/nodes/engine/outageGuard.js');
const { runInOrder, PutBack } = require('../dist/nodes/engine/pool.js');

const settings = (extra = {}) => ({
	outageWindow: 4,
	outageFailurePercent: 75,
	maxOutageWaitMs: 60_000,
	retryWaitMs: 1,
	...extra,
});
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Makes one call through the guard with the given verdict. */
async function call(guard, verdict) {
	const ticket = await guard.beforeCall();
	if (ticket) guard.record(ticket, verdict);
	return ticket;
}

describe('OutageGuard', () => {
	test('judges only a full window, and pauses at the failure share', async () => {
		const guard = new OutageGuard(settings());
		for (let n = 0; n < 3; n++) await call(guard, 'failed');
		expect(guard.paused).toBe(false); // 3 calls: fewer than the window
		await call(guard, 'answered');
		expect(guard.paused).toBe(false); // an answer never pauses, though 3 of these 4 failed
		await call(guard, 'failed');
		expect(guard.paused).toBe(true); // last 4: failed, failed, answered, failed = 75 %
	});

	test('failures for other reasons (not transient) do not count', async () => {
		const guard = new OutageGuard(settings());
		for (let n = 0; n < 10; n++) await call(guard, 'other');
		expect(guard.paused).toBe(false);
	});

	test('while paused every caller waits; one probe goes; its answer lets all go on', async () => {
		const guard = new OutageGuard(settings());
		for (let n = 0; n < 4; n++) await call(guard, 'failed');
		expect(guard.paused).toBe(true);
		const tickets = [];
		const waiting = Array.from({ length: 5 }, () =>
			guard.beforeCall().then((ticket) => tickets.push(ticket)),
		);
		for (let n = 0; n < 20 && tickets.length === 0; n++)
			await new Promise((resolve) => setTimeout(resolve, 20));
		expect(tickets).toEqual([{ probe: true }]);
		guard.record(tickets[0], 'answered');
		await Promise.all(waiting);
		expect(tickets.slice(1)).toEqual(Array(4).fill({ probe: false }));
		expect(guard.paused).toBe(false);
		// A fresh judgement after the pause: one more failure does not pause again.
		await call(guard, 'failed');
		expect(guard.paused).toBe(false);
	});

	test('a failed probe keeps the pause; after the longest wait the guard gives up and nothing more is sent', async () => {
		const guard = new OutageGuard(settings({ maxOutageWaitMs: 300 }));
		for (let n = 0; n < 4; n++) await call(guard, 'failed');
		const probes = [];
		let ticket;
		for (let n = 0; n < 50; n++) {
			ticket = await guard.beforeCall();
			if (!ticket) break;
			probes.push(ticket.probe);
			guard.record(ticket, 'failed');
		}
		expect(ticket).toBeUndefined();
		expect(probes.length).toBeGreaterThan(0);
		expect(probes.every(Boolean)).toBe(true);
		expect(guard.unavailable).toBe(true);
		expect(guard.lastJudged).toEqual({ failed: 4, calls: 4 });
		expect(await guard.beforeCall()).toBeUndefined();
	});

	test("Max Outage Wait 0: gives up as soon as the window says i'mport is down", async () => {
		const guard = new OutageGuard(settings({ maxOutageWaitMs: 0 }));
		for (let n = 0; n < 4; n++) await call(guard, 'failed');
		expect(guard.unavailable).toBe(true);
		expect(await guard.beforeCall()).toBeUndefined();
	});

	test('Outage Window 0 turns the guard off', async () => {
		const guard = new OutageGuard(settings({ outageWindow: 0 }));
		for (let n = 0; n < 20; n++) expect(await call(guard, 'failed')).toEqual({ probe: false });
		expect(guard.paused).toBe(false);
	});

	test('stop() releases every waiting caller without a call', async () => {
		const guard = new OutageGuard(settings());
		for (let n = 0; n < 4; n++) await call(guard, 'failed');
		const waiting = Array.from({ length: 3 }, () => guard.beforeCall());
		await tick();
		guard.stop();
		// Released unsent, including the one that was waiting to make the probe.
		expect(await Promise.all(waiting)).toEqual([undefined, undefined, undefined]);
	});
});

describe('runInOrder put-back', () => {
	test('an item put back goes again once an answer came after it failed', async () => {
		let answers = 0;
		const calls = [];
		const results = await runInOrder(
			6,
			2,
			async (index) => {
				calls.push(index);
				await tick();
				// Items 0 and 1 fail on their first go (before any answer); every other go is answered.
				if (index < 2 && calls.filter((n) => n === index).length === 1)
					return new PutBack(`failed ${index}`);
				answers++;
				return `done ${index}`;
			},
			() => answers > 0,
			() => false,
			() => answers,
		);
		expect(results).toEqual(['done 0', 'done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
		expect(calls.filter((n) => n === 0)).toHaveLength(2);
	});

	test('without a later answer a put-back item keeps its result; and goes again at most twice', async () => {
		const none = await runInOrder(
			3,
			2,
			async (index) => new PutBack(`failed ${index}`),
			() => false,
			() => false,
			() => 0,
		);
		expect(none).toEqual(['failed 0', 'failed 1', 'failed 2']);

		let answers = 0;
		const goes = new Map();
		const results = await runInOrder(
			10,
			3,
			async (index) => {
				goes.set(index, (goes.get(index) ?? 0) + 1);
				await tick();
				if (index === 0) return new PutBack("i'mport keeps failing this one");
				answers++;
				return index;
			},
			() => true,
			() => false,
			() => answers,
		);
		expect(results[0]).toBe("i'mport keeps failing this one");
		expect(goes.get(0)).toBeLessThanOrEqual(3);
		expect(results.slice(1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
	});
});
