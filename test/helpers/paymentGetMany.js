'use strict';
/**
 * What the Payment → Get Many by status tests share (test/paymentGetManyStatusPaging,
 * …StatusFields.test.js): a day in seconds, ISO text of UNIX seconds, and, from the current test's
 * world (freshWorldPerTest), the status listing requests and the simulated now.
 */
const DAY_S = 24 * 60 * 60;

const iso = (unixSeconds) => new Date(unixSeconds * 1000).toISOString();

function statusReaders(world) {
	const statusRequests = () => world.simulator.requests('GET', '/payments/status/');
	/** Simulated now (the seeded payments sit on the simulator's clock). */
	const now = () => world.simulator.clock.now();
	return { statusRequests, now };
}

module.exports = { DAY_S, iso, statusReaders };
