'use strict';
/**
 * The PortOne V2 simulator over plain HTTP: routing, strict path-segment decoding, list bodies on
 * GET, malformed bodies as the `{type, message}` INVALID_REQUEST, and the request log.
 */
const { simulatorPerTest, requestBody } = require('./helpers/portoneHttp');

const t = simulatorPerTest();

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
