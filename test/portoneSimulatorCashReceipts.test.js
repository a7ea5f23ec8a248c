'use strict';
/**
 * The cash-receipt operations of the PortOne V2 simulator over plain HTTP: look-up by payment,
 * the list with its FAILED vs ISSUE_FAILED filter mismatch, manual issue and its errors, and
 * cancel with CASH_RECEIPT_NOT_FOUND kept apart from CASH_RECEIPT_NOT_ISSUED.
 */
const { simulatorPerTest, requestBody, START } = require('./helpers/portoneHttp');

const t = simulatorPerTest();
const DAY = 86400_000;
const ISSUE = {
	paymentId: 'ext-order-0100',
	channelKey: 'channel-key-live-kcp',
	type: 'PERSONAL',
	orderName: '외부 결제 주문',
	currency: 'KRW',
	amount: { total: 11000 },
	customer: { identityNumber: '01012345678' },
};
const issue = (body) => t.api.post('/cash-receipts', body);
const cancelReceipt = (id, query = '') =>
	t.api.post(`/payments/${encodeURIComponent(id)}/cash-receipt/cancel${query}`);
const list = (query) => t.api.get(`/cash-receipts?${requestBody(query)}`);

describe('GET /payments/{paymentId}/cash-receipt', () => {
	test("answers the receipt in its status's shape", async () => {
		const issued = await t.api.get('/payments/pay-transfer-0001/cash-receipt');
		expect(issued.status).toBe(200);
		expect(issued.data).toMatchObject({
			status: 'ISSUED',
			paymentId: 'pay-transfer-0001',
			amount: 33000,
			vatAmount: 3000,
			currency: 'KRW',
			isManual: false,
			type: 'PERSONAL',
		});
		for (const field of [
			'merchantId',
			'storeId',
			'channel',
			'orderName',
			'issueNumber',
			'issuedAt',
			'pgReceiptId',
			'url',
		])
			expect(issued.data).toHaveProperty(field);
		expect(
			(await t.api.get('/payments/pay-receipt-cancelled-0001/cash-receipt')).data,
		).toMatchObject({ status: 'CANCELLED', cancelledAt: expect.any(String) });
		const failed = (await t.api.get('/payments/pay-receipt-failed-0001/cash-receipt')).data;
		expect(failed.status).toBe('ISSUE_FAILED');
		expect(failed).not.toHaveProperty('issueNumber');
		expect((await t.api.get('/payments/ext-order-0001/cash-receipt')).data).toMatchObject({
			status: 'ISSUED',
			isManual: true,
			amount: 44000,
		});
	});

	test('404 CASH_RECEIPT_NOT_FOUND for a payment without one, an unknown id or another store', async () => {
		for (const url of [
			'/payments/pay-card-0001/cash-receipt',
			'/payments/nope/cash-receipt',
			`/payments/pay-transfer-0001/cash-receipt?storeId=${t.storeA2}`,
		]) {
			const answer = await t.api.get(url);
			expect([answer.status, answer.data.type]).toEqual([404, 'CASH_RECEIPT_NOT_FOUND']);
		}
	});
});

