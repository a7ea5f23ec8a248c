'use strict';
/**
 * GET /payments of the PortOne V2 simulator over plain HTTP: paging and its 60,000 bound, the
 * 90-day default window, filters (incl. PENDING for PAY_PENDING), text search and sorting.
 */
const { simulatorPerTest, requestBody, START } = require('./helpers/portoneHttp');
const { createPortOneSimulator } = require('./portone-simulator/server');

const DAY = 86400_000;
const t = simulatorPerTest();
const list = (query) => t.api.get(`/payments?${requestBody(query)}`);
const ids = (answer) => answer.data.items.map((p) => p.id);

describe('GET /payments paging', () => {
	test('default page 0 of 10, answer {items, page:{number,size,totalCount}}', async () => {
		const { status, data } = await t.api.get('/payments');
		expect(status).toBe(200);
		expect(data.items).toHaveLength(10);
		expect(data.page).toEqual({ number: 0, size: 10, totalCount: 10 });
	});

	test('(number + 1) * size may be 60,000 and not one more', async () => {
		for (const page of [
			{ number: 5999, size: 10 },
			{ number: 0, size: 60000 },
			{ number: 2, size: 20000 },
		]) {
			expect((await list({ page })).status).toBe(200);
		}
		for (const page of [
			{ number: 6000, size: 10 },
			{ number: 0, size: 60001 },
			{ number: 2, size: 20001 },
		]) {
			const refused = await list({ page });
			expect([refused.status, refused.data.type]).toEqual([400, 'INVALID_REQUEST']);
		}
		for (const page of [{ size: 0 }, { number: -1 }, { size: 'ten' }, { size: 2.5 }, 'first']) {
			expect((await list({ page })).status).toBe(400);
		}
	});

	test('pages until a short page: each payment once, newest status change first', async () => {
		const added = t.sim.payments.addMany(45, {
			prefix: 'pay-paged-',
			each: (n) => ({ paidAt: START - DAY - n * 60_000, requestedAt: START - 2 * DAY }),
		});
		const seen = [];
		let page = 0;
		for (let guard = 0; guard < 20; guard++, page++) {
			const { data } = await list({
				page: { number: page, size: 20 },
				filter: { textSearch: [{ field: 'PAYMENT_ID', value: 'pay-paged-' }] },
			});
			seen.push(...data.items);
			expect(data.page.totalCount).toBe(data.items.length);
			if (data.items.length < 20) break;
		}
		expect(page).toBe(2);
		expect(seen.map((p) => p.id)).toEqual(added);
		const times = seen.map((p) => Date.parse(p.statusChangedAt));
		expect(times).toEqual([...times].sort((a, b) => b - a));
	});

	test('with totalCount: "matches" the simulator counts every match instead', async () => {
		const sim = createPortOneSimulator({ startAt: START, totalCount: 'matches' });
		const base = await sim.start();
		try {
			const answer = await fetch(
				`${base}/payments?${requestBody({ page: { size: 2 }, filter: { status: ['PAID'] } })}`,
				{ headers: { Authorization: `PortOne ${sim.accounts.list[0].apiSecret}` } },
			);
			const { items, page } = await answer.json();
			expect(items).toHaveLength(2);
			expect(page.totalCount).toBeGreaterThan(10);
		} finally {
			await sim.stop();
		}
	});
});

