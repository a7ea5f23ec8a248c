'use strict';
/**
 * Screenshots of the node in a real n8n editor, for the README: starts the i'mport simulator and
 * `n8n start` (pinned n8n, this package installed from its `npm pack` tarball, see e2e/n8n.js),
 * imports examples/cancel-refunded-orders.json and its credential, sets up the owner account over
 * n8n's REST API, opens the workflow in headless Chromium (playwright-core, the system chromium)
 * and saves
 *
 *   docs/screenshots/workflow-canvas.png   the canvas: the I'mport node, its Success and Failure
 *                                          outputs wired to the next nodes
 *   docs/screenshots/node-parameters.png   the I'mport node's parameter panel
 *
 * checking on the way that the editor loaded, the node is on the canvas with its icon rendered and
 * two outputs labelled Success and Failure, and that its parameter panel opened.
 *
 *   npm run screenshots          (= npm run build && node e2e/screenshots.js)
 *
 * Options: --keep (keep the temporary n8n user folder), --reinstall (ignore the cached n8n),
 * --out=DIR (where the PNGs go; default docs/screenshots).
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium), N8N_E2E_VERSION, N8N_E2E_CACHE.
 * Exit code 0 only when every check passed. Every wait is bounded.
 */
const fs = require('node:fs');
const path = require('node:path');
const {
	ROOT,
	N8N_VERSION,
	timings,
	seconds,
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	importExamples,
	startN8n,
	restClient,
} = require('./n8n');
const { report, cleanups, workFolder, runScript } = require('./script');

const OUT_DIR = path.resolve(
	ROOT,
	process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length) ||
		path.join('docs', 'screenshots'),
);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const EXAMPLE = 'cancel-refunded-orders.json';
const NODE_NAME = 'Cancel cash receipt';
const PARAMETER_LABELS = [
	'Resource',
	'Operation',
	'Imp UID',
	'Dry Run',
	'Skip Already Cancelled',
	'Split Success and Failure',
];
const VIEWPORT = { width: 1440, height: 900 };
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Screenshot',
	lastName: 'Owner',
	password: 'Screenshots-only-1',
};

