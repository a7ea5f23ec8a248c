'use strict';
/** PortOne V2 Payment → Get and Get Many through n8n's engine against the V2 simulator. */
const { outcomes } = require('./helpers/setup');
const { portOneWorldPerTest, expectNoPortOneSecrets } = require('./helpers/portoneSetup');
const { portOnePaymentGet } = require('./helpers/parameters');

const world = portOneWorldPerTest();

const listRequests = (simulator) =>
	simulator.log
		.filter((e) => e.method === 'GET' && e.rawPath === '/payments')
		.map((e) => JSON.parse(e.query.get('requestBody')));
const getMany = (extra = {}) => ({
	resource: 'payment',
	operation: 'getMany',
	simplify: false,
	...extra,
});

describe('Payment → Get', () => {
	test('found: the payment as PortOne reports it; unknown: not_found; one item per input item, paired', async () => {
		const input = [
			{ paymentId: 'pay-card-0001' },
			{ paymentId: 'pay-unknown' },
			{ paymentId: 'order_v1_0001' },
		];
		const { success, failure } = await world.engine.run(input, portOnePaymentGet());
		expect(outcomes(success)).toEqual(['found', 'found']);
		expect(success[0].json).toMatchObject({
			paymentId: 'pay-card-0001',
			outcome: 'found',
			error_type: null,
			http_status: 200,
		});
		expect(success[0].json.response).toMatchObject({
			id: 'pay-card-0001',
			status: 'PAID',
			amount: { total: 10000 },
		});
		expect(success.map((i) => i.pairedItem.item)).toEqual([0, 2]);
		expect(failure[0].json).toMatchObject({
			paymentId: 'pay-unknown',
			outcome: 'not_found',
			error_type: 'PAYMENT_NOT_FOUND',
			http_status: 404,
			response: null,
		});
		expect(failure[0].pairedItem).toEqual({ item: 1 });
		expectNoPortOneSecrets(world.simulator, success, failure);
	});

	test('a V1 payment seen through V2 comes as PortOne shows it (version V1, transactionId = imp_uid)', async () => {
		const { success } = await world.engine.run(
			[{ paymentId: 'order_v1_0001' }],
			portOnePaymentGet(),
		);
		expect(success[0].json.response).toMatchObject({
			version: 'V1',
			transactionId: 'imp_100000000001',
		});
	});

	test('the Store ID of the credential goes as ?storeId= on a look-up', async () => {
		const { account } = world;
		world.engine.editCredential({ storeId: account.storeIds[1] });
		const { success } = await world.engine.run(
			[{ paymentId: 'pay-store-a2-0001' }],
			portOnePaymentGet(),
		);
		expect(outcomes(success)).toEqual(['found']);
		expect(world.simulator.log[0].query.get('storeId')).toBe(account.storeIds[1]);
	});

	test('a store the secret may not use: forbidden', async () => {
		world.engine.editCredential({ storeId: 'store-00000000-0000-4000-8000-0000000000b1' });
		const { failure } = await world.engine.run(
			[{ paymentId: 'pay-card-0001' }],
			portOnePaymentGet(),
		);
		expect(outcomes(failure)).toEqual(['forbidden']);
		expect(failure[0].json.error_type).toBe('FORBIDDEN');
	});
});

describe('Payment → Get Many', () => {
	test('the default window (90 days, live payments, newest first): one item per payment, paired with the input item', async () => {
		const { success } = await world.engine.run([{}], getMany({ returnAll: true }));
		const ids = success.map((i) => i.json.paymentId);
		expect(ids).toContain('pay-card-0001');
		expect(ids).not.toContain('pay-test-card-0001');
		expect(ids).not.toContain('pay-old-0001');
		expect(success.every((i) => i.json.outcome === 'found' && i.pairedItem.item === 0)).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
		const [body] = listRequests(world.simulator);
		expect(body.filter).toMatchObject({
			isTest: false,
			timestampType: 'STATUS_CHANGED_AT',
			sortOrder: 'DESC',
		});
		expect(body.page).toEqual({ number: 0, size: 100 });
	});

	test('statuses, methods and text search go into the filter; Pay Pending is sent as PENDING', async () => {
		const { success } = await world.engine.run(
			[{}],
			getMany({
				statuses: ['PENDING', 'PAID'],
				filters: { methods: ['EASY_PAY'], textField: 'PAYMENT_ID', textValue: 'pay-' },
				returnAll: true,
			}),
		);
		const [body] = listRequests(world.simulator);
		expect(body.filter).toMatchObject({
			status: ['PENDING', 'PAID'],
			methods: ['EASY_PAY'],
			textSearch: [{ field: 'PAYMENT_ID', value: 'pay-' }],
		});
		expect(success.map((i) => i.json.response.status).sort()).toEqual(['PAID', 'PAY_PENDING']);
	});

	test('Limit stops the reading; pages follow until one comes back short', async () => {
		world.simulator.payments.addMany(250, { prefix: 'pay-bulk-', total: 1000 });
		const limited = await world.engine.run([{}], getMany({ limit: 120 }));
		expect(limited.success).toHaveLength(120);
		const all = await world.engine.run([{}], getMany({ returnAll: true }));
		expect(all.success.length).toBeGreaterThan(250);
		const pages = listRequests(world.simulator)
			.slice(2)
			.map((b) => b.page.number);
		expect(pages).toEqual([0, 1, 2]);
	});

	test('each input item lists its own window', async () => {
		const now = Date.now();
		const input = [
			{ from: new Date(now - 3 * 86400_000).toISOString(), until: new Date(now).toISOString() },
			{
				from: new Date(now - 200 * 86400_000).toISOString(),
				until: new Date(now - 100 * 86400_000).toISOString(),
			},
		];
		const { success } = await world.engine.run(
			input,
			getMany({ from: '={{ $json.from }}', until: '={{ $json.until }}', returnAll: true }),
		);
		const byItem = (n) =>
			success.filter((i) => i.pairedItem.item === n).map((i) => i.json.paymentId);
		expect(byItem(0)).toContain('pay-card-0001');
		expect(byItem(1)).toEqual(['pay-old-0001']);
	});

	test.each([
		[{ from: '2026-02-30' }, /From is not a valid date/],
		[{ from: '2026-03-01', until: '2026-01-01' }, /is after Until/],
		[{ statuses: ['PAY_PENDING'] }, /Statuses: "PAY_PENDING" is not one of/],
		[{ limit: 0 }, /Limit must be a whole number, 1 or more/],
	])('bad input %j is refused, nothing sent', async (extra, message) => {
		const { error } = await world.engine.run([{}], getMany(extra));
		expect(error.message).toMatch(message);
		expect(world.simulator.log).toHaveLength(0);
	});
});