describe('POST /payments/{paymentId}/cash-receipt/cancel', () => {
	test('cancels once: {cancelledAmount, cancelledAt}; the receipt and the payment show it', async () => {
		t.sim.clock.advance(30);
		const answer = await cancelReceipt('pay-transfer-0001');
		expect(answer.status).toBe(200);
		expect(answer.data).toEqual({
			cancelledAmount: 33000,
			cancelledAt: new Date(START + 30_000).toISOString(),
		});
		expect((await t.api.get('/payments/pay-transfer-0001/cash-receipt')).data.status).toBe(
			'CANCELLED',
		);
		expect((await t.api.get('/payments/pay-transfer-0001')).data).toMatchObject({
			cashReceipt: { status: 'CANCELLED' },
			cashReceiptIssuanceStatus: 'NOT_ISSUED',
		});
		const again = await cancelReceipt('pay-transfer-0001');
		expect([again.status, again.data.type]).toEqual([404, 'CASH_RECEIPT_NOT_ISSUED']);
		expect(t.sim.cashReceipts.cancellationsOf('pay-transfer-0001')).toBe(1);
	});

	test('NOT_FOUND (no receipt at all) and NOT_ISSUED (one that is not ISSUED) are kept apart', async () => {
		for (const id of ['pay-card-0001', 'nope'])
			expect((await cancelReceipt(id)).data.type).toBe('CASH_RECEIPT_NOT_FOUND');
		for (const id of ['pay-receipt-failed-0001', 'pay-receipt-cancelled-0001']) {
			const answer = await cancelReceipt(id);
			expect([answer.status, answer.data.type]).toEqual([404, 'CASH_RECEIPT_NOT_ISSUED']);
		}
		expect(t.sim.cashReceipts.cancellationsOf('pay-receipt-cancelled-0001')).toBe(0);
	});

	test('502 PG_PROVIDER from a refusing PG; storeId is a query parameter; no body needed', async () => {
		const refused = await cancelReceipt('pay-receipt-pg-error-0001');
		expect(refused.status).toBe(502);
		expect(refused.data).toMatchObject({
			type: 'PG_PROVIDER',
			pgCode: expect.any(String),
			pgMessage: expect.any(String),
		});
		expect(t.sim.cashReceipts.get('pay-receipt-pg-error-0001').status).toBe('ISSUED');
		expect((await cancelReceipt('pay-transfer-0001', `?storeId=${t.storeA2}`)).data.type).toBe(
			'CASH_RECEIPT_NOT_FOUND',
		);
		expect((await cancelReceipt('pay-transfer-0001', `?storeId=${t.storeA1}`)).status).toBe(200);
	});
});

describe('POST /cash-receipts', () => {
	test('issues: {cashReceipt:{issueNumber, url, pgReceiptId}}; the look-up then shows it', async () => {
		const answer = await issue(ISSUE);
		expect(answer.status).toBe(200);
		expect(Object.keys(answer.data.cashReceipt).sort()).toEqual([
			'issueNumber',
			'pgReceiptId',
			'url',
		]);
		const receipt = (await t.api.get('/payments/ext-order-0100/cash-receipt')).data;
		expect(receipt).toMatchObject({
			status: 'ISSUED',
			isManual: true,
			amount: 11000,
			vatAmount: 1000,
			taxFreeAmount: 0,
			issueNumber: answer.data.cashReceipt.issueNumber,
		});
	});

	test('409 CASH_RECEIPT_ALREADY_ISSUED over an issued one; a cancelled one may be issued again', async () => {
		const twice = await issue({ ...ISSUE, paymentId: 'pay-transfer-0001' });
		expect([twice.status, twice.data.type]).toEqual([409, 'CASH_RECEIPT_ALREADY_ISSUED']);
		const reissue = await issue({
			...ISSUE,
			paymentId: 'pay-receipt-cancelled-0001',
			amount: { total: 20000, taxFree: 2000, vat: 1500 },
		});
		expect(reissue.status).toBe(200);
		expect(t.sim.cashReceipts.get('pay-receipt-cancelled-0001')).toMatchObject({
			status: 'ISSUED',
			amount: 20000,
			taxFreeAmount: 2000,
			vatAmount: 1500,
		});
	});

	test('404 CHANNEL_NOT_FOUND for an unknown channel or one of another store', async () => {
		for (const channelKey of ['channel-key-nope', 'channel-key-b-live']) {
			const answer = await issue({ ...ISSUE, channelKey });
			expect([answer.status, answer.data.type]).toEqual([404, 'CHANNEL_NOT_FOUND']);
		}
		expect(
			(await issue({ ...ISSUE, channelKey: 'channel-key-a2-live', storeId: t.storeA2 })).status,
		).toBe(200);
	});

	test('502 PG_PROVIDER from a refusing PG leaves an ISSUE_FAILED receipt', async () => {
		const answer = await issue({ ...ISSUE, channelKey: 'channel-key-pg-error' });
		expect([answer.status, answer.data.type]).toEqual([502, 'PG_PROVIDER']);
		expect(t.sim.cashReceipts.get('ext-order-0100').status).toBe('ISSUE_FAILED');
		expect((await issue(ISSUE)).status).toBe(200);
	});

	test.each([
		['no body', undefined],
		['no paymentId', { ...ISSUE, paymentId: undefined }],
		['bad type', { ...ISSUE, type: 'PERSON' }],
		['no customer number', { ...ISSUE, customer: {} }],
		['amount as a number', { ...ISSUE, amount: 11000 }],
		['a string total', { ...ISSUE, amount: { total: '11000' } }],
		['taxFree above total', { ...ISSUE, amount: { total: 1000, taxFree: 1001 } }],
		['bad currency', { ...ISSUE, currency: 'won' }],
		['bad paidAt', { ...ISSUE, paidAt: 'yesterday' }],
	])('400 INVALID_REQUEST: %s', async (_name, body) => {
		const answer = await issue(body);
		expect([answer.status, answer.data.type]).toEqual([400, 'INVALID_REQUEST']);
	});
});

