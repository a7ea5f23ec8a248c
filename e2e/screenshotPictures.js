'use strict';
/**
 * The pictures e2e/screenshots.js takes in a real n8n editor, one function each (the canvas and the
 * cash receipt panel; the I'mport refund; the PortOne refund and trigger; a refund run's Success and
 * Failure counts). Each saves its PNG only when its checks passed; `ctx` is what main() builds.
 */
const path = require('node:path');
const { ROOT, CACHE_DIR, timings } = require('./n8n');
const { report, same } = require('./script');
const editor = require('./editor');
const shots = require('./screenshotWorkflows');
const { save, open, iconCheck, panel } = require('./screenshotSteps');

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

module.exports = {
	CANVAS_VIEWPORT,
	canvasAndCashReceipt,
	iamportRefund,
	portOneRefundAndTrigger,
	refundRun,
};
