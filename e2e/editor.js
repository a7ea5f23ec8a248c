'use strict';
/**
 * The n8n editor in headless Chromium, for e2e/screenshots.js: starting the browser (the system
 * chromium through playwright-core, kept off the network), opening a workflow, a node's parameter
 * panel, reading the canvas (output handles, where their edges go, the item counts on them),
 * looking for secrets on the page, and saving a PNG cropped to what it shows. Every wait is bounded.
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

/**
 * Opens /workflow/<id> and waits (bounded) until its `nodeCount` canvas nodes (sticky notes are
 * not canvas nodes) show, then closes what the editor opened on its own. The first workflow loads
 * the editor; the next ones are opened by its own router, as a click in the editor would (a page
 * load takes ~10 s). Returns true, or why not.
 */
async function openWorkflow(page, baseUrl, id, nodeCount, pageErrors) {
	const route = `/workflow/${id}`;
	const routed = await page
		.evaluate((to) => {
			const router = document.querySelector('#app')?.__vue_app__?.config.globalProperties.$router;
			if (!router) return false;
			return router.push(to).then(() => true);
		}, route)
		.catch(() => false);
	if (!routed) await page.goto(`${baseUrl}${route}`, { waitUntil: 'domcontentloaded' });
	const shown = await page
		.waitForFunction(
			([path, n]) =>
				location.pathname === path &&
				document.querySelectorAll('[data-test-id="canvas-node"]').length === n,
			[route, nodeCount],
			{ timeout: TIMEOUTS.canvas, polling: 250 },
		)
		.then(
			() => true,
			(e) =>
				`${e.message.split('\n')[0]}; at ${page.url()}; page errors: ${pageErrors.slice(0, 3).join(' | ') || 'none'}`,
		);
	if (shown !== true) return shown;
	// The count is reached before the last nodes settle on the canvas (fit to view, icons).
	await sleep(1_000);
	await dismissOverlays(page);
	return true;
}

const canvasNode = (page, name) =>
	page.locator(`[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`);

/**
 * Double-clicks the named node and waits for its details view; the pointer then goes onto the
 * empty top right of the view (hovering a parameter shows its Fixed/Expression switch).
 * Returns { ndv, text } (text: what the view shows), or { why } when it did not open.
 */
async function openNodePanel(page, name) {
	await canvasNode(page, name).dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	const open = await ndv.waitFor({ state: 'visible', timeout: TIMEOUTS.element }).then(
		() => true,
		() => false,
	);
	if (!open) return { why: `the details view of "${name}" did not open on double-click` };
	await sleep(800);
	await restPointer(page, ndv);
	return { ndv, text: await ndv.innerText() };
}

async function restPointer(page, ndv) {
	const box = await ndv.boundingBox({ timeout: 2_000 }).catch(() => null);
	const viewport = page.viewportSize();
	await page.mouse.move(
		box ? box.x + box.width - 150 : viewport.width - 150,
		box ? box.y + 150 : 150,
	);
	await sleep(300);
}

/** Closes the node details view (Escape), bounded. */
async function closeNodePanel(page) {
	await page.keyboard.press('Escape');
	await page
		.locator('[data-test-id="ndv"]')
		.waitFor({ state: 'hidden', timeout: TIMEOUTS.element })
		.catch(() => {});
	await sleep(300);
}

/** What the panel shows: its text, and the values of its fields (selects show theirs in an input). */
function panelText(ndv) {
	return ndv.evaluate((root) =>
		[root.innerText, ...[...root.querySelectorAll('input, textarea')].map((e) => e.value)].join(
			'\n',
		),
	);
}

/**
 * The labels not found in the panel as an element's own text (or a field's value), or whose
 * element lies outside what the panel shows: scrolled out of its pane, or below the window.
 */
