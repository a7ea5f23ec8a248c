'use strict';
/**
 * The simulator's clock: real time frozen at start, moved only by `advance`, so tests about the
 * 3-hour idempotency window, 90-day list windows or webhook retry delays never sleep.
 */
function createClock(startAt = Date.now()) {
	const base = typeof startAt === 'number' ? startAt : Date.parse(startAt);
	if (!Number.isFinite(base)) throw new Error(`bad startAt ${startAt}`);
	let offsetMs = 0;
	const clock = {
		/** simulated epoch milliseconds */
		nowMs: () => base + offsetMs,
		/** simulated UNIX seconds (webhook-timestamp) */
		now: () => Math.floor(clock.nowMs() / 1000),
		/** simulated time as RFC 3339, as the API writes date-times */
		iso: (ms = clock.nowMs()) => new Date(ms).toISOString(),
		advance(seconds) {
			offsetMs += seconds * 1000;
		},
	};
	return clock;
}

module.exports = { createClock };
