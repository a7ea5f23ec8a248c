'use strict';
/**
 * The PortOne V2 simulator over plain HTTP: who may call (Authorization: PortOne <secret>), on
 * which store (storeId query / body / filter), routing, strict path-segment decoding, list bodies
 * on GET, the `{type, message}` error shape and the request log.
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

describe('routes and paths', () => {
	test.each([
		['GET', '/'],
		['GET', '/payment/pay-card-0001'],
		['DELETE', '/payments/pay-card-0001'],
		['GET', '/payments/pay-card-0001/cancel'],
		['POST', '/payments/pay-card-0001'],
		['GET', '/payments/'],
		['POST', '/payments//cancel'],
		['GET', '/payments-by-cursor'],
	])('%s %s is 404 NOT_FOUND, before authentication', async (method, url) => {
		const answer = await t.bare.request({ method, url });
		expect(answer.status).toBe(404);
		expect(answer.data.type).toBe('NOT_FOUND');
	});

	test.each([
		'pay/with/slashes',
		'pay with spaces',
		'결제-한글-0001',
		'pay?#&=+%',
		'pay.with.dots',
	])('paymentId %j is one URL-encoded segment, decoded strictly', async (id) => {
		t.sim.payments.add({ id, total: 777 });
		const found = await t.api.get(`/payments/${encodeURIComponent(id)}`);
		expect(found.status).toBe(200);
		expect(found.data).toMatchObject({ id, amount: { total: 777 } });
		const cancelled = await t.api.post(`/payments/${encodeURIComponent(id)}/cancel`, {
			reason: 'ref:특수',
		});
		expect(cancelled.status).toBe(200);
		expect(t.sim.payments.appliedCancellations(id)).toBe(1);
	});

	test('an unencoded "/" splits the id (404), "+" is not a space, bad %-escapes are 400', async () => {
		t.sim.payments.add({ id: 'a/b' });
		t.sim.payments.add({ id: 'a+b' });
		expect((await t.api.get('/payments/a/b')).status).toBe(404);
		expect((await t.api.get('/payments/a+b')).data.id).toBe('a+b');
		const bad = await t.api.get('/payments/%E0%A4%A');
		expect([bad.status, bad.data.type]).toEqual([400, 'INVALID_REQUEST']);
	});
});

describe('list bodies on GET and malformed input', () => {
	test('the same list query as a GET body or as ?requestBody=, but not both', async () => {
		const query = { page: { number: 0, size: 3 }, filter: { status: ['PAID'] } };
		const byQuery = await t.api.get(`/payments?${requestBody(query)}`);
		const byBody = await t.api.request({ method: 'GET', url: '/payments', data: query });
		expect(byQuery.status).toBe(200);
		expect(byBody.data).toEqual(byQuery.data);
		const both = await t.api.request({
			method: 'GET',
			url: `/payments?${requestBody(query)}`,
			data: query,
		});
		expect([both.status, both.data.type]).toEqual([400, 'INVALID_REQUEST']);
	});

	test('bodies that are not JSON objects are 400 INVALID_REQUEST, whatever the Content-Type', async () => {
		for (const raw of ['{bad', '[1]', 'null', '"x"', 'reason=x']) {
			for (const contentType of [
				'application/json',
				'text/plain',
				'application/x-www-form-urlencoded',
			]) {
				const answer = await t.api.post('/payments/pay-card-0001/cancel', raw, {
					headers: { 'content-type': contentType },
				});
				expect([answer.status, answer.data.type]).toEqual([400, 'INVALID_REQUEST']);
			}
		}
		expect((await t.api.get(`/payments?requestBody=${encodeURIComponent('{oops')}`)).status).toBe(
			400,
		);
		expect(t.sim.payments.appliedCancellations('pay-card-0001')).toBe(0);
		// No Content-Type at all, as the SDK sends: read as JSON.
		const plain = await t.api.post(
			'/payments/pay-card-0001/cancel',
			JSON.stringify({ reason: 'x' }),
			{ headers: { 'content-type': '' } },
		);
		expect(plain.status).toBe(200);
	});
});

describe('request log', () => {
	test('each request with method, path, query, body, operation, account, store and answer', async () => {
		await t.api.get(`/payments/pay-card-0001?storeId=${t.storeA1}`);
		await t.api.post('/payments/pay-card-0001/cancel', { reason: 'ref:LOG-1', amount: 100 });
		await t.bare.get('/payments/pay-card-0001');
		const [get, cancel, anonymous] = t.sim.log;
		expect(get).toMatchObject({
			seq: 0,
			method: 'GET',
			rawPath: '/payments/pay-card-0001',
			operation: 'getPayment',
			storeId: t.storeA1,
			status: 200,
		});
		expect(get.query.get('storeId')).toBe(t.storeA1);
		expect(cancel).toMatchObject({
			method: 'POST',
			operation: 'cancelPayment',
			body: { reason: 'ref:LOG-1', amount: 100 },
			status: 200,
		});
		expect(cancel.answer.cancellation.reason).toBe('ref:LOG-1');
		expect(cancel.account).toBe(t.sim.accounts.list[0].merchantId);
		expect(anonymous).toMatchObject({ status: 401, answer: { type: 'UNAUTHORIZED' } });
		expect(anonymous.account).toBeUndefined();
		expect(t.sim.requests('POST', '/payments/')).toHaveLength(1);
		expect(JSON.stringify([get.body, cancel.body, cancel.answer])).not.toContain(
			t.sim.accounts.list[0].apiSecret,
		);
	});
});
