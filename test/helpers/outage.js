'use strict';
/**
 * What the outage-guard tests (test/iamportOutage*.test.js) share: the options that make a
 * lasting outage end soon, the most calls one may cost, the run's hints, a closed port, the
 * not-sent item check, and sheets and call counts on the current test's simulator.
 */
const { closedPort } = require('./closedPort');

/** Quick retries, the default window (10 calls, 80 %), and a short longest wait so a lasting outage ends soon. */
const outageOptions = (extra = {}) => ({ retryWaitMs: 10, maxOutageWaitMs: 1500, ...extra });
/** Window 10 + at most one probe per 100 ms of Max Outage Wait (the shortest probe wait), + 1. */
const mostCallsFor = (maxOutageWaitMs) => 10 + maxOutageWaitMs / 100 + 1;

const hintsOf = (run) =>
	(run.result.data.resultData.runData["I'mport"]?.[0]?.hints ?? []).map((hint) => hint.message);

/** Every not-sent item: on Failure, its id, the outcome word, and a description that says nothing was changed. */
function expectNotSent(item, id) {
	expect(item.json).toMatchObject({
		imp_uid: id,
		outcome: 'not_sent',
		error: "Not sent: i'mport looks unavailable",
	});
	expect(item.json.description).toMatch(
		/Nothing was changed at i'mport for this item: run it again once i'mport answers/,
	);
}

/** Sheets and call counts on `world` (from freshWorldPerTest), read when a test calls them. */
function outageTools(world) {
	const sheetOf = (count, prefix) =>
		world.simulator.store.addIssuedPayments(count, prefix).map((imp_uid) => ({ imp_uid }));

	/** Receipt calls that reached the simulator before `entry` (the token requests left out). */
	const receiptCallsBefore = (entry) =>
		world.simulator.log.filter((e) => e.seq < entry.seq && e.rawPath.startsWith('/receipts/'))
			.length;

	return { sheetOf, receiptCallsBefore };
}

module.exports = {
	outageOptions,
	mostCallsFor,
	hintsOf,
	closedPort,
	expectNotSent,
	outageTools,
};
