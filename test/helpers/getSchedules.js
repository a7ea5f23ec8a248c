'use strict';
/**
 * What the Subscription → Get Schedules tests (test/subscriptionSchedules*.test.js) share: ISO dates
 * from UNIX seconds, the merchant_uids of output items, and, on the current test's simulator, its
 * clock, the listing queries it saw and the state changes it applied.
 */
const DAY_S = 24 * 60 * 60;

const iso = (unixSeconds) => new Date(unixSeconds * 1000).toISOString();
const mids = (items) => items.map((i) => i.json.merchant_uid);

/** Helpers on `world` (from freshWorldPerTest), read when a test calls them. */
function scheduleTools(world) {
	const now = () => world.simulator.clock.now();
	const listings = (prefix) =>
		world.simulator.log
			.filter((e) => e.method === 'GET' && e.rawPath.startsWith(prefix))
			.map((e) => Object.fromEntries(new URLSearchParams(e.rawUrl.split('?')[1] ?? '')));
	const changes = () => world.simulator.changes.list().length;
	return { now, listings, changes };
}

module.exports = { DAY_S, iso, mids, scheduleTools };
