'use strict';
/** The cash-receipt family (Get, Issue, external receipts), dry run, and a refund workflow of three nodes. */
const { startWorld, cancel, ids, outcomes, expectNoSecrets, receiptRequests } = require('./helpers/setup');

let world;
beforeEach(async () => {
	world = await startWorld();
});
afterEach(async () => {
	await world.simulator.stop();
});

const get = (extra = {}) => ({ resource: 'cashReceipt', operation: 'get', impUid: '={{ $json.imp_uid }}', ...extra });
const issue = (extra = {}) => ({
	resource: 'cashReceipt',
	operation: 'issue',
	impUid: '={{ $json.imp_uid }}',
	identifier: '={{ $json.phone }}',
	...extra,
});
const external = (operation, extra = {}) => ({
	resource: 'externalCashReceipt',
	operation,
	merchantUid: '={{ $json.merchant_uid }}',
	...extra,
});
const externalIssue = (extra = {}) =>
	external('issue', {
		channelKey: '={{ $json.channel_key }}',
		orderName: 'Refund correction',
		amount: '={{ $json.amount }}',
		identifier: '01099998888',
		...extra,
	});

describe('Cash Receipt: Get', () => {
	test('found receipts go to Success as sent; unknown ones and payments without a receipt to Failure', async () => {
		const input = ['imp_100000000001', 'imp_100000000003', 'imp_200000000001', 'imp_nope'].map((imp_uid) => ({ imp_uid }));
		const { success, failure } = await world.engine.run(input, get());
		expect(ids(success)).toEqual(['imp_100000000001', 'imp_100000000003']);
		expect(outcomes(success)).toEqual(['found', 'found']);
		expect(success[0].json.response).toEqual(world.simulator.store.payments.get('imp_100000000001').receipt);
		expect(ids(failure)).toEqual(['imp_200000000001', 'imp_nope']);
		expect(outcomes(failure)).toEqual(['not_found', 'not_found']);
		expect(world.simulator.requests('DELETE')).toHaveLength(0);
	});
});

describe('Cash Receipt: Issue', () => {
	test('issues with the identifier and the optional fields as the spec names them; the identifier is not echoed', async () => {
		const { success, failure } = await world.engine.run([{ imp_uid: 'imp_200000000001', phone: '01012345678' }], issue({
			issueOptions: { identifier_type: 'phone', type: 'company', buyer_name: '홍길동', tax_free: 1000, corp_reg_no: '1234567890' },
		}));
		expect(failure).toHaveLength(0);
		expect(outcomes(success)).toEqual(['issued']);
		expect(success[0].json.response).toMatchObject({ imp_uid: 'imp_200000000001', type: 'company', amount: 11000, vat: 909 });
		const [post] = world.simulator.requests('POST', '/receipts/');
		expect(post.body).toEqual({
			identifier: '01012345678',
			identifier_type: 'phone',
			type: 'company',
			buyer_name: '홍길동',
			tax_free: 1000,
			corp_reg_no: '1234567890',
		});
		expect(JSON.stringify(success)).not.toContain('01012345678');
	});

	test('each documented failure has its outcome', async () => {
		const input = [
			{ imp_uid: 'imp_100000000001', phone: '010' }, // already issued -> 400
			{ imp_uid: 'imp_200000000002', phone: '010' }, // not paid -> 400
			{ imp_uid: 'imp_500000000002', phone: '010' }, // PG failure -> 500
			{ imp_uid: 'imp_501000000002', phone: '010' }, // PG not supported -> 501
			{ imp_uid: 'imp_missing', phone: '010' }, // unknown -> 404
		];
		const { success, failure } = await world.engine.run(input, issue());
		expect(success).toHaveLength(0);
		expect(outcomes(failure)).toEqual(['invalid_request', 'invalid_request', 'pg_rejected', 'pg_not_supported', 'not_found']);
		expect(failure[0].json.message).toContain('이미');
		expect(failure[1].json.message).toContain('paid');
	});

	test('a value outside the spec\'s enum (set by expression) comes back as invalid_request', async () => {
		const { failure } = await world.engine.run([{ imp_uid: 'imp_200000000001', phone: '010' }], issue({
			issueOptions: { identifier_type: '={{ "passport" }}' },
		}));
		expect(outcomes(failure)).toEqual(['invalid_request']);
	});

	test.each([
		[{ phone: '' }, {}, /identifier is empty/],
		[{ phone: '010' }, { tax_free: -1 }, /tax_free must be a whole number/],
		[{ phone: '010' }, { tax_free: 10.5 }, /tax_free must be a whole number/],
		[{ phone: '010' }, { vat_amount: -3 }, /vat_amount must be a whole number/],
	])('bad input %j %j is refused before anything is sent', async (extraJson, issueOptions, message) => {
		const { error } = await world.engine.run([{ imp_uid: 'imp_200000000001', ...extraJson }], issue({ issueOptions }));
		expect(error.message).toMatch(message);
		expect(world.simulator.log).toHaveLength(0);
	});
});

