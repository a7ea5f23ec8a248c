'use strict';
/**
 * What the Payment → Get tests (test/paymentGet{ByImpUid,ByMerchantUid,Undocumented}.test.js) read
 * off the current test's simulator: the /payments requests of a run.
 */

/** Readers on `world` (from freshWorldPerTest), read when a test calls them. */
function paymentGetReaders(world) {
	/** The /payments requests of a run (the token request left out). */
	const paymentRequests = () => world.simulator.requests('GET', '/payments');
	return { paymentRequests };
}

module.exports = { paymentGetReaders };