describe('GET /cash-receipts', () => {
	test("all receipts of the secret's stores, newest issue first, page {number, size, totalCount}", async () => {
		const { status, data } = await list({});
		expect(status).toBe(200);
		expect(data.page).toEqual({ number: 0, size: 10, totalCount: 6 });
		const times = data.items.filter((r) => r.issuedAt).map((r) => Date.parse(r.issuedAt));
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(data.items.map((r) => r.paymentId)).toContain('ext-order-0001');
	});

	test('statuses: FAILED (the filter enum) selects ISSUE_FAILED receipts; ISSUE_FAILED is refused', async () => {
		expect(
			(await list({ filter: { statuses: ['FAILED'] } })).data.items.map((r) => [
				r.paymentId,
				r.status,
			]),
		).toEqual([['pay-receipt-failed-0001', 'ISSUE_FAILED']]);
		const refused = await list({ filter: { statuses: ['ISSUE_FAILED'] } });
		expect([refused.status, refused.data.type]).toEqual([400, 'INVALID_REQUEST']);
		expect(
			(await list({ filter: { statuses: ['CANCELLED'] } })).data.items.map((r) => r.paymentId),
		).toEqual(['pay-receipt-cancelled-0001']);
	});

	test('filters: paymentId, isManual, types, window and time field; sort; unsimulated filters refused', async () => {
		expect((await list({ filter: { paymentId: 'pay-transfer-0001' } })).data.items).toHaveLength(1);
		expect((await list({ filter: { isManual: true } })).data.items.map((r) => r.paymentId)).toEqual(
			['ext-order-0001'],
		);
		expect((await list({ filter: { types: ['CORPORATE'] } })).data.items).toEqual([]);
		const window = {
			from: new Date(START - 2 * DAY).toISOString(),
			until: new Date(START).toISOString(),
		};
		expect((await list({ filter: window })).data.items.map((r) => r.paymentId)).not.toContain(
			'ext-order-0001',
		);
		const byCancel = await list({ filter: { timeRangeField: 'CANCELLED_AT' } });
		expect(byCancel.data.items.map((r) => r.paymentId)).toEqual(['pay-receipt-cancelled-0001']);
		const asc = await list({ sort: { by: 'ISSUED_AT', order: 'ASC' } });
		expect(asc.data.items[0].paymentId).toBe('ext-order-0001');
		expect((await list({ sort: { by: 'AMOUNT' } })).status).toBe(400);
		expect((await list({ filter: { pgCompanies: ['KCP'] } })).data.message).toMatch(
			/not simulated/,
		);
		expect((await list({ page: { number: 1, size: 4 } })).data.items).toHaveLength(2);
	});
});
