'use strict';
/**
 * What every e2e script shares around its own steps: the PASS/FAIL checks and their summary, a
 * temporary n8n work folder kept when something failed, a list of things to stop, and the
 * start-up (node 24, signals, main). The n8n helpers are in e2e/n8n.js.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { timings, seconds, reexecUnderNode24, exitOnSignals } = require('./n8n');

const KEEP = process.argv.includes('--keep');

/** The number after `name` on the command line (`--rows 300`), else `fallback`. */
function numberOption(name, fallback) {
	const at = process.argv.indexOf(name);
	return at === -1 ? fallback : Number(process.argv[at + 1]);
}

/** Prints a Markdown table: `header` names the columns, the first left-aligned, the others right. */
function printTable(header, rows) {
	const line = (cells) => `| ${cells.join(' | ')} |`;
	console.log(line(header));
	console.log(line(header.map((_h, n) => (n === 0 ? '---' : '---:'))));
	for (const row of rows) console.log(line(row));
}

/** Every check of the run, in order. */
const results = [];

/** Records one check and prints it; `detail` says what was wrong. */
function report(name, ok, detail) {
	results.push({ name, ok, detail });
	console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${ok || !detail ? '' : `\n      ${detail}`}`);
	return ok;
}

/** Runs `fn` as a check: true or undefined passes; a string or value returned, or a throw, fails with it. */
function check(name, fn) {
	let detail;
	let ok;
	try {
		const value = fn();
		ok = value === true || value === undefined;
		if (!ok) detail = typeof value === 'string' ? value : JSON.stringify(value);
	} catch (error) {
		ok = false;
		detail = error.message;
	}
	return report(name, ok, detail);
}

/** Compares as JSON text (key order counts): true, or what was expected and what came. */
function same(actual, expected) {
	return JSON.stringify(actual) === JSON.stringify(expected)
		? true
		: `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** JSON text with the keys of every object sorted, at every depth (arrays keep their order). */
function canonicalJson(value) {
	return JSON.stringify(value, (_key, v) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(
					Object.keys(v)
						.sort()
						.map((k) => [k, v[k]]),
				)
			: v,
	);
}

/** Compares as JSON whatever the key order, at every depth: true, or what was expected and what came. */
function sameJson(actual, expected) {
	return canonicalJson(actual) === canonicalJson(expected)
		? true
		: `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** Async stops (servers, processes) run last first by `run()`, which forgets them; their errors are ignored. */
function cleanups() {
	const list = [];
	return {
		add(stop) {
			list.push(stop);
		},
		async run() {
			for (const stop of list.splice(0).reverse())
				await Promise.resolve()
					.then(stop)
					.catch(() => {});
		},
	};
}

const anyFailed = () => results.length === 0 || results.some((r) => !r.ok);

/** The work folders of this run: removed at the end unless kept or a check failed, and on interruption unless kept. */
const folders = [];

/** A temporary folder holding the n8n user folder (user/), finished by runScript. */
function workFolder(prefix) {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const userFolder = path.join(tmp, 'user');
	fs.mkdirSync(userFolder);
	folders.push(tmp);
	return { tmp, userFolder };
}

function finishFolders() {
	for (const tmp of folders.splice(0)) {
		if (KEEP || anyFailed()) console.log(`\nkept for inspection: ${tmp} (n8n user folder: user/)`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
}

/** The timings, then "PASS: n of m <what> passed" (FAIL when any failed or none ran) and the failed ones. */
function printSummary(totalMs, what) {
	console.log('\nTimings');
	for (const t of timings)
		console.log(`  ${t.step.padEnd(12)} ${seconds(t.ms).padStart(8)}  ${t.detail}`);
	console.log(`  ${'total'.padEnd(12)} ${seconds(totalMs).padStart(8)}`);
	const failed = results.filter((r) => !r.ok);
	console.log(
		`\n${failed.length === 0 && results.length > 0 ? 'PASS' : 'FAIL'}: ${results.length - failed.length} of ${results.length} ${what} passed`,
	);
	for (const f of failed) console.log(`  FAIL  ${f.name}`);
	if (failed.length || results.length === 0) process.exitCode = 1;
}

/**
 * Runs `main` of the script `filename` under node 24 (re-running the script when needed), then
 * finishes the work folders and prints the summary (`summary` names the checks in its last line).
 * On SIGINT/SIGTERM/SIGHUP the children are killed, then `onSignal` (sync) runs and the work
 * folders go unless --keep. An error that ended `main` counts as a failed check ("setup: ...").
 */
function runScript(filename, main, { onSignal = () => {}, summary = 'checks' } = {}) {
	if (reexecUnderNode24(filename)) return;
	exitOnSignals(() => {
		onSignal();
		if (!KEEP) for (const tmp of folders) fs.rmSync(tmp, { recursive: true, force: true });
	});
	const started = Date.now();
	main()
		.catch((error) => {
			console.error(`\nERROR ${error.message}`);
			results.push({
				name: `setup: ${error.message.split('\n')[0]}`,
				ok: false,
				detail: error.message,
			});
		})
		.finally(() => {
			finishFolders();
			printSummary(Date.now() - started, summary);
		});
}

module.exports = {
	KEEP,
	numberOption,
	printTable,
	results,
	report,
	check,
	same,
	sameJson,
	cleanups,
	workFolder,
	runScript,
};
