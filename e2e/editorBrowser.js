'use strict';
/**
 * Headless Chromium for the n8n editor (e2e/editor.js): the system chromium through
 * playwright-core, kept off the network and logged in to n8n; the bounded waits every editor step
 * uses, and closing what the editor opens on its own.
 */
const { seconds, timings } = require('./n8n');

const TIMEOUTS = {
	browserLaunch: 60_000,
	navigation: 90_000,
	canvas: 60_000,
	element: 15_000,
	screenshot: 30_000,
	browserClose: 15_000,
};

/** Rejects after ms with a message naming what was waited for. */
function bounded(promise, ms, what) {
	let timer;
	return Promise.race([
		promise,
		new Promise((_, reject) => {
			timer = setTimeout(() => reject(new Error(`${what}: no result within ${seconds(ms)}`)), ms);
		}),
	]).finally(() => clearTimeout(timer));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The chromium that playwright-core started, if still there (playwright-core starts it in a group of its own). */
let browserPid;
function killBrowser() {
	if (!browserPid) return;
	for (const target of [-browserPid, browserPid]) {
		try {
			process.kill(target, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	browserPid = undefined;
}

/**
 * Chromium with one page logged in to n8n at `url` (the n8n-auth `cookie`); every request to
 * anywhere else is refused at once. Adds its own stop to `cleanup`. Returns { page, pageErrors }.
 */
async function openBrowser({ executablePath, url, cookie, viewport, cleanup }) {
	const { chromium } = require('playwright-core');
	let started = Date.now();
	// playwright-core starts chromium with a new empty profile (--user-data-dir) of its own, and
	// with --headless and --no-sandbox; the other switches keep it off the network.
	const browser = await bounded(
		chromium.launch({
			executablePath,
			headless: true,
			chromiumSandbox: false,
			timeout: TIMEOUTS.browserLaunch,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		}),
		TIMEOUTS.browserLaunch,
		'chromium launch',
	);
	browserPid = browser.process?.()?.pid;
	cleanup.add(async () => {
		await bounded(browser.close(), TIMEOUTS.browserClose, 'chromium close').catch(() => {});
		killBrowser();
	});
	timings.push({ step: 'chromium', detail: 'launch', ms: Date.now() - started });
	started = Date.now();
	const context = await browser.newContext({
		viewport,
		deviceScaleFactor: 1,
		locale: 'en-US',
		colorScheme: 'light',
	});
	context.setDefaultTimeout(TIMEOUTS.element);
	context.setDefaultNavigationTimeout(TIMEOUTS.navigation);
	await context.addCookies([{ name: 'n8n-auth', value: cookie, url }]);
	const origin = new URL(url).origin;
	await context.route(
		(u) => u.origin !== origin && !['data:', 'blob:'].includes(u.protocol),
		(route) => route.abort('blockedbyclient'),
	);
	const page = await context.newPage();
	const pageErrors = [];
	page.on('pageerror', (e) => pageErrors.push(e.message));
	return { page, pageErrors };
}

/** Closes whatever modal, notification or callout the editor opened on its own. */
async function dismissOverlays(page) {
	for (let round = 0; round < 5; round++) {
		const closers = page.locator(
			[
				'.el-overlay:visible .el-dialog__headerbtn',
				'.el-overlay:visible [data-test-id="close-button"]',
				'[role="dialog"]:visible button[aria-label="Close"]',
				'.el-notification:visible .el-notification__closeBtn',
				'.el-message-box:visible .el-message-box__headerbtn',
			].join(', '),
		);
		const count = await closers.count();
		if (count === 0) return;
		for (let n = 0; n < count; n++)
			await closers
				.nth(n)
				.click({ timeout: 2_000 })
				.catch(() => {});
		await page.keyboard.press('Escape').catch(() => {});
		await sleep(300);
	}
}

module.exports = { TIMEOUTS, bounded, sleep, killBrowser, openBrowser, dismissOverlays };