function labelsOutOfView(ndv, labels) {
	return ndv.evaluate((root, wanted) => {
		const inside = (r, v) => r.top >= v.top && r.bottom <= v.bottom && r.height > 0;
		const scrollBox = (el) => {
			for (let e = el.parentElement; e && e !== root; e = e.parentElement) {
				const s = getComputedStyle(e).overflowY;
				if ((s === 'auto' || s === 'scroll') && e.scrollHeight > e.clientHeight)
					return e.getBoundingClientRect();
			}
			return root.getBoundingClientRect();
		};
		const all = [...root.querySelectorAll('*')];
		return wanted.filter((label) => {
			const el = all.find(
				(e) =>
					[...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() === label) ||
					(['INPUT', 'TEXTAREA'].includes(e.tagName) && e.value === label),
			);
			if (!el) return true;
			const r = el.getBoundingClientRect();
			return !inside(r, scrollBox(el)) || !inside(r, { top: 0, bottom: window.innerHeight });
		});
	}, labels);
}

/**
 * Waits (bounded) until the open panel shows every one of `labels` in view and every one of
 * `texts`; returns what is still missing then: { outOfView, absent }.
 */
async function waitForPanel(ndv, labels, texts, timeoutMs = TIMEOUTS.element) {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const text = await panelText(ndv);
		const missing = {
			outOfView: await labelsOutOfView(ndv, labels),
			absent: texts.filter((t) => !text.includes(t)),
		};
		if (missing.outOfView.length + missing.absent.length === 0 || Date.now() > until)
			return missing;
		await sleep(300);
	}
}

/**
 * Clicks "Execute workflow" and waits (bounded) until n8n stored the execution it started as
 * finished; `rest` is restClient's. Returns the execution, its run data parsed with `flatted`.
 */
async function executeInEditor(page, rest, workflowId, { flatted, timeoutMs }) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = async () =>
		(await rest('GET', `/executions?filter=${filter}&limit=20`)).data.results;
	const before = new Set((await list()).map((e) => String(e.id)));
	const until = Date.now() + timeoutMs;
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	for (;;) {
		const done = (await list()).find(
			(e) => !before.has(String(e.id)) && !['new', 'running', 'waiting'].includes(e.status),
		);
		if (done) {
			const { data: execution } = await rest('GET', `/executions/${done.id}`);
			const data =
				typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
			return { ...execution, data };
		}
		if (Date.now() > until)
			throw new Error(`no finished execution of ${workflowId} within ${seconds(timeoutMs)}`);
		await sleep(500);
	}
}

/**
 * The output handles of the named node, in order: their label, and for each edge leaving it the
 * node it goes to and the item count shown on it ("5 items"; '' before a run). An edge belongs to
 * the handle nearest to the start of its path.
 */
async function outputHandles(page, nodeName) {
	return page.evaluate((name) => {
		const center = (el) => {
			const r = el.getBoundingClientRect();
			return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
		};
		const quoted = CSS.escape(name);
		const handles = [
			...document.querySelectorAll(
				`[data-test-id="canvas-node-output-handle"][data-node-name="${quoted}"]`,
			),
		]
			.sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
			.map((h) => {
				// The connection point: the Vue Flow handle inside the wrapper (the wrapper holds the label too).
				const dot = h.querySelector('.vue-flow__handle') ?? h;
				return { label: (h.innerText || h.textContent || '').trim(), at: center(dot), edges: [] };
			});
		for (const edge of document.querySelectorAll(
			`[data-test-id="edge"][data-source-node-name="${quoted}"]`,
		)) {
			const path = edge.querySelector('path[d]');
			if (!path || handles.length === 0) continue;
			const start = path.getPointAtLength(0).matrixTransform(path.getScreenCTM());
			const distance = (h) => Math.hypot(h.at.x - start.x, h.at.y - start.y);
			const nearest = handles.reduce((a, b) => (distance(b) < distance(a) ? b : a));
			const target = edge.dataset.targetNodeName;
			const label = document.querySelector(
				`[data-test-id="edge-label"][data-source-node-name="${quoted}"][data-target-node-name="${CSS.escape(target)}"]`,
			);
			if (distance(nearest) < 30)
				nearest.edges.push({ target, items: (label?.innerText ?? '').trim() });
		}
		return handles.map(({ label, edges }) => ({ label, edges }));
	}, nodeName);
}

