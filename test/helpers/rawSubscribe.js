'use strict';
/**
 * What the simulator's raw-HTTP /subscribe tests (test/simulatorSubscribe*.test.js and
 * test/simulatorSchedules.test.js) share: the clock's start, a billing key's fields and card, a
 * schedule entry, and calls on the current test's `world` (from rawSimulatorPerTest).
 */
const START = 1_790_000_000;
const DAY = 24 * 60 * 60;
const CUSTOMER_KEYS = [
	'customer_uid',
	'pg_provider',
	'pg_id',
	'card_name',
	'inserted',
	'updated',
	'sandbox',
];

const enc = encodeURIComponent;
const card = {
	channel_key: 'channel-key-kcp',
	card_number: '4140-0300-9999-0001',
	expiry: '2030-12',
	birth: '900101',
};
const oneSchedule = (merchant_uid, at = START + 7 * DAY, extra = {}) => ({
	merchant_uid,
	schedule_at: at,
	amount: 9900,
	name: '월 정기구독',
	...extra,
});

/** Calls on `world`, read when a test makes them. */
function subscribeCalls(world) {
	const form = (method, url, text) =>
		world.http.request({
			method,
			url,
			data: text,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
	const schedule = (customer_uid, schedules, extra = {}) =>
		world.http.post('/subscribe/payments/schedule', { customer_uid, schedules, ...extra });
	const unschedule = (body) => world.http.post('/subscribe/payments/unschedule', body);
	const statusOf = (mid) => world.sim.subscribe.getSchedule(mid).schedule_status;
	return { form, schedule, unschedule, statusOf };
}

module.exports = { START, DAY, CUSTOMER_KEYS, enc, card, oneSchedule, subscribeCalls };
