'use strict';
/**
 * The workflow on the editor's canvas (e2e/editor.js): opening it, finding a node, running it from
 * the editor, and reading each output handle of a node: its label, where its edges go and the item
 * counts on them.
 */
const { seconds } = require('./n8n');
const { TIMEOUTS, sleep, dismissOverlays } = require('./editorBrowser');

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

module.exports = { openWorkflow, canvasNode, executeInEditor, outputHandles };
