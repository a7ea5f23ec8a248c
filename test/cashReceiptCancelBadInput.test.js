'use strict';
/** Cash Receipt → Cancel through n8n's real engine against the simulator: bad input. */
const { freshWorldPerTest, items, outcomes, receiptRequests } = require('./helpers/setup');
const { cancel } = require('./helpers/parameters');

const world = freshWorldPerTest();

describe('Cancel: bad input', () => {
	test.each([
		[{ concurrency: 0 }, 'Option "concurrency" must be a whole number from 1 to 50'],
		[{ retries: 11 }, 'Option "retries" must be a whole number from 0 to 10'],
		[{ timeoutMs: 99 }, 'Option "timeoutMs" must be a whole number from 100 to 300000'],
		[
			{ maxRequestsPerSecond: 1.5 },
			'Option "maxRequestsPerSecond" must be a whole number from 0 to 1000',
		],
	])(
		"option %j outside its field's range fails the run and sends nothing",
		async (options, message) => {
			const { error } = await world.engine.run(items('imp_100000000001'), cancel({ options }));
			expect(error.message).toBe(message);
			expect(world.simulator.log).toHaveLength(0);
		},
	);

	test.each([
		['empty', ''],
		['whitespace only', ' \t '],
		['a dot segment', '..'],
		['null', null],
	])('%s imp_uid fails with a clear message and sends nothing', async (_name, badId) => {
		const { error, result } = await world.engine.run(
			[{ imp_uid: 'imp_100000000001' }, { imp_uid: badId }],
			cancel(),
		);
		expect(error).toBeDefined();
		expect(error.message).toMatch(/imp_uid/);
		expect(error.context.itemIndex).toBe(1);
		// Checked before anything is sent: not even the good item went out.
		expect(world.simulator.log).toHaveLength(0);
		expect(result.data.resultData.runData["I'mport"][0].data).toBeUndefined();
	});

	test('with continueOnFail, a bad item becomes an error item on Failure and the others are sent', async () => {
		const { success, failure } = await world.engine.run(
			[{ imp_uid: '' }, { imp_uid: 'imp_100000000001' }],
			cancel(),
			{ onError: 'continueRegularOutput' },
		);
		expect(outcomes(success)).toEqual(['cancelled']);
		expect(success[0].pairedItem).toEqual({ item: 1 });
		expect(failure).toHaveLength(1);
		expect(failure[0].json).toMatchObject({ outcome: 'error', error: 'imp_uid is empty' });
		expect(failure[0].pairedItem).toEqual({ item: 0 });
		expect(
			receiptRequests(world.simulator).every((e) => e.rawPath === '/receipts/imp_100000000001'),
		).toBe(true);
	});

	test.each([
		'../payments/imp_100000000001',
		'a/b?c#d',
		'%2F..%2Fpayments',
		'현금영수증/취소',
		' imp_100000000001 ',
		'imp_1;DROP TABLE',
		'.../x',
	])('id %j reaches exactly /receipts/{that id} as one segment', async (id) => {
		const { failure, success } = await world.engine.run(
			[{ imp_uid: id }],
			cancel({ skipAlreadyCancelled: false }),
		);
		expect(success.length + failure.length).toBe(1);
		const requests = receiptRequests(world.simulator);
		expect(requests.length).toBeGreaterThan(0);
		for (const request of requests) {
			expect(request.rawPath.split('/')).toHaveLength(3);
			expect(request.segments).toEqual(['receipts', id]);
			expect(request.rawUrl).toBe(request.rawPath); // no query string smuggled in
		}
		expect(failure[0].json.imp_uid).toBe(id);
	});
});
