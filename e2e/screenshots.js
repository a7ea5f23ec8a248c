'use strict';
/**
 * Screenshots of the nodes in a real n8n editor, for the README: starts the i'mport (V1) and
 * PortOne (V2) simulators and `n8n start` (pinned n8n, this package installed from its `npm pack`
 * tarball, see e2e/n8n.js), imports the workflows of e2e/screenshotWorkflows.js and their two
 * credentials, sets up the owner account over n8n's REST API, opens them in headless Chromium
 * (playwright-core, the system chromium; e2e/editor.js) and saves into docs/screenshots/ (each
 * picture taken by e2e/screenshotPictures.js)
 *
 *   workflow-canvas.png            examples/cancel-refunded-orders.json on the canvas: the I'mport
 *                                  node, its Success and Failure outputs wired to the next nodes
 *   node-parameters.png            that I'mport node's parameter panel (Cash Receipt > Cancel)
 *   iamport-refund-parameters.png  the I'mport node's refund (Payment > Cancel) of
 *                                  examples/partial-refund-fix-receipt.json
 *   refund-parameters.png          the PortOne node's refund (Payment > Cancel (Refund), Partial)
 *   trigger-parameters.png         the PortOne Trigger: signature notice, webhook URL, Events,
 *                                  Look Up the Payment
 *   execution-success-failure.png  a refund sheet (the rows and Refund node of
 *                                  examples/portone-refund-sheet.json) executed in the editor
 *                                  against the V2 simulator: item counts on Success and Failure
 *
 * Each picture is saved only when its checks passed: the editor loaded the workflow, the node and
 * its icon show, the panel holds the fields expected and they are in view, the run's counts on the
 * canvas are those of the execution n8n stored, no secret of the simulators is anywhere on the page
 * (HTML or field values) and no credential form is open; and each PNG stays under
 * 300 KB (MAX_PNG_BYTES in e2e/screenshotSteps.js, with the other steps).
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
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	startN8n,
	restClient,
} = require('./n8n');
const { cleanups, workFolder, runScript } = require('./script');
const editor = require('./editor');
const shots = require('./screenshotWorkflows');
const {
	CANVAS_VIEWPORT,
	canvasAndCashReceipt,
	iamportRefund,
	portOneRefundAndTrigger,
	refundRun,
} = require('./screenshotPictures');

const OUT_DIR = path.resolve(
	ROOT,
	process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length) ||
		path.join('docs', 'screenshots'),
);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Screenshot',
	lastName: 'Owner',
	password: 'Screenshots-only-1',
};

/* ------------------------------------------------------------------ main */

async function main() {
	console.log(
		`n8n-nodes-iamport screenshots: real n8n ${N8N_VERSION} on node ${process.version}, ${CHROMIUM}`,
	);
	try {
		require.resolve('playwright-core');
	} catch {
		throw new Error('playwright-core is missing: npm ci (it is a devDependency)');
	}
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`${CHROMIUM} not found: apt-get install chromium, or set CHROMIUM_PATH`);
	const { createSimulator } = require(path.join(ROOT, 'test', 'simulator', 'server.js'));
	const { createPortOneSimulator } = require(
		path.join(ROOT, 'test', 'portone-simulator', 'server.js'),
	);

	const bin = await ensureN8n();
	const { tmp, userFolder } = workFolder('n8n-iamport-screenshots-');
	const cleanup = cleanups();
	try {
		await installPackage(userFolder, tmp);
		const v1 = createSimulator();
		const v1Url = await v1.start(await freePort());
		cleanup.add(() => v1.stop());
		const v2 = createPortOneSimulator();
		const v2Url = await v2.start(await freePort());
		cleanup.add(() => v2.stop());
		const env = {
			...n8nEnv(userFolder, { main: await freePort(), broker: await freePort() }),
			WEBHOOK_URL: shots.WEBHOOK_BASE,
		};
		const workflows = shots.screenshotWorkflows();
		const [v1Account] = v1.accounts;
		const [v2Account, otherV2Account] = v2.accounts.list;
		await shots.importAll(bin, env, tmp, {
			credentials: shots.screenshotCredentials({ v1Url, v1Account, v2Url, v2Account }),
			workflows: Object.values(workflows),
		});

		const server = await startN8n(bin, env);
		cleanup.add(() => server.stop());
		const client = restClient(server.url, { timeoutMs: 30_000 });
		await client.login(OWNER);
		const { page, pageErrors } = await editor.openBrowser({
			executablePath: CHROMIUM,
			url: server.url,
			cookie: client.cookie(),
			viewport: CANVAS_VIEWPORT,
			cleanup,
		});
		const iconStatus = new Map();
		page.on('response', (r) => {
			if (/\.svg(\?|$)/.test(r.url())) iconStatus.set(r.url(), r.status());
		});
		const ctx = {
			page,
			pageErrors,
			client,
			url: server.url,
			iconStatus,
			saved: [],
			outDir: OUT_DIR,
			secrets: {
				"I'mport API secret": v1Account.impSecret,
				'PortOne API secret': v2Account.apiSecret,
				'other PortOne API secret': otherV2Account.apiSecret,
				'webhook secret': shots.WEBHOOK_SECRET,
			},
		};
		fs.mkdirSync(OUT_DIR, { recursive: true });
		await canvasAndCashReceipt(ctx, workflows.canvas);
		await iamportRefund(ctx, workflows.iamportRefund);
		await portOneRefundAndTrigger(ctx, workflows.parameters);
		await refundRun(ctx, workflows.refundRun);
		console.log(`\nSaved in ${path.relative(ROOT, OUT_DIR) || OUT_DIR}:`);
		for (const { file, bytes } of ctx.saved)
			console.log(`  ${file.padEnd(32)} ${(bytes / 1024).toFixed(0).padStart(5)} KB`);
	} finally {
		await cleanup.run();
	}
}

runScript(__filename, main, { onSignal: editor.killBrowser });
