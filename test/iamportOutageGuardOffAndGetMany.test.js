'use strict';
/**
 * The outage guard turned off (Outage Window 0), and on Payment Get Many by ids, where one
 * request serves 100 items. Through n8n's engine against the simulator; every wait is bounded by
 * the options, nothing asserts on time.
 */
const { freshWorldPerTest, ids, outcomes, receiptRequests } = require('./helpers/setup');
const { cancel, paymentGetManyByIds } = require('./helpers/parameters');
const {
	outageOptions,
	mostCallsFor,
	hintsOf,
	expectNotSent,
	outageTools,
} = require('./helpers/outage');

const world = freshWorldPerTest();
const { sheetOf } = outageTools(world);

describe('Outage Window 0 turns the guard off', () => {
	test('each item retries on its own, as before: 3 calls each, its own error', async () => {
		world.simulator.faults.add({
			path: '/receipts/',
			action: 'status',
			status: 503,
			times: Infinity,
		});
		const sheet = sheetOf(6, 'off_');
		const run = await world.engine.run(
			sheet,
			cancel({ options: { retryWaitMs: 1, outageWindow: 0 } }),
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(outcomes(run.failure)).toEqual(Array(6).fill('error'));
		expect(run.failure[0].json.error).toMatch(/HTTP 503/);
		expect(receiptRequests(world.simulator)).toHaveLength(18);
		expect(hintsOf(run)).toEqual([]);
	});
});

describe('Payment Get Many by ids: one request serves 100 items', () => {
	const idsSheet = (count, prefix) =>
		world.simulator.payments.addMany(count, { prefix }).map((imp_uid) => ({ imp_uid }));

	test('a lasting outage: every item not sent, said once', async () => {
		world.simulator.faults.add({
			path: '/payments',
			action: 'status',
			status: 503,
			times: Infinity,
		});
		const sheet = idsSheet(1000, 'imp_down_');
		const run = await world.engine.run(sheet, paymentGetManyByIds({ options: outageOptions() }), {
			onError: 'continueRegularOutput',
		});
		expect(run.error).toBeUndefined();
		expect(run.success).toHaveLength(0);
		expect(run.failure.map((item) => item.pairedItem.item)).toEqual(sheet.map((_item, n) => n));
		run.failure.forEach((item, n) => expectNotSent(item, sheet[n].imp_uid));
		expect(hintsOf(run)).toEqual([
			"i'mport looks unavailable: 10 of the last 10 calls failed; 1000 items were not sent",
		]);
		expect(world.simulator.requests('GET', '/payments').length).toBeLessThanOrEqual(
			mostCallsFor(1500),
		);
	});

	test('a blip on the first batch costs no item: the batch is sent again', async () => {
		// 3 answers of 503: the first batch's request and both of its retries.
		world.simulator.faults.add({ path: '/payments', action: 'status', status: 503, times: 3 });
		const sheet = idsSheet(300, 'imp_blip_');
		const run = await world.engine.run(
			sheet,
			paymentGetManyByIds({ options: { retryWaitMs: 10 } }),
			{ onError: 'continueRegularOutput' },
		);
		expect(run.failure).toHaveLength(0);
		expect(ids(run.success)).toEqual(sheet.map((item) => item.imp_uid));
		expect(outcomes(run.success)).toEqual(Array(300).fill('found'));
		// 3 batches, the first sent 3 times and then once more.
		expect(world.simulator.requests('GET', '/payments')).toHaveLength(3 + 3);
	});
});
