'use strict';
/**
 * The engine (nodes/engine/) is shared by the I'mport (V1) and PortOne (V2) nodes and triggers, so it
 * must not know either API: every module it imports is its own, n8n-workflow, or a Node.js built-in.
 * Read from the TypeScript sources, so a new import of an API folder fails here before review.
 */
const fs = require('node:fs');
const path = require('node:path');

const ENGINE = path.join(__dirname, '..', 'nodes', 'engine');

function sources(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) return sources(full);
		return e.name.endsWith('.ts') ? [full] : [];
	});
}

/** Every module specifier in a TypeScript source: import/export … from, import(), require(). */
function specifiers(text) {
	const found = [];
	for (const re of [
		/\b(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/g,
		/\bimport\s+['"]([^'"]+)['"]/g,
		/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
	])
		for (const m of text.matchAll(re)) found.push(m[1]);
	return found;
}

/** Why an import breaks the rule, or null. */
function offence(file, spec) {
	if (spec === 'n8n-workflow' || spec.startsWith('node:')) return null;
	if (!spec.startsWith('.')) return `${spec} (a package other than n8n-workflow)`;
	const target = path.resolve(path.dirname(file), spec);
	return target === ENGINE || target.startsWith(ENGINE + path.sep)
		? null
		: `${path.relative(path.join(ENGINE, '..', '..'), target)} (outside nodes/engine/)`;
}

test('nodes/engine/ imports only itself, n8n-workflow and Node.js built-ins', () => {
	const files = sources(ENGINE);
	expect(files.length).toBeGreaterThan(10);
	const wrong = files.flatMap((file) =>
		specifiers(fs.readFileSync(file, 'utf8'))
			.map((spec) => offence(file, spec))
			.filter(Boolean)
			.map((why) => `${path.relative(ENGINE, file)}: ${why}`),
	);
	expect(wrong).toEqual([]);
});

test('the check does see an import of an API folder (it can fail)', () => {
	const file = path.join(ENGINE, 'runItems.ts');
	const text =
		"import { x } from './types';\nimport type { Y } from '../Iamport/transport/client';\n";
	const wrong = specifiers(text)
		.map((spec) => offence(file, spec))
		.filter(Boolean);
	expect(wrong).toEqual(['nodes/Iamport/transport/client (outside nodes/engine/)']);
	expect(offence(file, 'axios')).toMatch(/a package other than n8n-workflow/);
});