/**
 * Which of `secrets` ({ name: value }) the page holds anywhere: in its HTML (text and attributes)
 * or in the value of any input or text area. Returns their names.
 */
async function secretsOnPage(page, secrets) {
	const found = await page.evaluate((values) => {
		const fields = [...document.querySelectorAll('input, textarea')].map((e) => e.value);
		const all = [document.documentElement.outerHTML, ...fields].join('\n');
		return values.filter((v) => all.includes(v));
	}, Object.values(secrets));
	return Object.keys(secrets).filter((name) => found.includes(secrets[name]));
}

/** Whether a credential's own form (where its secret fields are) is open on the page. */
async function credentialFormOpen(page) {
	return page
		.locator('[data-test-id="editCredential-modal"], [data-test-id="credential-edit-dialog"]')
		.isVisible();
}

/**
 * Saves a PNG of the page: of all of it, or of `clip` ({ x, y, width, height }) grown by `margin`
 * on each side and kept inside the page. Returns the file's size in bytes.
 */
async function savePng(page, file, { clip, margin = 0 } = {}) {
	let area;
	if (clip) {
		const viewport = page.viewportSize();
		const x = Math.max(0, Math.floor(clip.x - margin));
		const y = Math.max(0, Math.floor(clip.y - margin));
		area = {
			x,
			y,
			width: Math.min(viewport.width, Math.ceil(clip.x + clip.width + margin)) - x,
			height: Math.min(viewport.height, Math.ceil(clip.y + clip.height + margin)) - y,
		};
	}
	const png = await page.screenshot({ path: file, clip: area, timeout: TIMEOUTS.screenshot });
	return png.length;
}

/**
 * The box around what the canvas shows of the workflow: its nodes, the text on and under them
 * (names, subtitles, output labels), their icons, the + stubs after the last nodes and the item
 * counts on the edges. Parts shown only on hover (node toolbars) and empty boxes around them (a
 * trigger's) do not count: text counts by the box of its glyphs. Null when nothing shows.
 */
function canvasBox(page) {
	return page.evaluate(() => {
		const shown = (e) =>
			e.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
			!e.closest('[data-test-id="canvas-node-toolbar"]');
		const boxes = [
			'[data-test-id="canvas-node"]',
			'[data-test-id="canvas-handle-plus-wrapper"]',
			'[data-test-id="edge-label"]',
		].flatMap((s) => [...document.querySelectorAll(s)]);
		const nodes = document.querySelectorAll('[data-test-id="canvas-node"]');
		const rects = boxes.filter(shown).map((e) => e.getBoundingClientRect());
		for (const node of nodes) {
			for (const svg of node.querySelectorAll('svg'))
				if (shown(svg)) rects.push(svg.getBoundingClientRect());
			const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
			for (let t = walker.nextNode(); t; t = walker.nextNode()) {
				if (!t.textContent.trim() || !shown(t.parentElement)) continue;
				const range = document.createRange();
				range.selectNodeContents(t);
				rects.push(range.getBoundingClientRect());
			}
		}
		const real = rects.filter((r) => r.width > 0 && r.height > 0);
		if (real.length === 0) return null;
		const x = Math.min(...real.map((r) => r.left));
		const y = Math.min(...real.map((r) => r.top));
		const right = Math.max(...real.map((r) => r.right));
		const bottom = Math.max(...real.map((r) => r.bottom));
		return { x, y, width: right - x, height: bottom - y };
	});
}

module.exports = {
	TIMEOUTS,
	bounded,
	sleep,
	killBrowser,
	openBrowser,
	dismissOverlays,
	openWorkflow,
	canvasNode,
	openNodePanel,
	restPointer,
	closeNodePanel,
	panelText,
	labelsOutOfView,
	waitForPanel,
	executeInEditor,
	outputHandles,
	secretsOnPage,
	credentialFormOpen,
	savePng,
	canvasBox,
};
