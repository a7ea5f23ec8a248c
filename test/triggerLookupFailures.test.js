'use strict';
/**
 * I'mport Trigger when i'mport cannot be asked: 503s, resets, a look-up that never answers, a
 * refused secret and an expired token. Real n8n: e2e/trigger.js.
 */
const { triggerWorldPerTest, answerOf, SEEDED } = require('./helpers/triggerWorld');

const world = triggerWorldPerTest();
const { serve, lookups } = world;

describe("when i'mport cannot be asked", () => {
	test('503 twice: 503 to the sender, no execution, two attempts', async () => {
		world.simulator.faults.add({
			method: 'GET',
			path: '/payments/',
			action: 'status',
			status: 503,
			times: 2,
		});
		const { url, emitted } = await serve({ onUnverified: 'emit' });
		const result = await world.sender.notify(url, SEEDED.paid);
		expect(result.status).toBe(503);
		expect(answerOf(result).error).toMatch(/could not be checked/);
		expect(lookups()).toHaveLength(2);
		expect(emitted()).toEqual([]);
	});

	test('one transient failure is retried once, then the notification is verified', async () => {
		world.simulator.faults.add({ method: 'GET', path: '/payments/', action: 'reset', times: 1 });
		const { url, emitted } = await serve();
		expect((await world.sender.notify(url, SEEDED.paid)).status).toBe(200);
		expect(emitted()).toHaveLength(1);
	});

	test('a look-up that never answers: 503 when the Look-up Timeout is used up, no second attempt past it', async () => {
		world.simulator.faults.add({
			method: 'GET',
			path: '/payments/',
			action: 'hang',
			times: Infinity,
		});
		const { url, emitted } = await serve({ options: { timeoutMs: 1000 } });
		const result = await world.sender.notify(url, SEEDED.paid);
		expect(result.status).toBe(503);
		expect(lookups()).toHaveLength(1);
		expect(emitted()).toEqual([]);
	});

	test('a refused API secret: 503, and neither the secret nor a token in the answer', async () => {
		const { url, emitted, calls } = await serve(
			{},
			{ credential: { impSecret: 'wrong_secret_DO_NOT_LEAK' } },
		);
		const result = await world.sender.notify(url, SEEDED.paid);
		expect(result.status).toBe(503);
		expect(result.answer).not.toMatch(/DO_NOT_LEAK/);
		expect(emitted()).toEqual([]);
		expect(calls[0].error).toBeUndefined();
	});

	test('an expired token is renewed once and the look-up goes on', async () => {
		const { url, emitted } = await serve();
		await world.sender.notify(url, SEEDED.paid);
		world.simulator.expireAllTokens();
		await world.sender.notify(url, SEEDED.ready);
		expect(emitted().map((i) => i.verified)).toEqual([true, true]);
		expect(world.simulator.tokenRequests()).toHaveLength(2);
	});
});
