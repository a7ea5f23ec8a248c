'use strict';
/**
 * The n8n editor in headless Chromium, for e2e/screenshots.js, in one object. Every wait is
 * bounded.
 *   editorBrowser.js  starting the browser (the system chromium through playwright-core, kept off
 *                     the network), the bounded waits, closing what the editor opened on its own
 *   editorCanvas.js   opening a workflow, a node on the canvas, running it from the editor, reading
 *                     the output handles (where their edges go, the item counts on them)
 *   editorPanel.js    a node's parameter panel: open, close, wait until the fields expected show
 *   editorPicture.js  looking for secrets on the page, the box around the canvas, saving a PNG
 *                     cropped to what it shows
 */
module.exports = {
	...require('./editorBrowser'),
	...require('./editorCanvas'),
	...require('./editorPanel'),
	...require('./editorPicture'),
};