describe('GET /payments filters', () => {
	test('from/until default to the last 90 days; older payments need an explicit window', async () => {
		expect(ids(await list({ page: { size: 100 } }))).not.toContain('pay-old-0001');
		const old = await list({
			page: { size: 100 },
			filter: {
				from: new Date(START - 150 * DAY).toISOString(),
				until: new Date(START - 100 * DAY).toISOString(),
			},
		});
		expect(ids(old)).toEqual(['pay-old-0001']);
		const backwards = await list({
			filter: { from: new Date(START).toISOString(), until: new Date(START - DAY).toISOString() },
		});
		expect(backwards.status).toBe(400);
		expect((await list({ filter: { from: '2026-03-01' } })).status).toBe(400);
	});

	test('timestampType: CREATED_AT reads requestedAt, STATUS_CHANGED_AT (the default) statusChangedAt', async () => {
		t.sim.payments.add({
			id: 'pay-slow-0001',
			requestedAt: START - 100 * DAY,
			paidAt: START - DAY,
		});
		const window = { from: new Date(START - 10 * DAY).toISOString() };
		expect(ids(await list({ page: { size: 100 }, filter: window }))).toContain('pay-slow-0001');
		expect(
			ids(
				await list({
					page: { size: 100 },
					filter: { ...window, timestampType: 'STATUS_CHANGED_AT' },
				}),
			),
		).toContain('pay-slow-0001');
		expect(
			ids(await list({ page: { size: 100 }, filter: { ...window, timestampType: 'CREATED_AT' } })),
		).not.toContain('pay-slow-0001');
		expect((await list({ filter: { timestampType: 'PAID_AT' } })).status).toBe(400);
	});

	test('status: the filter enum says PENDING for PAY_PENDING payments; PAY_PENDING itself is refused', async () => {
		expect(ids(await list({ filter: { status: ['PENDING'] } }))).toEqual(['pay-pending-0001']);
		const refused = await list({ filter: { status: ['PAY_PENDING'] } });
		expect([refused.status, refused.data.type]).toEqual([400, 'INVALID_REQUEST']);
		const cancelled = await list({
			page: { size: 100 },
			filter: { status: ['CANCELLED', 'PARTIAL_CANCELLED'] },
		});
		expect(ids(cancelled).sort()).toEqual([
			'order_v1_0002',
			'pay-cancelled-0001',
			'pay-max-cancel-0001',
			'pay-partial-0001',
		]);
		expect((await list({ filter: { status: 'PAID' } })).status).toBe(400);
	});

	test('methods, isTest, version, pgProvider', async () => {
		const vbank = await list({ page: { size: 100 }, filter: { methods: ['VIRTUAL_ACCOUNT'] } });
		expect(ids(vbank).sort()).toEqual(['pay-vbank-issued-0001', 'pay-vbank-paid-0001']);
		expect(ids(await list({ filter: { methods: ['EASY_PAY'], status: ['PAID'] } }))).toEqual([
			'pay-easypay-0001',
		]);
		expect(ids(await list({ filter: { isTest: true } }))).toEqual(['pay-test-card-0001']);
		expect(ids(await list({ page: { size: 100 }, filter: { isTest: false } }))).not.toContain(
			'pay-test-card-0001',
		);
		expect(ids(await list({ filter: { version: 'V1' } })).sort()).toEqual([
			'order_v1_0001',
			'order_v1_0002',
		]);
		expect(ids(await list({ filter: { pgProvider: ['TRIPLE_A'] } }))).toEqual(['pay-async-0001']);
		expect((await list({ filter: { methods: ['CASH'] } })).status).toBe(400);
	});

	test('textSearch finds a cancellation by the reference written into its reason', async () => {
		await t.api.post('/payments/pay-card-0002/cancel', {
			reason: 'refund ref:N8N-7f3a',
			amount: 1000,
		});
		const found = await list({
			filter: { textSearch: [{ field: 'CANCEL_REASON', value: 'ref:N8N-7f3a' }] },
		});
		expect(ids(found)).toEqual(['pay-card-0002']);
		expect(
			ids(await list({ filter: { textSearch: [{ field: 'ALL', value: 'N8N-7f3a' }] } })),
		).toEqual(['pay-card-0002']);
		const both = await list({
			filter: {
				textSearch: [
					{ field: 'CANCEL_REASON', value: 'N8N' },
					{ field: 'PAYMENT_ID', value: 'card-0001' },
				],
			},
		});
		expect(ids(both)).toEqual([]);
		expect(
			ids(await list({ filter: { textSearch: [{ field: 'TX_ID', value: 'imp_100000000001' }] } })),
		).toEqual(['order_v1_0001']);
		// A field of the enum the simulator does not implement, and one outside the enum, are 400.
		expect(
			(await list({ filter: { textSearch: [{ field: 'CARD_BIN', value: '9100' }] } })).data.message,
		).toMatch(/not simulated/);
		expect((await list({ filter: { textSearch: [{ field: 'NOPE', value: 'x' }] } })).status).toBe(
			400,
		);
		expect((await list({ filter: { textSearch: [{ field: 'ALL' }] } })).status).toBe(400);
	});

	test('sortBy / sortOrder; filters the simulator does not implement are refused, not ignored', async () => {
		const asc = await list({
			page: { size: 100 },
			filter: { sortBy: 'REQUESTED_AT', sortOrder: 'ASC' },
		});
		const times = asc.data.items.map((p) => Date.parse(p.requestedAt));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect((await list({ filter: { sortOrder: 'UP' } })).status).toBe(400);
		const escrow = await list({ filter: { isEscrow: true } });
		expect([escrow.status, escrow.data.type]).toEqual([400, 'INVALID_REQUEST']);
		expect(escrow.data.message).toMatch(/isEscrow.*not simulated/);
		// Fields PortOne does not define are ignored.
		expect((await list({ filter: { somethingNew: 1 } })).status).toBe(200);
	});
});
