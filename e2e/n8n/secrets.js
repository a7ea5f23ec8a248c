'use strict';
/**
 * Part of e2e/n8n.js: the secret scan every script ends with, over n8n's output and what it wrote
 * to its user folder.
 */
const fs = require('node:fs');
const path = require('node:path');

/**
 * The `secrets` that appear in any of `texts` (n8n's output) or in what n8n wrote under
 * `userFolder`: its log files and its SQLite database, where the executions it stored are.
 */
function leakedSecrets(secrets, texts, userFolder) {
	const dir = path.join(userFolder, '.n8n');
	const files = fs
		.readdirSync(dir)
		.filter((name) => /\.log|^database\.sqlite/.test(name))
		.map((name) => fs.readFileSync(path.join(dir, name)));
	return secrets.filter((secret) => [...texts, ...files].some((text) => text.includes(secret)));
}

module.exports = { leakedSecrets };
