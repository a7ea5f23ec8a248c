'use strict';
/**
 * What goes into a picture of the editor (e2e/editor.js): the checks before it is saved (no secret
 * anywhere on the page, no credential form open), the box around what the canvas shows, and the
 * PNG cropped to a box.
 */
const { TIMEOUTS } = require('./editorBrowser');

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

module.exports = { secretsOnPage, credentialFormOpen, savePng, canvasBox };
