'use strict';
/**
 * I'mport Trigger, the sender check: which addresses are served, and X-Forwarded-For only behind
 * a proxy n8n trusts (N8N_PROXY_HOPS). Real n8n: e2e/trigger.js.
 */
const { triggerWorldPerTest, answerOf, SEEDED } = require('./helpers/triggerWorld');

const world = triggerWorldPerTest();
const { serve, lookups } = world;

describe('sender check', () => {
	const body = () => world.sender.notificationFor(SEEDED.paid);

	test('off (default): any address is served', async () => {
		const { url, emitted } = await serve();
		await world.sender.post(url, body(), { localAddress: '127.0.0.9' });
		expect(emitted()).toHaveLength(1);
	});

	test("on, i'mport's documented addresses: a loopback sender gets 403, nothing is looked up", async () => {
		const { url, emitted } = await serve({ checkSender: true });
		const result = await world.sender.post(url, body());
		expect(result.status).toBe(403);
		expect(answerOf(result)).toEqual({ error: 'This sender is not allowed' });
		expect(lookups()).toEqual([]);
		expect(emitted()).toEqual([]);
	});

	test('on, an edited list: only the listed address gets through', async () => {
		const { url, emitted } = await serve({
			checkSender: true,
			allowedSenders: '52.78.100.19, 127.0.0.2',
		});
		expect((await world.sender.post(url, body(), { localAddress: '127.0.0.2' })).status).toBe(200);
		expect((await world.sender.post(url, body(), { localAddress: '127.0.0.3' })).status).toBe(403);
		expect(emitted()).toHaveLength(1);
	});

	test('X-Forwarded-For is ignored unless n8n trusts a proxy (N8N_PROXY_HOPS)', async () => {
		const { url } = await serve({ checkSender: true });
		const result = await world.sender.post(url, body(), {
			headers: { 'x-forwarded-for': '52.78.100.19' },
		});
		expect(result.status).toBe(403);
	});

	test('behind one trusted proxy: the address the proxy saw decides; a forged earlier entry does not help', async () => {
		const { url, emitted } = await serve({ checkSender: true }, { proxyHops: 1 });
		expect(
			(await world.sender.post(url, body(), { headers: { 'x-forwarded-for': '52.78.48.223' } }))
				.status,
		).toBe(200);
		expect(
			(
				await world.sender.post(url, body(), {
					headers: { 'x-forwarded-for': '52.78.100.19, 203.0.113.7' },
				})
			).status,
		).toBe(403);
		expect(emitted()).toHaveLength(1);
	});

	test('an invalid entry refuses everyone (a typo must not open the door)', async () => {
		const { url } = await serve({ checkSender: true, allowedSenders: '127.0.0.1, 52.78.100.300' });
		expect((await world.sender.post(url, body())).status).toBe(403);
	});
});
