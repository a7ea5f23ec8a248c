'use strict';
/**
 * What the Subscription → Unschedule tests (test/subscriptionUnschedule*.test.js) read off the
 * current test's simulator: a schedule's status, the revocations counted, the unschedule POSTs,
 * and the merchant_uids of a list of schedules.
 */

/** Helpers on `world` (from freshWorldPerTest), read when a test calls them. */
function unscheduleTools(world) {
	const status = (mid) => world.simulator.subscribe.getSchedule(mid).schedule_status;
	const revoked = () => world.simulator.changes.count('schedule.revoked');
	const posts = () => world.simulator.requests('POST', '/subscribe/payments/unschedule');
	return { status, revoked, posts };
}

const mids = (schedules) => schedules.map((s) => s.merchant_uid);

module.exports = { unscheduleTools, mids };