const TIMEOUTS = {
	browserLaunch: 60_000,
	request: 30_000,
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

/* ------------------------------------------------------------------ editor */

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

async function main() {
	console.log(
		`n8n-nodes-iamport screenshots: real n8n ${N8N_VERSION} on node ${process.version}, ${CHROMIUM}`,
	);
	let chromium;
	try {
		({ chromium } = require('playwright-core'));
	} catch {
		throw new Error('playwright-core is missing: npm ci (it is a devDependency)');
	}
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`${CHROMIUM} not found: apt-get install chromium, or set CHROMIUM_PATH`);
	const { createSimulator } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));

	const bin = await ensureN8n();
	const { tmp, userFolder } = workFolder('n8n-iamport-screenshots-');
	const cleanup = cleanups();
	try {
		await installPackage(userFolder, tmp);

		const simulator = createSimulator();
		const simUrl = await simulator.start(await freePort());
		cleanup.add(() => simulator.stop());
		const env = n8nEnv(userFolder, { main: await freePort(), broker: await freePort() });
		const [workflow] = await importExamples(bin, env, tmp, {
			files: [EXAMPLE],
			baseUrl: simUrl,
			account: simulator.accounts[0],
		});

		const n8nServer = await startN8n(bin, env);
		cleanup.add(() => n8nServer.stop());
		const client = restClient(n8nServer.url, { timeoutMs: TIMEOUTS.request });
		await client.login(OWNER);
		const cookie = client.cookie();

		let started = Date.now();
		// playwright-core starts chromium with a new empty profile (--user-data-dir) of its own, and
		// with --headless and --no-sandbox; the other switches keep it off the network.
		const browser = await bounded(
			chromium.launch({
				executablePath: CHROMIUM,
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
			viewport: VIEWPORT,
			deviceScaleFactor: 1,
			locale: 'en-US',
			colorScheme: 'light',
		});
		context.setDefaultTimeout(TIMEOUTS.element);
		context.setDefaultNavigationTimeout(TIMEOUTS.navigation);
		await context.addCookies([{ name: 'n8n-auth', value: cookie, url: n8nServer.url }]);
		// Nothing leaves the machine: requests to anywhere but this n8n are refused at once.
		const origin = new URL(n8nServer.url).origin;
		await context.route(
			(url) => url.origin !== origin && !['data:', 'blob:'].includes(url.protocol),
			(route) => route.abort('blockedbyclient'),
		);
		const page = await context.newPage();
		const iconResponses = [];
		page.on('response', (r) => {
			if (/iamport(\.dark)?\.svg(\?|$)/.test(r.url()))
				iconResponses.push({ url: r.url(), status: r.status() });
		});
		const pageErrors = [];
		page.on('pageerror', (e) => pageErrors.push(e.message));

		// 1. editor loaded, workflow on the canvas
		await page.goto(`${n8nServer.url}/workflow/${workflow.id}`, { waitUntil: 'domcontentloaded' });
		const canvasNodes = page.locator('[data-test-id="canvas-node"]');
		const loaded = await canvasNodes
			.nth(workflow.nodes.length - 1)
			.waitFor({ state: 'visible', timeout: TIMEOUTS.canvas })
			.then(
				() => true,
				(e) => e,
			);
		report(
			'editor loaded the workflow',
			loaded === true,
			loaded === true
				? ''
				: `${loaded.message.split('\n')[0]}; at ${page.url()}; page errors: ${pageErrors.slice(0, 3).join(' | ') || 'none'}`,
		);
		if (loaded !== true) return;
		timings.push({
			step: 'editor',
			detail: `open /workflow/${workflow.id} until its ${workflow.nodes.length} nodes showed`,
			ms: Date.now() - started,
		});
		started = Date.now();
		await sleep(1_000);
		await dismissOverlays(page);

		// 2. the node, its icon and its outputs
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE_NAME}"]`);
		const nodeShown = await node.isVisible();
		const nodeText = nodeShown ? (await node.innerText()).replace(/\s+/g, ' ') : '';
		report(
			`node "${NODE_NAME}" (I'mport) on the canvas`,
			nodeShown,
			nodeShown ? '' : 'no canvas node with that name',
		);

		const icon = await node
			.locator('img')
			.evaluateAll((imgs) =>
				imgs.map((i) => ({
					src: i.getAttribute('src'),
					complete: i.complete,
					width: i.naturalWidth,
				})),
			)
			.catch(() => []);
		const iconImg = icon.find((i) => /iamport(\.dark)?\.svg/.test(i.src ?? ''));
		const iconOk = Boolean(
			iconImg &&
				iconImg.complete &&
				iconImg.width > 0 &&
				iconResponses.some((r) => r.status === 200),
		);
		report(
			'node icon rendered (iamport.svg answered 200, <img> loaded with naturalWidth > 0)',
			iconOk,
			`img: ${JSON.stringify(iconImg ?? icon)}; responses: ${JSON.stringify(iconResponses)}`,
		);

		// As the example wires them: [{ label: 'Success', targets: ['Cancelled'] }, { label: 'Failure', targets: ['Notify ops'] }]
		const expected = ['Success', 'Failure'].map((label, n) => ({
			label,
			targets: (workflow.connections[NODE_NAME]?.main?.[n] ?? []).map((c) => c.node),
		}));
		const outputs = await outputHandles(page, NODE_NAME);
		report(
			`two outputs labelled Success and Failure, wired on the canvas to ${expected.map((o) => `"${o.targets.join('", "')}"`).join(' and ')}`,
			JSON.stringify(outputs) === JSON.stringify(expected),
			`expected ${JSON.stringify(expected)}, got ${JSON.stringify(outputs)}`,
		);

		fs.mkdirSync(OUT_DIR, { recursive: true });
		await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height / 2);
		const canvasPng = path.join(OUT_DIR, 'workflow-canvas.png');
		await page.screenshot({ path: canvasPng, timeout: TIMEOUTS.screenshot });
		console.log(`      saved ${path.relative(ROOT, canvasPng)} (node text: ${nodeText})`);

		// 3. the parameter panel
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		const ndvOpen = await ndv.waitFor({ state: 'visible', timeout: TIMEOUTS.element }).then(
			() => true,
			() => false,
		);
		let missing = PARAMETER_LABELS;
		if (ndvOpen) {
			await sleep(800);
			// The pointer off the parameters (hovering one shows its Fixed/Expression switch): onto the
			// empty top right of the output pane.
			const box = await ndv.boundingBox({ timeout: 2_000 }).catch(() => null);
			await page.mouse.move(
				box ? box.x + box.width - 150 : VIEWPORT.width - 150,
				box ? box.y + 150 : 150,
			);
			await sleep(300);
			const text = await ndv.innerText();
			missing = PARAMETER_LABELS.filter((label) => !text.includes(label));
		}
		report(
			`parameter panel opened (${PARAMETER_LABELS.join(', ')})`,
			ndvOpen && missing.length === 0,
			ndvOpen
				? `not shown: ${missing.join(', ')}`
				: 'the node details view did not open on double-click',
		);
		const paramsPng = path.join(OUT_DIR, 'node-parameters.png');
		await page.screenshot({ path: paramsPng, timeout: TIMEOUTS.screenshot });
		console.log(`      saved ${path.relative(ROOT, paramsPng)}`);
		timings.push({ step: 'editor', detail: 'checks and 2 screenshots', ms: Date.now() - started });
	} finally {
		await cleanup.run();
	}
}

/**
 * The output handles of the named node, in order: their label, and the node that each edge leaving
 * the node starts from it goes to (an edge belongs to the handle nearest to the start of its path).
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
				return { label: (h.innerText || h.textContent || '').trim(), at: center(dot), targets: [] };
			});
		for (const edge of document.querySelectorAll(
			`[data-test-id="edge"][data-source-node-name="${quoted}"]`,
		)) {
			const path = edge.querySelector('path[d]');
			if (!path || handles.length === 0) continue;
			const start = path.getPointAtLength(0).matrixTransform(path.getScreenCTM());
			const distance = (h) => Math.hypot(h.at.x - start.x, h.at.y - start.y);
			const nearest = handles.reduce((a, b) => (distance(b) < distance(a) ? b : a));
			if (distance(nearest) < 30) nearest.targets.push(edge.dataset.targetNodeName);
		}
		return handles.map(({ label, targets }) => ({ label, targets }));
	}, nodeName);
}

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

runScript(__filename, main, { onSignal: killBrowser });
