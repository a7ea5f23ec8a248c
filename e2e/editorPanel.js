'use strict';
/**
 * A node's details view in the editor (e2e/editor.js): opening and closing it, and waiting until it
 * shows the labels and texts expected, each label in view (not scrolled out of its pane, not below
 * the window).
 */
const { TIMEOUTS, sleep } = require('./editorBrowser');
const { canvasNode } = require('./editorCanvas');

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

module.exports = {
	openNodePanel,
	restPointer,
	closeNodePanel,
	panelText,
	labelsOutOfView,
	waitForPanel,
};
