'use strict';
/** External Cash Receipt → Get, Issue and Cancel through n8n's real engine against the simulator. */
const { freshWorldPerTest, ids, outcomes, receiptRequests } = require('./helpers/setup');
const { external, externalIssue } = require('./helpers/parameters');

const world = freshWorldPerTest();

describe('External Cash Receipt', () => {
	test('Get: found by merchant_uid, or not_found', async () => {
		const input = [{ merchant_uid: 'order_ext_0001' }, { merchant_uid: 'order_unknown' }];
		const { success, failure } = await world.engine.run(input, external('get'));
		expect(success[0].json).toMatchObject({ merchant_uid: 'order_ext_0001', outcome: 'found' });
		expect(success[0].json.response.merchant_uid).toBe('order_ext_0001');
		expect(failure[0].json).toMatchObject({
			merchant_uid: 'order_unknown',
			outcome: 'not_found',
			http_status: 404,
		});
	});

	test('Issue: issued, then each documented failure', async () => {
		const input = [
			{ merchant_uid: 'order_new_1', channel_key: 'channel-key-kcp', amount: 33000 },
			{ merchant_uid: 'order_ext_0001', channel_key: 'channel-key-kcp', amount: 1000 }, // already issued
			{ merchant_uid: 'order_new_2', channel_key: 'channel-key-unknown', amount: 1000 }, // unknown channel
			{ merchant_uid: 'order_new_3', channel_key: 'channel-key-pgfail', amount: 1000 },
			{ merchant_uid: 'order_new_4', channel_key: 'channel-key-paypal', amount: 1000 },
		];
		const { success, failure } = await world.engine.run(
			input,
			externalIssue({ issueOptions: { pay_method: 'vbank' } }),
		);
		expect(success[0].json).toMatchObject({ merchant_uid: 'order_new_1', outcome: 'issued' });
		expect(success[0].json.response).toMatchObject({
			merchant_uid: 'order_new_1',
			amount: 33000,
			vat: 3000,
		});
		expect(world.simulator.requests('POST', '/receipts')[0].body).toMatchObject({
			channel_key: 'channel-key-kcp',
			name: 'Refund correction',
			amount: 33000,
			identifier: '01099998888',
			pay_method: 'vbank',
		});
		expect(outcomes(failure)).toEqual([
			'invalid_request',
			'invalid_request',
			'pg_rejected',
			'pg_not_supported',
		]);
	});

	test.each([
		[-1, /amount must be a whole number/],
		[12.5, /amount must be a whole number/],
		['abc', /amount must be a whole number/],
	])('Issue: amount %j is refused before anything is sent', async (amount, message) => {
		const { error } = await world.engine.run(
			[{ merchant_uid: 'order_new', channel_key: 'channel-key-kcp', amount }],
			externalIssue(),
		);
		expect(error.message).toMatch(message);
		expect(world.simulator.log).toHaveLength(0);
	});

	test.each(['0x10', '1e3', '0b11', '12.0', '+5', '1,000', ' ', '', null])(
		'Issue: amount %j (text JavaScript would read as a number, or none) is refused with the item index, nothing sent',
		async (amount) => {
			const input = [
				{ merchant_uid: 'order_ok', channel_key: 'channel-key-kcp', amount: 1000 },
				{ merchant_uid: 'order_bad', channel_key: 'channel-key-kcp', amount },
			];
			const { error } = await world.engine.run(input, externalIssue());
			expect(error.message).toMatch(/amount must be a whole number of won, 0 or more/);
			expect(error.context.itemIndex).toBe(1);
			expect(world.simulator.log).toHaveLength(0);
		},
	);

	test('Issue: whole won given as digits-only text is sent as the number', async () => {
		const input = [{ merchant_uid: 'order_text', channel_key: 'channel-key-kcp', amount: ' 16 ' }];
		const { success } = await world.engine.run(input, externalIssue());
		expect(success[0].json.outcome).toBe('issued');
		expect(world.simulator.requests('POST', '/receipts')[0].body.amount).toBe(16);
	});

	test('Issue: a missing channel key is refused before anything is sent', async () => {
		const { error } = await world.engine.run(
			[{ merchant_uid: 'order_new', channel_key: '', amount: 1 }],
			externalIssue(),
		);
		expect(error.message).toMatch(/channel_key is empty/);
		expect(world.simulator.log).toHaveLength(0);
	});

	test('Issue: an Order Name of "." is text, not an id: it is sent as given', async () => {
		const { success } = await world.engine.run(
			[{ merchant_uid: 'order_dot', channel_key: 'channel-key-kcp', amount: 1000 }],
			externalIssue({ orderName: '.' }),
		);
		expect(success[0].json).toMatchObject({ merchant_uid: 'order_dot', outcome: 'issued' });
		expect(world.simulator.requests('POST', '/receipts')[0].body).toMatchObject({ name: '.' });
	});

	test.each(['.', '..'])(
		'Issue: a merchant_uid of %j is refused before anything is sent',
		async (merchant_uid) => {
			const { error } = await world.engine.run(
				[{ merchant_uid, channel_key: 'channel-key-kcp', amount: 1000 }],
				externalIssue(),
			);
			expect(error.message).toBe(`merchant_uid "${merchant_uid}" is not a valid id`);
			expect(world.simulator.log).toHaveLength(0);
		},
	);

	test('Cancel: cancelled, already_cancelled, and each documented failure', async () => {
		const input = [
			'order_ext_0001',
			'order_ext_0002',
			'order_never',
			'order_ext_pgfail',
			'order_ext_paypal',
		].map((merchant_uid) => ({ merchant_uid }));
		const { success, failure } = await world.engine.run(input, external('cancel'));
		expect(ids(success)).toEqual(['order_ext_0001', 'order_ext_0002']);
		expect(outcomes(success)).toEqual(['cancelled', 'already_cancelled']);
		expect(ids(failure)).toEqual(['order_never', 'order_ext_pgfail', 'order_ext_paypal']);
		expect(outcomes(failure)).toEqual(['not_issued', 'pg_rejected', 'pg_not_supported']);
		expect(world.simulator.store.cancellations.get('external:order_ext_0001')).toBe(1);
		for (const request of receiptRequests(world.simulator)) {
			expect(request.segments.slice(0, 2)).toEqual(['receipts', 'external']);
			expect(request.segments).toHaveLength(3);
		}
	});

	test("Cancel with Skip Already Cancelled off: i'mport's refusal of a cancelled receipt is a Failure (rejected)", async () => {
		const { failure } = await world.engine.run(
			[{ merchant_uid: 'order_ext_0002' }],
			external('cancel', { skipAlreadyCancelled: false }),
		);
		expect(failure[0].json).toMatchObject({ outcome: 'rejected', code: 1, http_status: 200 });
	});

	test('ids with slashes stay one segment under /receipts/external/', async () => {
		const { failure } = await world.engine.run(
			[{ merchant_uid: '../../receipts/imp_100000000001' }],
			external('cancel'),
		);
		expect(outcomes(failure)).toEqual(['not_issued']);
		for (const request of receiptRequests(world.simulator)) {
			expect(request.segments).toEqual(['receipts', 'external', '../../receipts/imp_100000000001']);
		}
		expect(world.simulator.store.cancellations.size).toBe(0);
	});
});
