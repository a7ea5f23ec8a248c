// Runs the offline parts of n8n's community-package scanner (@n8n/scan-community-package) on this
// package: its ESLint rules on the sources (what it lints in the provenance-attested source
// checkout) and on the packed tarball (compiled .js + package.json). The registry download,
// provenance check and GitHub source fetch need a published package and the network: see README.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'iamport-scan-'));

const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', work], {
	cwd: root,
	encoding: 'utf8',
});
if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
const [packed] = JSON.parse(pack.stdout);
const tarball = path.join(work, packed.filename);
const unpacked = path.join(work, 'package');
fs.mkdirSync(unpacked);
const untar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
if (untar.status !== 0) throw new Error('tar failed');

console.log(
	`npm pack: ${packed.filename}, ${packed.entryCount} files, ${packed.size} bytes packed, ${packed.unpackedSize} bytes unpacked`,
);
for (const file of packed.files) console.log(`  ${String(file.size).padStart(7)}  ${file.path}`);

// What n8n needs and nothing else: compiled nodes/credentials, icons, codex, README, LICENSE.
const unexpected = packed.files.filter(
	(file) =>
		!/^(dist\/(nodes|credentials)\/.+\.(js|svg|json)|package\.json|README\.md|LICENSE|index\.js)$/.test(
			file.path,
		),
);
const sourceLeg = await analyzePackage(root, SOURCE_FILE_PATTERNS);
const tarballLeg = await analyzePackage(unpacked, ['**/*.js', 'package.json']);
for (const [name, result] of [
	['source leg (nodes/, credentials/, package.json)', sourceLeg],
	['tarball leg (compiled .js, package.json)', tarballLeg],
]) {
	console.log(
		`${result.passed ? 'PASS' : 'FAIL'} scanner ESLint rules, ${name}${result.message ? `: ${result.message}` : ''}`,
	);
	if (result.details) console.log(result.details);
}
console.log(
	`${unexpected.length === 0 ? 'PASS' : 'FAIL'} tarball holds only what n8n needs${unexpected.length ? `: ${unexpected.map((f) => f.path).join(', ')}` : ''}`,
);
console.log(
	'NOT RUN (needs a published package and the network): registry download, npm provenance check, GitHub source fetch',
);
fs.rmSync(work, { recursive: true, force: true });
process.exit(sourceLeg.passed && tarballLeg.passed && unexpected.length === 0 ? 0 : 1);