describe('External Cash Receipt', () => {
	test('Get: found by merchant_uid, or not_found', async () => {
		const input = [{ merchant_uid: 'order_ext_0001' }, { merchant_uid: 'order_unknown' }];
		const { success, failure } = await world.engine.run(input, external('get'));
		expect(success[0].json).toMatchObject({ merchant_uid: 'order_ext_0001', outcome: 'found' });
		expect(success[0].json.response.merchant_uid).toBe('order_ext_0001');
		expect(failure[0].json).toMatchObject({ merchant_uid: 'order_unknown', outcome: 'not_found', http_status: 404 });
	});

	test('Issue: issued, then each documented failure', async () => {
		const input = [
			{ merchant_uid: 'order_new_1', channel_key: 'channel-key-kcp', amount: 33000 },
			{ merchant_uid: 'order_ext_0001', channel_key: 'channel-key-kcp', amount: 1000 }, // already issued
			{ merchant_uid: 'order_new_2', channel_key: 'channel-key-unknown', amount: 1000 }, // unknown channel
			{ merchant_uid: 'order_new_3', channel_key: 'channel-key-pgfail', amount: 1000 },
			{ merchant_uid: 'order_new_4', channel_key: 'channel-key-paypal', amount: 1000 },
		];
		const { success, failure } = await world.engine.run(input, externalIssue({ issueOptions: { pay_method: 'vbank' } }));
		expect(success[0].json).toMatchObject({ merchant_uid: 'order_new_1', outcome: 'issued' });
		expect(success[0].json.response).toMatchObject({ merchant_uid: 'order_new_1', amount: 33000, vat: 3000 });
		expect(world.simulator.requests('POST', '/receipts')[0].body).toMatchObject({
			channel_key: 'channel-key-kcp',
			name: 'Refund correction',
			amount: 33000,
			identifier: '01099998888',
			pay_method: 'vbank',
		});
		expect(outcomes(failure)).toEqual(['invalid_request', 'invalid_request', 'pg_rejected', 'pg_not_supported']);
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

	test('Issue: a missing channel key is refused before anything is sent', async () => {
		const { error } = await world.engine.run([{ merchant_uid: 'order_new', channel_key: '', amount: 1 }], externalIssue());
		expect(error.message).toMatch(/channel_key is empty/);
		expect(world.simulator.log).toHaveLength(0);
	});

	test('Cancel: cancelled, already_cancelled, and each documented failure', async () => {
		const input = ['order_ext_0001', 'order_ext_0002', 'order_never', 'order_ext_pgfail', 'order_ext_paypal'].map(
			(merchant_uid) => ({ merchant_uid }),
		);
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

	test('Cancel with Skip Already Cancelled off: i\'mport\'s refusal of a cancelled receipt is a Failure (rejected)', async () => {
		const { failure } = await world.engine.run([{ merchant_uid: 'order_ext_0002' }], external('cancel', { skipAlreadyCancelled: false }));
		expect(failure[0].json).toMatchObject({ outcome: 'rejected', code: 1, http_status: 200 });
	});

	test('ids with slashes stay one segment under /receipts/external/', async () => {
		const { failure } = await world.engine.run([{ merchant_uid: '../../receipts/imp_100000000001' }], external('cancel'));
		expect(outcomes(failure)).toEqual(['not_issued']);
		for (const request of receiptRequests(world.simulator)) {
			expect(request.segments).toEqual(['receipts', 'external', '../../receipts/imp_100000000001']);
		}
		expect(world.simulator.store.cancellations.size).toBe(0);
	});
});

describe('Dry Run', () => {
	test.each([
		['cashReceipt', 'imp_uid', ['imp_100000000001', 'imp_100000000003', 'imp_200000000001']],
		['externalCashReceipt', 'merchant_uid', ['order_ext_0001', 'order_ext_0002', 'order_never']],
	])('%s: reports would_cancel / already_cancelled / not_found and sends no DELETE', async (resource, field, sheet) => {
		const parameters =
			resource === 'cashReceipt' ? cancel({ dryRun: true }) : external('cancel', { dryRun: true });
		const { success, failure } = await world.engine.run(sheet.map((id) => ({ [field]: id })), parameters);
		expect(ids(success)).toEqual(sheet.slice(0, 2));
		expect(outcomes(success)).toEqual(['would_cancel', 'already_cancelled']);
		expect(ids(failure)).toEqual(sheet.slice(2));
		expect(outcomes(failure)).toEqual(['not_found']);
		expect(world.simulator.requests('DELETE')).toHaveLength(0);
		expect(receiptRequests(world.simulator).every((e) => e.method === 'GET')).toBe(true);
		expect(world.simulator.store.cancellations.size).toBe(0);
	});
});

describe('a refund workflow: look up -> cancel -> re-issue', () => {
	test('three I\'mport nodes chained on their Success outputs correct a receipt end to end', async () => {
		const sheet = [
			{ imp_uid: 'imp_100000000001', phone: '01011112222' },
			{ imp_uid: 'imp_200000000001', phone: '01033334444' }, // no receipt: stops at the lookup
			{ imp_uid: 'imp_100000000002', phone: '01055556666' },
		];
		const { outputsOf, error } = await world.engine.runWorkflow(
			sheet,
			[
				{ name: 'Look Up', parameters: get() },
				{ name: 'Cancel', parameters: cancel() },
				{
					name: 'Re-issue',
					parameters: issue({
						identifier: "={{ $('Start').item.json.phone }}",
						issueOptions: { identifier_type: 'phone' },
					}),
				},
			],
			{ Start: [['Look Up']], 'Look Up': [['Cancel'], []], Cancel: [['Re-issue'], []] },
		);
		expect(error).toBeUndefined();
		const [found, notFound] = outputsOf('Look Up');
		expect(ids(found)).toEqual(['imp_100000000001', 'imp_100000000002']);
		expect(ids(notFound)).toEqual(['imp_200000000001']);
		const [cancelled] = outputsOf('Cancel');
		expect(outcomes(cancelled)).toEqual(['cancelled', 'cancelled']);
		const [reissued, notReissued] = outputsOf('Re-issue');
		expect(notReissued).toHaveLength(0);
		expect(outcomes(reissued)).toEqual(['issued', 'issued']);
		// The identifier for each item came from its own row of the sheet (paired items intact).
		expect(world.simulator.requests('POST', '/receipts').map((e) => [e.segments[1], e.body.identifier])).toEqual([
			['imp_100000000001', '01011112222'],
			['imp_100000000002', '01055556666'],
		]);
		const receipt = world.simulator.store.payments.get('imp_100000000001').receipt;
		expect(receipt.cancelled_at).toBe(0);
		expect(reissued[0].json.response.apply_num).toBe(receipt.apply_num);
		expect(world.simulator.tokenRequests()).toHaveLength(1);
		expectNoSecrets(world.simulator, outputsOf('Re-issue'));
	});
});
