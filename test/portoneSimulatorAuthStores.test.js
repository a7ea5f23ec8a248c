'use strict';
/**
 * The PortOne V2 simulator over plain HTTP: who may call (Authorization: PortOne <secret>) and on
 * which store (storeId query / body / filter, custom accounts).
 */
const { simulatorPerTest, requestBody, clientFor } = require('./helpers/portoneHttp');
const { createPortOneSimulator } = require('./portone-simulator/server');

const t = simulatorPerTest();

describe('Authorization', () => {
	const calls = [
		['GET', '/payments/pay-card-0001'],
		['GET', `/payments?${requestBody({})}`],
		['POST', '/payments/pay-card-0001/cancel'],
		['GET', '/payments/pay-transfer-0001/cash-receipt'],
		['POST', '/payments/pay-transfer-0001/cash-receipt/cancel'],
		['GET', '/cash-receipts'],
		['POST', '/cash-receipts'],
	];

	test.each(calls)(
		'%s %s: no header, an unknown secret, a Bearer token or a V1 secret are one and the same 401',
		async (method, url) => {
			const answers = [];
			for (const authorization of [
				undefined,
				'PortOne nope',
				'Bearer some-v1-access-token',
				'PortOne test_imp_secret_DO_NOT_LEAK',
				'PortOne',
				'',
			]) {
				const headers = authorization === undefined ? {} : { Authorization: authorization };
				answers.push(await t.bare.request({ method, url, headers, data: { reason: 'x' } }));
			}
			for (const answer of answers) {
				expect(answer.status).toBe(401);
				expect(answer.data.type).toBe('UNAUTHORIZED');
				expect(Object.keys(answer.data).sort()).toEqual(['message', 'type']);
			}
			// A V1 secret is told apart by nobody but the node: same answer as any unknown secret.
			expect(answers[3].data).toEqual(answers[1].data);
			expect(t.sim.payments.appliedCancellations('pay-card-0001')).toBe(0);
			expect(t.sim.cashReceipts.cancellationsOf('pay-transfer-0001')).toBe(0);
		},
	);

	test('the right secret works; the scheme is case-insensitive; the secret is not', async () => {
		const secret = t.sim.accounts.list[0].apiSecret;
		expect((await t.api.get('/payments/pay-card-0001')).status).toBe(200);
		expect(
			(
				await t.bare.get('/payments/pay-card-0001', {
					headers: { Authorization: `portone ${secret}` },
				})
			).status,
		).toBe(200);
		expect(
			(
				await t.bare.get('/payments/pay-card-0001', {
					headers: { Authorization: `PortOne ${secret.toUpperCase()}` },
				})
			).status,
		).toBe(401);
		expect(
			(
				await t.bare.get('/payments/pay-card-0001', {
					headers: { Authorization: `PortOne ${secret} extra` },
				})
			).status,
		).toBe(401);
	});
});

describe('storeId', () => {
	test('custom accounts: their first store is the default and gets the seeded payments and channels', async () => {
		const sim = createPortOneSimulator({
			accounts: [
				{
					apiSecret: 'custom-secret-0123456789',
					storeIds: ['store-custom-1', 'store-custom-2'],
					merchantId: 'merchant-custom',
				},
			],
		});
		const api = clientFor(await sim.start(), 'custom-secret-0123456789');
		try {
			expect((await api.get('/payments/pay-card-0001')).data).toMatchObject({
				storeId: 'store-custom-1',
				merchantId: 'merchant-custom',
				channel: { key: 'channel-key-live-kcp' },
			});
			expect(
				(await api.post('/payments/pay-async-0001/cancel', { reason: 'x' })).data.cancellation
					.status,
			).toBe('REQUESTED');
			expect(
				(
					await api.post('/cash-receipts', {
						paymentId: 'e-1',
						channelKey: 'channel-key-live-kcp',
						type: 'PERSONAL',
						orderName: 'x',
						currency: 'KRW',
						amount: { total: 100 },
						customer: { identityNumber: '0101' },
						storeId: 'store-custom-2',
					})
				).status,
			).toBe(200);
			expect((await api.get(`/payments/pay-card-0001?storeId=${t.storeA1}`)).status).toBe(403);
		} finally {
			await sim.stop();
		}
	});

	test('a storeId that is not a string, or given twice, is 400', async () => {
		expect(
			(await t.api.post('/payments/pay-card-0001/cancel', { reason: 'x', storeId: 7 })).data.type,
		).toBe('INVALID_REQUEST');
		expect(
			(await t.api.get(`/payments/pay-card-0001?storeId=${t.storeA1}&storeId=${t.storeA2}`)).data
				.type,
		).toBe('INVALID_REQUEST');
		expect(t.sim.payments.appliedCancellations('pay-card-0001')).toBe(0);
	});

	test("GET: absent = the secret's default store; another store of the same secret by ?storeId=", async () => {
		expect((await t.api.get('/payments/pay-store-a2-0001')).data.type).toBe('PAYMENT_NOT_FOUND');
		const named = await t.api.get(`/payments/pay-store-a2-0001?storeId=${t.storeA2}`);
		expect(named.status).toBe(200);
		expect(named.data.storeId).toBe(t.storeA2);
		expect((await t.api.get(`/payments/pay-card-0001?storeId=${t.storeA2}`)).status).toBe(404);
	});

	test('a store the secret may not use is 403 FORBIDDEN, on GET query, POST body and POST query', async () => {
		const get = await t.api.get(`/payments/pay-store-b-0001?storeId=${t.storeB}`);
		expect(get.status).toBe(403);
		expect(get.data.type).toBe('FORBIDDEN');
		const post = await t.api.post('/payments/pay-store-b-0001/cancel', {
			reason: 'x',
			storeId: t.storeB,
		});
		expect([post.status, post.data.type]).toEqual([403, 'FORBIDDEN']);
		const receipt = await t.api.post(
			`/payments/pay-transfer-0001/cash-receipt/cancel?storeId=${t.storeB}`,
		);
		expect([receipt.status, receipt.data.type]).toEqual([403, 'FORBIDDEN']);
		const unknown = await t.api.get('/payments/pay-card-0001?storeId=store-nope');
		expect(unknown.status).toBe(403);
		expect(t.sim.payments.appliedCancellations('pay-store-b-0001')).toBe(0);
		// Account B sees its own store by default, and nothing of A.
		expect((await t.apiB.get('/payments/pay-store-b-0001')).status).toBe(200);
		expect((await t.apiB.get('/payments/pay-card-0001')).status).toBe(404);
	});

	test('list filters: storeId narrows to one store, a foreign one is 403, absent lists every store of the secret', async () => {
		const all = await t.api.get(`/payments?${requestBody({ page: { size: 100 } })}`);
		const stores = new Set(all.data.items.map((p) => p.storeId));
		expect([...stores].sort()).toEqual([t.storeA1, t.storeA2].sort());
		const one = await t.api.get(
			`/payments?${requestBody({ page: { size: 100 }, filter: { storeId: t.storeA2 } })}`,
		);
		expect(one.data.items.map((p) => p.id)).toEqual(['pay-store-a2-0001']);
		expect(
			(await t.api.get(`/payments?${requestBody({ filter: { storeId: t.storeB } })}`)).status,
		).toBe(403);
		expect(
			(await t.api.get(`/payments?${requestBody({ filter: { merchantId: 'merchant-other' } })}`))
				.status,
		).toBe(403);
		expect(
			(await t.api.get(`/cash-receipts?${requestBody({ filter: { storeId: t.storeB } })}`)).status,
		).toBe(403);
	});
});
