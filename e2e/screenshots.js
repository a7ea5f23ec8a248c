'use strict';
/**
 * Screenshots of the nodes in a real n8n editor, for the README: starts the i'mport (V1) and
 * PortOne (V2) simulators and `n8n start` (pinned n8n, this package installed from its `npm pack`
 * tarball, see e2e/n8n.js), imports the workflows of e2e/screenshotWorkflows.js and their two
 * credentials, sets up the owner account over n8n's REST API, opens them in headless Chromium
 * (playwright-core, the system chromium; e2e/editor.js) and saves into docs/screenshots/
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
	CACHE_DIR,
	timings,
	freePort,
	ensureN8n,
	installPackage,
	n8nEnv,
	startN8n,
	restClient,
} = require('./n8n');
const { report, same, cleanups, workFolder, runScript } = require('./script');
const editor = require('./editor');
const shots = require('./screenshotWorkflows');
const { save, open, iconCheck, panel } = require('./screenshotSteps');

const OUT_DIR = path.resolve(
	ROOT,
	process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length) ||
		path.join('docs', 'screenshots'),
);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The canvas pictures; the parameter panels get a taller, narrower window so that all fields fit. */
const CANVAS_VIEWPORT = { width: 1440, height: 900 };
const V1_REFUND_VIEWPORT = { width: 1100, height: 1330 };
const V2_REFUND_VIEWPORT = { width: 1100, height: 1260 };
const TRIGGER_VIEWPORT = { width: 1100, height: 820 };
/** Around a parameter panel: its badges of the nodes before and after it stick out of its sides. */
const PANEL_MARGIN = 20;
const V1_CREDENTIAL = "I'mport API (simulator)";
const V2_CREDENTIAL = 'PortOne V2 API (simulator)';
const fields = (list) => list.split('|');
const RUN_TIMEOUT_MS = 90_000;
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Screenshot',
	lastName: 'Owner',
	password: 'Screenshots-only-1',
};

/* ------------------------------------------------------------------ the pictures */

async function canvasAndCashReceipt(ctx, workflow) {
	const name = 'Cancel cash receipt';
	if (!(await open(ctx, workflow, CANVAS_VIEWPORT, 'examples/cancel-refunded-orders.json'))) return;
	const shown = report(
		`node "${name}" (I'mport) on the canvas`,
		await editor.canvasNode(ctx.page, name).isVisible(),
	);
	const icon = await iconCheck(ctx, name, /iamport(\.dark)?\.svg/);
	// As the example wires them: Success to "Cancelled", Failure to "Notify ops".
	const expected = ['Success', 'Failure'].map((label, n) => ({
		label,
		targets: (workflow.connections[name]?.main?.[n] ?? []).map((c) => c.node),
	}));
	const outputs = (await editor.outputHandles(ctx.page, name)).map((h) => ({
		label: h.label,
		targets: h.edges.map((e) => e.target),
	}));
	const wired = report(
		`two outputs labelled Success and Failure, wired on the canvas to ${expected.map((o) => `"${o.targets.join('", "')}"`).join(' and ')}`,
		same(outputs, expected) === true,
		same(outputs, expected),
	);
	await ctx.page.mouse.move(CANVAS_VIEWPORT.width - 5, CANVAS_VIEWPORT.height / 2);
	await save(ctx, 'workflow-canvas.png', shown && icon && wired);
	const labels = fields(
		'Resource|Operation|Imp UID|Dry Run|Skip Already Cancelled|Split Success and Failure',
	);
	const p = await panel(ctx, name, labels, [V1_CREDENTIAL, 'Cash Receipt', 'Cancel']);
	await save(ctx, 'node-parameters.png', Boolean(p?.ok));
}

async function iamportRefund(ctx, workflow) {
	if (!(await open(ctx, workflow, V1_REFUND_VIEWPORT, 'examples/partial-refund-fix-receipt.json')))
		return;
	const labels = fields(
		'Credential|Resource|Operation|Find Payment By|Imp UID|Refund Mode|Amount|Refund Reference|Reason|Dry Run|Run Limits|Simplify|Split Success and Failure',
	);
	const icon = await iconCheck(ctx, 'Refund', /iamport(\.dark)?\.svg/);
	const texts = [V1_CREDENTIAL, 'Payment', 'Cancel (Refund)', 'Partial (an Amount)'];
	const p = await panel(ctx, 'Refund', labels, texts);
	await save(ctx, 'iamport-refund-parameters.png', Boolean(icon && p?.ok), {
		clip: p?.box,
		margin: PANEL_MARGIN,
	});
}

