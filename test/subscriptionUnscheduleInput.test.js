'use strict';
/**
 * Subscription → Unschedule's input: lists and rows refused before anything is sent, and odd ids
 * sent as one encoded segment each, through n8n's real engine against the simulator's /subscribe
 * family (test/simulator/subscribe.js, schedules.js).
 */
const { freshWorldPerTest, outcomes } = require('./helpers/setup');
const { unschedule } = require('./helpers/parameters');
const { unscheduleTools } = require('./helpers/unschedule');

const world = freshWorldPerTest();
const { posts } = unscheduleTools(world);

describe('Unschedule', () => {
	test.each([
		['an empty entry', 'sch_0001_m3,,sch_0001_m4', /entry 2 is empty/],
		['a trailing comma', 'sch_0001_m3,', /entry 2 is empty/],
		['a dot-dot entry', ['sch_0001_m3', '..'], /entry 2 "\.\." is not a valid id/],
		['an entry that is not text', ['sch_0001_m3', { id: 1 }], /entry 2 is not text \(object\)/],
		['a null entry', [null], /entry 1 is not text \(null\)/],
		['broken Unicode', ['sch_\uD800'], /entry 1 contains broken Unicode/],
		['more than 100', Array.from({ length: 101 }, (_v, n) => `m${n}`), /101 entries; at most 100/],
		['an object', { a: 1 }, /must be text \(entries separated by commas\) or a list, not object/],
	])('a list with %s is refused before anything is sent', async (_name, list, message) => {
		const { error } = await world.engine.run(
			[{ customer_uid: 'cust_card_0001' }, { customer_uid: 'cust_card_0001', merchant_uids: list }],
			unschedule(),
		);
		expect(error.message).toMatch(message);
		expect(error.context.itemIndex).toBe(1);
		expect(error.description).toBe('Nothing was sent for this item');
		expect(world.simulator.log).toHaveLength(0);
	});

	test.each([
		['an empty customer_uid', { customer_uid: '' }, /customer_uid is empty/],
		['a dot customer_uid', { customer_uid: '.' }, /customer_uid "\." is not a valid id/],
		[
			'a bad Look Ahead',
			{ customer_uid: 'cust_card_0001', days: 0 },
			/Look Ahead \(Days\) must be/,
		],
	])('%s is refused before anything is sent', async (_name, row, message) => {
		const { error } = await world.engine.run(
			[{ customer_uid: 'cust_card_0001', days: 30 }, row],
			unschedule({ unscheduleFields: { lookAheadDays: '={{ $json.days ?? 30 }}' } }),
		);
		expect(error.message).toMatch(message);
		expect(error.context.itemIndex).toBe(1);
		expect(world.simulator.log).toHaveLength(0);
	});

	test('odd ids go as one encoded segment each, and in the body as given', async () => {
		world.simulator.subscribe.addCustomer({
			customer_uid: 'c/../x?y',
			card_number: '4000-0000-0000-0001',
		});
		world.simulator.subscribe.addSchedule({
			customer_uid: 'c/../x?y',
			merchant_uid: 'm#1 %',
			schedule_at: world.simulator.clock.now() + 3600,
			amount: 100,
		});
		const { success } = await world.engine.run(
			[{ customer_uid: 'c/../x?y', merchant_uids: ['m#1 %'] }],
			unschedule(),
		);
		expect(outcomes(success)).toEqual(['unscheduled']);
		expect(world.simulator.requests('GET', '/subscribe').map((e) => e.rawPath)).toEqual([
			'/subscribe/payments/schedule/m%231%20%25',
		]);
		expect(JSON.parse(posts()[0].rawBody)).toEqual({
			customer_uid: 'c/../x?y',
			merchant_uid: ['m#1 %'],
		});
	});
});
