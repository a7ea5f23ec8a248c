'use strict';
/** PortOne V2 Cash Receipt → Get, Get Many, Issue and Cancel through n8n's engine against the V2 simulator. */
const { outcomes } = require('./helpers/setup');
const { portOneWorldPerTest, expectNoPortOneSecrets } = require('./helpers/portoneSetup');
const { portOneReceipt } = require('./helpers/parameters');

const world = portOneWorldPerTest();

const posts = (simulator, suffix) =>
	simulator.log.filter((e) => e.method === 'POST' && e.rawPath.endsWith(suffix));
const cancelled = (simulator, id) => simulator.cashReceipts.cancellationsOf(id);
const quick = { options: { retryWaitMs: 1 } };

describe('Get', () => {
	test('found, not_found; one output item per input item', async () => {
		const { success, failure } = await world.engine.run(
			[{ paymentId: 'pay-transfer-0001' }, { paymentId: 'pay-card-0001' }],
			portOneReceipt('get'),
		);
		expect(success[0].json).toMatchObject({ paymentId: 'pay-transfer-0001', outcome: 'found' });
		expect(success[0].json.response).toMatchObject({
			status: 'ISSUED',
			paymentId: 'pay-transfer-0001',
		});
		expect(failure[0].json).toMatchObject({
			outcome: 'not_found',
			error_type: 'CASH_RECEIPT_NOT_FOUND',
		});
	});
});

describe('Cancel', () => {
	test('Skip Already Cancelled (default): looks up, cancels once; a re-run is already_cancelled, nothing sent', async () => {
		const first = await world.engine.run(
			[{ paymentId: 'pay-transfer-0001' }],
			portOneReceipt('cancel', quick),
		);
		expect(outcomes(first.success)).toEqual(['cancelled']);
		const [sent] = posts(world.simulator, '/cash-receipt/cancel');
		expect(sent.headers['idempotency-key']).toMatch(/^"n8n-[0-9a-f]{40}"$/);
		const again = await world.engine.run(
			[{ paymentId: 'pay-transfer-0001' }],
			portOneReceipt('cancel', quick),
		);
		expect(outcomes(again.success)).toEqual(['already_cancelled']);
		expect(posts(world.simulator, '/cash-receipt/cancel')).toHaveLength(1);
		expect(cancelled(world.simulator, 'pay-transfer-0001')).toBe(1);
	});

	test('not_issued and not_found are kept apart; a PG refusal is pg_rejected', async () => {
		const { failure } = await world.engine.run(
			[
				{ paymentId: 'pay-receipt-failed-0001' },
				{ paymentId: 'pay-card-0001' },
				{ paymentId: 'pay-receipt-pg-error-0001' },
			],
			portOneReceipt('cancel', { skipAlreadyCancelled: false, ...quick }),
		);
		expect(failure.map((i) => [i.json.outcome, i.json.error_type])).toEqual([
			['not_issued', 'CASH_RECEIPT_NOT_ISSUED'],
			['not_found', 'CASH_RECEIPT_NOT_FOUND'],
			['pg_rejected', 'PG_PROVIDER'],
		]);
	});

	test('Dry Run: would_cancel / already_cancelled, nothing sent', async () => {
		const { success } = await world.engine.run(
			[{ paymentId: 'pay-transfer-0001' }, { paymentId: 'pay-receipt-cancelled-0001' }],
			portOneReceipt('cancel', { dryRun: true }),
		);
		expect(outcomes(success)).toEqual(['would_cancel', 'already_cancelled']);
		expect(posts(world.simulator, '/cancel')).toHaveLength(0);
	});

	test('the answer lost after the cancel went through: looked up, cancelled once', async () => {
		world.simulator.faults.add({
			method: 'POST',
			path: /\/cash-receipt\/cancel$/,
			action: 'applyThenReset',
		});
		const { success } = await world.engine.run(
			[{ paymentId: 'pay-transfer-0001' }],
			portOneReceipt('cancel', quick),
		);
		expect(outcomes(success)).toEqual(['cancelled']);
		expect(cancelled(world.simulator, 'pay-transfer-0001')).toBe(1);
	});
});

describe('Issue', () => {
	const issue = (extra = {}) =>
		portOneReceipt('issue', {
			channelKey: 'channel-key-live-kcp',
			orderName: '={{ $json.orderName ?? "현금 판매" }}',
			amount: '={{ $json.amount }}',
			identityNumber: '01099998888',
			...quick,
			...extra,
		});

	test('issued for a sale outside PortOne; the identity number never comes out; a re-run of the row is already_issued', async () => {
		const row = [{ paymentId: 'ext-order-9001', amount: 33000 }];
		const first = await world.engine.run(row, issue());
		expect(outcomes(first.success)).toEqual(['issued']);
		const [sent] = posts(world.simulator, '/cash-receipts');
		expect(JSON.parse(sent.rawBody)).toMatchObject({
			paymentId: 'ext-order-9001',
			channelKey: 'channel-key-live-kcp',
			type: 'PERSONAL',
			currency: 'KRW',
			amount: { total: 33000 },
			customer: { identityNumber: '01099998888' },
		});
		expect(sent.headers['idempotency-key']).toMatch(/^"n8n-[0-9a-f]{40}"$/);
		expect(JSON.stringify(first.success)).not.toContain('01099998888');
		world.simulator.clock.advance(4 * 3600);
		const again = await world.engine.run(row, issue());
		expect(outcomes(again.success)).toEqual(['already_issued']);
		expectNoPortOneSecrets(world.simulator, first, again);
	});

	test('an unknown channel: channel_not_found; a PG refusal: pg_rejected', async () => {
		const { failure } = await world.engine.run(
			[{ paymentId: 'ext-1', amount: 1000 }],
			issue({ channelKey: 'channel-key-nope' }),
		);
		expect(outcomes(failure)).toEqual(['channel_not_found']);
	});

	test.each([
		[{ amount: '0x10' }, /Amount must be a whole number of won, 1 or more/],
		[{ amount: 1000 }, /Identity Number is empty/, { identityNumber: '={{ "" }}' }],
		[{ amount: 1000, orderName: '' }, /Order Name is empty/],
	])('bad input %j is refused, nothing sent', async (row, message, extra = {}) => {
		const { error } = await world.engine.run([{ paymentId: 'ext-2', ...row }], issue(extra));
		expect(error.message).toMatch(message);
		expect(world.simulator.log).toHaveLength(0);
	});
});

describe('Get Many', () => {
	test('the default window lists issued and cancelled receipts, one item each, paired', async () => {
		const { success } = await world.engine.run(
			[{}],
			portOneReceipt('getMany', { returnAll: true, paymentId: undefined }),
		);
		const ids = success.map((i) => i.json.paymentId);
		expect(ids).toEqual(expect.arrayContaining(['pay-transfer-0001', 'pay-vbank-paid-0001']));
		const [request] = world.simulator.log;
		const body = JSON.parse(request.query.get('requestBody'));
		expect(body).toMatchObject({
			sort: { by: 'ISSUED_AT', order: 'DESC' },
			filter: { timeRangeField: 'ISSUED_AT', isTest: false },
		});
	});

	test('Issue Failed is sent as the filter value FAILED and lists ISSUE_FAILED receipts', async () => {
		const { success } = await world.engine.run(
			[{}],
			portOneReceipt('getMany', { statuses: ['FAILED'], returnAll: true, paymentId: undefined }),
		);
		expect(success.map((i) => i.json.response.status)).toEqual(success.map(() => 'ISSUE_FAILED'));
		expect(success.length).toBeGreaterThan(0);
	});
});
