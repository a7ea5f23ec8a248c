'use strict';
/**
 * The simulator's GET /payments/status/{status}, spoken to over plain HTTP (no node): paging by
 * `next`, page sizes, "all" and sandbox payments, the 90-day window, and what it refuses.
 */
const { rawSimulatorPerTest } = require('./helpers/rawSimulator');
const { START, paymentCalls } = require('./helpers/rawPayments');

const DAY = 24 * 60 * 60;

const world = rawSimulatorPerTest(START);
let sim;
beforeEach(() => {
	({ sim } = world);
});

const { get } = paymentCalls(world);

describe('GET /payments/status/{status}', () => {
	/** Follows `next` from page 1 until it is 0; bounded so a broken `next` cannot loop forever. */
	async function allPages(path) {
		const pages = [];
		let page = 1;
		for (let guard = 0; guard < 100 && page !== 0; guard++) {
			const { status, data } = await get(`${path}${path.includes('?') ? '&' : '?'}page=${page}`);
			expect(status).toBe(200);
			pages.push(data.response);
			page = data.response.next;
		}
		expect(page).toBe(0);
		return pages;
	}

	test('pages of `limit` follow `next` to 0, each payment once, newest first', async () => {
		const ids = sim.payments.addMany(45, {
			prefix: 'imp_paged_',
			each: (n) => ({ paid_at: START - 1000 - n * 60 }),
		});
		const pages = await allPages('/payments/status/paid?limit=20');
		expect(pages.map((p) => p.list.length)).toEqual([20, 20, pages[0].total - 40]);
		expect(pages.map((p) => p.previous)).toEqual([0, 1, 2]);
		const listed = pages.flatMap((p) => p.list);
		expect(new Set(listed.map((p) => p.imp_uid)).size).toBe(listed.length);
		expect(listed.every((p) => p.status === 'paid' && !p.sandbox)).toBe(true);
		expect(listed.map((p) => p.imp_uid)).toEqual(expect.arrayContaining(ids));
		expect(listed.map((p) => p.imp_uid)).not.toContain('imp_pay_old_0001');
		const started = listed.map((p) => p.started_at);
		expect(started).toEqual([...started].sort((a, b) => b - a));
	});

	test('the page size defaults to 20 and is capped at 100', async () => {
		sim.payments.addMany(150, { prefix: 'imp_cap_' });
		expect((await get('/payments/status/paid')).data.response.list).toHaveLength(20);
		const big = await get('/payments/status/paid?limit=1000');
		expect(big.data.response.list).toHaveLength(100);
		expect(big.data.response.next).toBe(2);
	});

	test('"all" lists each status on its own time; sandbox only with include_sandbox', async () => {
		const listed = (await allPages('/payments/status/all?limit=100'))
			.flatMap((p) => p.list)
			.map((p) => p.imp_uid);
		expect(listed).toEqual(
			expect.arrayContaining([
				'imp_pay_card_0001',
				'imp_pay_partial_0001',
				'imp_pay_vbank_ready_0001',
				'imp_pay_failed_0001',
			]),
		);
		expect(listed).not.toContain('imp_pay_sandbox_0001');
		expect(listed).not.toContain('imp_pay_tier_T01_0001');
		const withSandbox = (
			await get('/payments/status/all?limit=100&include_sandbox=true')
		).data.response.list.map((p) => p.imp_uid);
		expect(withSandbox).toContain('imp_pay_sandbox_0001');
		const cancelled = (await get('/payments/status/cancelled')).data.response.list
			.map((p) => p.imp_uid)
			.sort();
		expect(cancelled).toEqual(['imp_pay_cancelled_0001', 'imp_pay_partial_0001']);
	});

	test('a window of 90 days is answered, 90 days and a second is refused, from > to is refused', async () => {
		const to = START - 100 * DAY;
		const older = await get(`/payments/status/paid?from=${to - 90 * DAY}&to=${to + 30 * DAY}`);
		expect(older.status).toBe(400);
		const ok = await get(`/payments/status/paid?from=${START - 150 * DAY}&to=${START - 60 * DAY}`);
		expect(ok.status).toBe(200);
		expect(ok.data.response.list.map((p) => p.imp_uid)).toEqual(['imp_pay_old_0001']);
		const longer = await get(`/payments/status/paid?from=${START - 90 * DAY - 1}&to=${START}`);
		expect(longer.status).toBe(400);
		expect(longer.data.code).not.toBe(0);
		expect((await get(`/payments/status/paid?from=${START}&to=${START - 10}`)).status).toBe(400);
		expect((await get(`/payments/status/paid?to=${START - 200 * DAY}`)).data.response).toEqual({
			total: 0,
			previous: 0,
			next: 0,
			list: [],
		});
	});

	test('a bad status, a page past the end or a bad page is a 400', async () => {
		expect((await get('/payments/status/refunded')).status).toBe(400);
		expect((await get('/payments/status/paid?page=2')).status).toBe(400);
		expect((await get('/payments/status/paid?page=0')).status).toBe(400);
		expect((await get('/payments/status/paid?limit=abc')).status).toBe(400);
	});
});
