'use strict';
/**
 * Subscription → Get Schedules refuses bad input before anything is sent to the simulator's
 * schedules (test/simulator/schedules.js), and changes nothing.
 */
const { freshWorldPerTest, expectNoSecrets } = require('./helpers/setup');
const { scheduleGet, schedulesOfCustomer, schedulesInWindow } = require('./helpers/parameters');
const { scheduleTools } = require('./helpers/getSchedules');

const world = freshWorldPerTest();
const { changes } = scheduleTools(world);

describe('bad input is refused before anything is sent', () => {
	test.each([
		['an empty merchant_uid', scheduleGet(), { merchant_uid: '' }, /merchant_uid is empty/],
		['a dot-dot merchant_uid', scheduleGet(), { merchant_uid: '..' }, /is not a valid id/],
		['broken Unicode', schedulesOfCustomer(), { customer_uid: '\uDC00x' }, /broken Unicode/],
		[
			'an empty customer_uid',
			schedulesOfCustomer(),
			{ customer_uid: ' ' },
			/customer_uid is empty/,
		],
		[
			'From after To',
			schedulesInWindow({ scheduleFrom: '={{ $json.from }}', scheduleTo: '2026-01-01T00:00:00Z' }),
			{ from: '2026-02-01T00:00:00Z' },
			/From .* is after To/,
		],
		[
			'a window of more than 3650 days',
			schedulesInWindow({ scheduleFrom: '={{ $json.from }}', scheduleTo: '2035-06-01T00:00:00Z' }),
			{ from: '1990-01-01T00:00:00Z' },
			/longer than 3650 days/,
		],
		[
			'a date that does not exist',
			schedulesInWindow({ scheduleFrom: '={{ $json.from }}' }),
			{ from: '2026-02-30' },
			/is not a valid date/,
		],
		[
			'a status outside the spec',
			schedulesInWindow({ scheduleStatus: '={{ $json.status }}' }),
			{ status: 'paid' },
			/Schedule Status must be one of/,
		],
		[
			'a Limit of 0',
			schedulesInWindow({ limit: '={{ $json.limit }}' }),
			{ limit: 0 },
			/Limit must be/,
		],
	])('%s', async (_name, parameters, bad, message) => {
		const good = {
			merchant_uid: 'sch_0001_m3',
			customer_uid: 'cust_card_0001',
			limit: 5,
			from: '2025-12-01T00:00:00Z',
			status: 'scheduled',
		};
		const { error } = await world.engine.run([good, bad], parameters);
		expect(error.message).toMatch(message);
		expect(error.context.itemIndex).toBe(1);
		expect(error.description).toMatch(/nothing was sent for (it|this item)/i);
		expect(world.simulator.log).toHaveLength(0);
	});

	test('nothing here changes anything, and no secret shows', async () => {
		const run = await world.engine.run(
			[{ merchant_uid: 'sch_0001_m3', customer_uid: 'cust_card_0001' }],
			schedulesOfCustomer({ returnAll: true }),
		);
		expect(changes()).toBe(0);
		expect(
			world.simulator.log.every((e) => e.method === 'GET' || e.rawPath === '/users/getToken'),
		).toBe(true);
		expectNoSecrets(world.simulator, run.result, run.outputs);
	});
});
