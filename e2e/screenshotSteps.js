'use strict';
/**
 * The steps of e2e/screenshots.js, each reported as a check (e2e/script.js): open a workflow in
 * the editor, check a node's icon, open a node's panel and check what it shows, and save a
 * picture only when its checks passed and no secret is on the page. `ctx` is the script's
 * { page, pageErrors, url, iconStatus, secrets, outDir, saved }.
 */
const path = require('node:path');
const { timings } = require('./n8n');
const { report } = require('./script');
const editor = require('./editor');

const MAX_PNG_BYTES = 300 * 1024;

/**
 * Checks the page holds no secret and no credential form, then saves `file` (cropped to `clip`
 * grown by `margin`) if `ok` (the picture's own checks passed) and those pass too.
 */
async function save(ctx, file, ok, { clip, margin } = {}) {
	const found = await editor.secretsOnPage(ctx.page, ctx.secrets);
	const formOpen = await editor.credentialFormOpen(ctx.page);
	const clean = report(
		`${file}: no secret on the page (${Object.keys(ctx.secrets).join(', ')}), no credential form open`,
		found.length === 0 && !formOpen,
		`${found.length ? `found: ${found.join(', ')}` : ''}${formOpen ? ' a credential form is open' : ''}`,
	);
	if (!ok || !clean) {
		console.log(`      NOT saved ${file}`);
		return;
	}
	const bytes = await editor.savePng(ctx.page, path.join(ctx.outDir, file), { clip, margin });
	report(
		`${file} saved, ${(bytes / 1024).toFixed(0)} KB (at most ${MAX_PNG_BYTES / 1024} KB)`,
		bytes <= MAX_PNG_BYTES,
	);
	ctx.saved.push({ file, bytes });
}

const canvasNodes = (workflow) =>
	workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length;

/** Opens the workflow in `viewport`; reports whether its nodes showed. */
async function open(ctx, workflow, viewport, what) {
	await ctx.page.setViewportSize(viewport);
	const started = Date.now();
	const shown = await editor.openWorkflow(
		ctx.page,
		ctx.url,
		workflow.id,
		canvasNodes(workflow),
		ctx.pageErrors,
	);
	timings.push({ step: 'editor', detail: `open ${what}`, ms: Date.now() - started });
	return report(`editor shows ${what} (${canvasNodes(workflow)} nodes)`, shown === true, shown);
}

/** The node's icon (its <img> whose src matches `pattern`) loaded: n8n answered 200 and it has a width. */
async function iconCheck(ctx, nodeName, pattern) {
	const imgs = await editor
		.canvasNode(ctx.page, nodeName)
		.locator('img')
		.evaluateAll((all) =>
			all.map((i) => ({ src: i.src, complete: i.complete, width: i.naturalWidth })),
		)
		.catch(() => []);
	const img = imgs.find((i) => pattern.test(i.src));
	const ok = Boolean(img?.complete && img.width > 0 && ctx.iconStatus.get(img.src) === 200);
	return report(
		`"${nodeName}": icon rendered (${pattern.source} answered 200, <img> loaded with naturalWidth > 0)`,
		ok,
		`img: ${JSON.stringify(img ?? imgs)}; status: ${img ? ctx.iconStatus.get(img.src) : 'none'}`,
	);
}

/**
 * Opens the node's panel, runs `prepare(ndv)` (what to click before the picture; false if that
 * failed) and checks that every label shows, in view, and every text is in the panel.
 */
async function panel(ctx, nodeName, labels, texts = [], prepare = async () => true) {
	const opened = await editor.openNodePanel(ctx.page, nodeName);
	if (opened.why) return report(`"${nodeName}": parameter panel opened`, false, opened.why) && null;
	if (!(await prepare(opened.ndv))) return null;
	await editor.restPointer(ctx.page, opened.ndv);
	const { outOfView, absent } = await editor.waitForPanel(opened.ndv, labels, texts);
	const ok = report(
		`"${nodeName}": parameter panel opened, in view: ${labels.join(', ')}${texts.length ? `; shows ${texts.map((t) => `"${t}"`).join(', ')}` : ''}`,
		outOfView.length + absent.length === 0,
		`${outOfView.length ? `not in view: ${outOfView.join(', ')}` : ''}${absent.length ? ` not shown: ${absent.join(', ')}` : ''}`,
	);
	return { ok, ndv: opened.ndv, box: await opened.ndv.boundingBox() };
}

module.exports = { MAX_PNG_BYTES, save, open, iconCheck, panel };
