'use strict';
/**
 * `--write FILE` of both benchmarks (scripts/bench.js, scripts/bench-n8n.js): the command line a
 * run is shown under, and the replacement of one marked section of FILE (docs/benchmarks.md).
 */
const fs = require('node:fs');
const path = require('node:path');

/**
 * `npm run <script> -- <this run's options>`, without --write and its file (and without the
 * switches in `dropped`): the command a reader can run again.
 */
function shownCommand(script, dropped = []) {
	const shown = process.argv
		.slice(2)
		.filter((a, n, all) => a !== '--write' && all[n - 1] !== '--write' && !dropped.includes(a));
	return `npm run ${script}${shown.length ? ` -- ${shown.join(' ')}` : ''}`;
}

/** Replaces <!-- name --> … <!-- /name --> in `file` with the command and `lines`. */
function writeSection(file, name, lines, command) {
	const target = path.resolve(file);
	const text = fs.readFileSync(target, 'utf8');
	const open = `<!-- ${name} -->`;
	const close = `<!-- /${name} -->`;
	if (!text.includes(open) || !text.includes(close))
		throw new Error(`${file} has no ${open} … ${close} section`);
	const body = `${open}\n\n\`\`\`\n$ ${command}\n\`\`\`\n\n${lines.join('\n')}\n\n${close}`;
	fs.writeFileSync(
		target,
		text.slice(0, text.indexOf(open)) + body + text.slice(text.indexOf(close) + close.length),
	);
	console.log(`\nwritten to ${file} (${name})`);
}

module.exports = { shownCommand, writeSection };