async function portOneRefundAndTrigger(ctx, workflow) {
	if (!(await open(ctx, workflow, V2_REFUND_VIEWPORT, 'PortOne refund and trigger'))) return;
	const page = ctx.page;
	const labels = fields(
		'Credential|Resource|Operation|Payment ID|Refund Mode|Amount|Refund Reference|Reason|Dry Run|Run Limits|Simplify|Additional Fields|Split Success and Failure',
	);
	const icon = await iconCheck(ctx, 'Refund', /portone(\.dark)?\.svg/);
	const texts = [V2_CREDENTIAL, 'Payment', 'Cancel (Refund)', 'Partial (an Amount)'];
	const refund = await panel(ctx, 'Refund', labels, texts);
	await save(ctx, 'refund-parameters.png', Boolean(icon && refund?.ok), {
		clip: refund?.box,
		margin: PANEL_MARGIN,
	});
	await editor.closeNodePanel(page);
	await page.setViewportSize(TRIGGER_VIEWPORT);

	const triggerIcon = await iconCheck(ctx, 'PortOne Trigger', /portoneTrigger(\.dark)?\.svg/);
	const { DEFAULT_EVENTS, WEBHOOK_EVENT_OPTIONS } = require(
		path.join(ROOT, 'dist', 'nodes', 'PortOneTrigger', 'webhookBody.js'),
	);
	const events = DEFAULT_EVENTS.map((v) => WEBHOOK_EVENT_OPTIONS.find((o) => o.value === v).name);
	// The webhook URL to set in the PortOne console: the Production URL, shown under "Webhook URLs".
	const url = `${shots.WEBHOOK_BASE}webhook/${shots.TRIGGER_WEBHOOK_ID}/webhook`;
	const showUrl = async (ndv) => {
		await ndv.getByText('Webhook URLs', { exact: true }).click();
		await ndv.getByText('Production URL', { exact: true }).click();
		const shown = await ndv
			.getByText(url)
			.waitFor({ state: 'visible', timeout: editor.TIMEOUTS.element })
			.then(
				() => true,
				() => false,
			);
		return report(`"PortOne Trigger": its production webhook URL shows (${url})`, shown);
	};
	const trigger = await panel(
		ctx,
		'PortOne Trigger',
		['Webhook URLs', 'Credential', 'Events', ...events, 'Look Up the Payment', 'Options'],
		['Every webhook is checked against its signature', V2_CREDENTIAL],
		showUrl,
	);
	await save(ctx, 'trigger-parameters.png', Boolean(triggerIcon && trigger?.ok), {
		clip: trigger?.box,
		margin: PANEL_MARGIN,
	});
}

const itemsLabel = (n) => `${n} ${n === 1 ? 'item' : 'items'}`;

async function refundRun(ctx, workflow) {
	if (
		!(await open(
			ctx,
			workflow,
			CANVAS_VIEWPORT,
			`"${workflow.name}" (rows and Refund of examples/${shots.V2_EXAMPLE})`,
		))
	)
		return;
	const page = ctx.page;
	const started = Date.now();
	const execution = await editor.executeInEditor(page, ctx.client.rest, workflow.id, {
		flatted: require(path.join(CACHE_DIR, 'node_modules', 'flatted')),
		timeoutMs: RUN_TIMEOUT_MS,
	});
	timings.push({
		step: 'run',
		detail: `"${workflow.name}" executed in the editor`,
		ms: Date.now() - started,
	});
	const [success = [], failure = []] =
		execution.data?.resultData?.runData?.Refund?.[0]?.data?.main ?? [];
	const outcomes = (items) => items.map((i) => i.json.outcome).join(', ');
	const ran = report(
		`the run: status ${execution.status}; "Refund" Success ${success.length} (${outcomes(success)}), Failure ${failure.length} (${outcomes(failure)})`,
		execution.status === 'success' && success.length > 0 && failure.length > 0,
		'both outputs should have items after a successful run',
	);
	// What the canvas should say: each output wired to its Set node, the run's count on the edge.
	const expected = [
		{ label: 'Success', edges: [{ target: 'Refunded', items: itemsLabel(success.length) }] },
		{ label: 'Failure', edges: [{ target: 'Notify ops', items: itemsLabel(failure.length) }] },
	];
	let outputs;
	const until = Date.now() + editor.TIMEOUTS.element;
	do {
		await editor.sleep(300);
		outputs = await editor.outputHandles(page, 'Refund');
	} while (same(outputs, expected) !== true && Date.now() < until);
	const counted = report(
		`canvas: "Refund" Success shows "${itemsLabel(success.length)}" to "Refunded", Failure "${itemsLabel(failure.length)}" to "Notify ops" (the execution's counts)`,
		same(outputs, expected) === true,
		same(outputs, expected),
	);
	const icon = await iconCheck(ctx, 'Refund', /portone(\.dark)?\.svg/);
	await editor.dismissOverlays(page);
	await page.mouse.move(CANVAS_VIEWPORT.width - 5, CANVAS_VIEWPORT.height - 120);
	await editor.sleep(300);
	const box = await editor.canvasBox(page);
	await save(ctx, 'execution-success-failure.png', ran && counted && icon && Boolean(box), {
		clip: box,
		margin: 32,
	});
}

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
