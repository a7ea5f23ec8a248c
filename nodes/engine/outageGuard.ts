import { sleep } from 'n8n-workflow';

export interface OutageSettings {
	/** how many recent calls are judged; 0 turns the guard off */
	outageWindow: number;
	/** the run pauses when at least this share (percent) of the last `outageWindow` calls failed transiently */
	outageFailurePercent: number;
	/** how long, in total, the run waits for the API to come back before it gives up */
	maxOutageWaitMs: number;
	/** first wait before a probe, doubled at each failed probe (the Retry Wait option) */
	retryWaitMs: number;
}

/**
 * What a call found out about the API: it answered (any answer, even a refusal), it failed
 * transiently (5xx gateway, 429, reset, timeout, refused), or it failed in a way that says
 * nothing about the API being up (e.g. a host name that does not resolve).
 */
export type CallVerdict = 'answered' | 'failed' | 'other';

/** Leave to make one call; `probe` when the call decides whether a pause ends. */
export interface CallTicket {
	probe: boolean;
}

const MIN_PROBE_WAIT_MS = 100;
const MAX_PROBE_WAIT_MS = 15_000;

/**
 * One run's judgement of whether the API is up, shared by every item (a circuit breaker).
 *
 * Closed: calls go out; each one's verdict enters a window of the last `outageWindow` calls. When
 * the window is full and at least `outageFailurePercent` of it failed transiently, the guard
 * opens: no call goes out (callers wait in `beforeCall`), and after a wait a single probe call
 * is let through. An answer to the probe (any answer, even a refusal) closes the guard and
 * everyone goes on; a failed probe opens it again with a longer wait. Once the run has waited
 * `maxOutageWaitMs` in total, the guard gives up: waiting and later calls are not sent.
 */
export class OutageGuard {
	private state: 'closed' | 'open' | 'probing' | 'gaveUp' | 'stopped' = 'closed';

	/** verdicts of the most recent calls, oldest first (true = failed) */
	private window: boolean[] = [];

	/** calls the API answered in this run: a put-back item goes again only after this grew */
	answers = 0;

	/** failed and judged calls when the guard gave up, for the message */
	lastJudged = { failed: 0, calls: 0 };

	private openedAt = 0;

	private waited = 0;

	private probeWaitMs = 0;

	private retryAfterMs: number | undefined;

	private probeScheduled = false;

	private wake: Array<() => void> = [];

	constructor(private readonly settings: OutageSettings) {}

	/** false when Outage Window is 0: each item retries on its own, as if there were no guard */
	get enabled() {
		return this.settings.outageWindow > 0;
	}

	/** true once the run gave up on the API: nothing more is sent */
	get unavailable() {
		return this.state === 'gaveUp';
	}

	/** how long the run has waited for the API so far, in all pauses */
	get waitedMs() {
		return this.waited + (this.paused ? Date.now() - this.openedAt : 0);
	}

	/** true while calls are held back (a pause, its probe) */
	get paused() {
		return this.state === 'open' || this.state === 'probing';
	}

	/**
	 * Waits while the guard is open. Resolves with a ticket to make the call, or undefined when
	 * the run gave up on the API (or was stopped) and the call must not be sent.
	 */
	async beforeCall(): Promise<CallTicket | undefined> {
		for (;;) {
			if (this.state === 'gaveUp' || this.state === 'stopped') return undefined;
			if (this.state === 'closed') return { probe: false };
			if (this.state === 'open' && !this.probeScheduled) {
				// The first caller to find the guard open waits, then makes the probe call itself.
				this.probeScheduled = true;
				await sleep(this.nextProbeWait());
				if (this.state !== 'open') continue;
				this.state = 'probing';
				return { probe: true };
			}
			await new Promise<void>((resolve) => this.wake.push(resolve));
		}
	}

	/** Records what the call made with `ticket` found out; every ticket must be recorded once. */
	record(ticket: CallTicket, verdict: CallVerdict, retryAfterMs?: number) {
		if (verdict === 'answered') this.answers++;
		if (this.state === 'gaveUp' || this.state === 'stopped' || this.settings.outageWindow <= 0)
			return;
		if (verdict === 'answered') {
			// Any answer while paused (the probe, or a call that was already under way) ends the pause.
			if (this.paused) this.close();
			else this.push(false);
			return;
		}
		if (verdict === 'other') {
			if (this.state === 'probing' && ticket.probe) this.probeFailed();
			return;
		}
		this.push(true);
		this.retryAfterMs = retryAfterMs;
		if (this.state === 'closed' && this.tripped()) this.open();
		else if (this.state === 'probing' && ticket.probe) this.probeFailed();
	}

	/** Gives up at once (the run stops for another reason): waiting calls are not sent. */
	stop() {
		if (this.state === 'gaveUp') return;
		this.state = 'stopped';
		this.wakeAll();
	}

	private push(failed: boolean) {
		this.window.push(failed);
		if (this.window.length > this.settings.outageWindow) this.window.shift();
	}

	private failedInWindow() {
		return this.window.filter(Boolean).length;
	}

	private tripped() {
		const { outageWindow, outageFailurePercent } = this.settings;
		return (
			this.window.length >= outageWindow &&
			this.failedInWindow() * 100 >= outageFailurePercent * outageWindow
		);
	}

	private open() {
		this.state = 'open';
		this.openedAt = Date.now();
		this.probeWaitMs = Math.max(this.settings.retryWaitMs, MIN_PROBE_WAIT_MS);
		this.probeScheduled = false;
		if (this.waited >= this.settings.maxOutageWaitMs) this.giveUp();
	}

	private probeFailed() {
		if (this.waited + (Date.now() - this.openedAt) >= this.settings.maxOutageWaitMs)
			return this.giveUp();
		this.state = 'open';
		this.probeScheduled = false;
		this.wakeAll();
	}

	/** The wait before the next probe: doubling, at least what Retry-After asked, never past the run's budget. */
	private nextProbeWait() {
		const wait = Math.max(this.probeWaitMs, this.retryAfterMs ?? 0);
		this.probeWaitMs = Math.min(this.probeWaitMs * 2, MAX_PROBE_WAIT_MS);
		const left = this.settings.maxOutageWaitMs - this.waited - (Date.now() - this.openedAt);
		return Math.max(0, Math.min(wait, MAX_PROBE_WAIT_MS, left));
	}

	private close() {
		this.waited += Date.now() - this.openedAt;
		this.state = 'closed';
		// A fresh judgement: the failures of the pause are behind us.
		this.window = [];
		this.wakeAll();
	}

	private giveUp() {
		this.waited += Date.now() - this.openedAt;
		this.lastJudged = { failed: this.failedInWindow(), calls: this.window.length };
		this.state = 'gaveUp';
		this.wakeAll();
	}

	private wakeAll() {
		const waiting = this.wake;
		this.wake = [];
		for (const resolve of waiting) resolve();
	}
}
