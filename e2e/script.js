'use strict';
/**
 * What every e2e script shares around its own steps: the PASS/FAIL checks and their summary, a
 * temporary n8n work folder kept when something failed, and the start-up (node 24, signals, main).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { timings, seconds, reexecUnderNode24, exitOnSignals } = require('./n8n');

const KEEP = process.argv.includes('--keep');

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

const anyFailed = () => results.length === 0 || results.some((r) => !r.ok);

/** A temporary folder holding the n8n user folder (user/): `finish()` removes it unless kept or a check failed. */
function workFolder(prefix) {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const userFolder = path.join(tmp, 'user');
	fs.mkdirSync(userFolder);
	return {
		tmp,
		userFolder,
		finish() {
			if (KEEP || anyFailed()) console.log(`\nkept for inspection: ${tmp} (n8n user folder: user/)`);
			else fs.rmSync(tmp, { recursive: true, force: true });
		},
	};
}

function printSummary(totalMs) {
	console.log('\nTimings');
	for (const t of timings) console.log(`  ${t.step.padEnd(12)} ${seconds(t.ms).padStart(8)}  ${t.detail}`);
	console.log(`  ${'total'.padEnd(12)} ${seconds(totalMs).padStart(8)}`);
	const failed = results.filter((r) => !r.ok);
	console.log(`\n${failed.length === 0 && results.length > 0 ? 'PASS' : 'FAIL'}: ${results.length - failed.length} of ${results.length} checks passed`);
	for (const f of failed) console.log(`  FAIL  ${f.name}`);
	if (failed.length || results.length === 0) process.exitCode = 1;
}

/**
 * Runs `main` of the script `filename` under node 24 (re-running the script when needed), with
 * `onSignal` (sync) before the children are killed on SIGINT/SIGTERM, and prints the summary.
 * An error that ended `main` counts as a failed check unless a check already failed.
 */
function runScript(filename, main, onSignal = () => {}) {
	if (reexecUnderNode24(filename)) return;
	exitOnSignals(onSignal);
	const started = Date.now();
	main()
		.catch((error) => {
			console.error(`\nERROR ${error.message}`);
			if (!results.some((r) => !r.ok)) results.push({ name: `setup: ${error.message.split('\n')[0]}`, ok: false, detail: error.message });
		})
		.finally(() => printSummary(Date.now() - started));
}

module.exports = { KEEP, results, report, check, workFolder, runScript };
