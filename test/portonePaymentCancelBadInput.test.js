'use strict';
/**
 * PortOne V2 Payment → Cancel (refund) through n8n's engine against the V2 simulator: bad input
 * refused with the item index before anything is sent, and any Payment ID as one path segment.
 */
const { outcomes } = require('./helpers/setup');
const { portOneWorldPerTest } = require('./helpers/portoneSetup');
const { portOneRefund } = require('./helpers/parameters');

const world = portOneWorldPerTest();

describe('bad input: refused with the item index, nothing sent', () => {
	test.each([
		[{ paymentId: 'pay-card-0001', mode: '' }, /Refund Mode must be "full" or "partial"/],
		[
			{ paymentId: 'pay-card-0001', mode: 'partial', amount: 0 },
			/Amount must be a whole number of won above 0/,
		],
		[{ paymentId: 'pay-card-0001', mode: 'partial', amount: -5 }, /Amount must be a whole number/],
		[
			{ paymentId: 'pay-card-0001', mode: 'partial', amount: 12.5 },
			/Amount must be a whole number/,
		],
		[
			{ paymentId: 'pay-card-0001', mode: 'partial', amount: '1e3' },
			/Amount must be a whole number/,
		],
		[{ paymentId: 'pay-card-0001', mode: 'partial' }, /Amount must be a whole number/],
		[{ paymentId: '', mode: 'full' }, /Payment ID is empty/],
		[{ paymentId: '..', mode: 'full' }, /is not a valid id/],
		[{ paymentId: 'a\nb', mode: 'full' }, /control characters/],
		[{ paymentId: 'pay-card-0001', mode: 'full', ref: 'a[b' }, /Refund Reference must not contain/],
	])('%j', async (row, message) => {
		const { error } = await world.engine.run(
			[{ paymentId: 'pay-card-0002', mode: 'full' }, row],
			portOneRefund(),
		);
		expect(error.message).toMatch(message);
		expect(error.context.itemIndex).toBe(1);
		expect(world.simulator.log).toHaveLength(0);
	});

	test('a paymentId with any character goes as one encoded path segment', async () => {
		world.simulator.payments.add({ id: '주문/2026 #1?x=1', total: 3000 });
		const { success } = await world.engine.run(
			[{ paymentId: '주문/2026 #1?x=1', mode: 'full' }],
			portOneRefund(),
		);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(world.simulator.log[0].rawPath).toBe(
			`/payments/${encodeURIComponent('주문/2026 #1?x=1')}`,
		);
	});
});
