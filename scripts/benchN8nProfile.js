'use strict';
/**
 * `bench:n8n --profile`: one run of a workflow under `--cpu-prof` (after a warm-up run), and the
 * summary of the n8n main process's profile over the measured node's executionTime: busy and idle
 * time, time by activity, the top self times.
 */
const fs = require('node:fs');
const path = require('node:path');
const { N8N_VERSION } = require('../e2e/n8n');
const { LATENCY_MS, KEEP } = require('./benchN8nOptions');
const { runOnce } = require('./benchN8nRun');
const { int } = require('./benchN8nTables');

/** Where the time went, by activity: the first rule any frame of a sample's stack matches. */
const ACTIVITIES = [
	['garbage collection', (f) => f.functionName === '(garbage collector)'],
	[
		'credential load + decrypt (DB, cipher)',
		(f) =>
			/^(getCredentials|_getCredentials|getDecrypted|getCredentialsEntity|decrypt|getData)$/.test(
				f.functionName,
			) || /credentials(-helper)?\.js$|cipher/.test(f.url),
	],
	['database (sqlite, typeorm)', (f) => /node_modules\/(sqlite3|typeorm|@n8n\/db)\//.test(f.url)],
	[
		'expression evaluation',
		(f) =>
			/expression|isolated-vm|tmpl|riot/i.test(f.url) ||
			/^(resolveParameterValue|resolveSimpleParameterValue|evaluateExpression)$/.test(
				f.functionName,
			),
	],
	[
		'parameter reading and copies (getNodeParameter, deepCopy)',
		(f) =>
			/^(getNodeParameter|_getNodeParameter|deepCopy|jsonParse|getParameterValue|cleanupParameterData|ensureType|validateValueAgainstSchema)$/.test(
				f.functionName,
			),
	],
	[
		'HTTP request stack (axios, http, net, proxy)',
		(f) =>
			/node_modules\/(axios|follow-redirects|proxy-from-env|form-data|@n8n\/backend-network|https?-proxy-agent|agent-base)\/|^node:(_http|http|https|net|_tls|tls|dns|internal\/(http|net|stream|streams|dns))/.test(
				f.url,
			) || /request-helpers|legacy-request-adapter/.test(f.url),
	],
	["the node's own code", (f) => /n8n-nodes-iamport\//.test(f.url)],
	["HTTP Request node's own code", (f) => /nodes\/HttpRequest\//.test(f.url)],
];

function summariseProfile(profile, variant, executionMs) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const stackOf = (id) => {
		const frames = [];
		for (let at = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at).callFrame);
		return frames;
	};
	// The measured node's window: the node's own executionTime (from the run data), ending at the
	// last sample with its code on the stack. (Its module is loaded at n8n's start-up, and the recipe
	// runs the same HTTP Request code for its token first: neither is part of the window.)
	const marker = variant.isNode ? /n8n-nodes-iamport\/dist\/nodes\// : /nodes\/HttpRequest\/V3\//;
	const times = [];
	let t = profile.startTime;
	for (let n = 0; n < profile.samples.length; n++) {
		t += profile.timeDeltas[n];
		times.push(t);
	}
	const stacks = new Map();
	let last = -1;
	for (let n = 0; n < profile.samples.length; n++) {
		const id = profile.samples[n];
		if (!stacks.has(id)) stacks.set(id, stackOf(id));
		if (stacks.get(id).some((f) => marker.test(f.url))) last = n;
	}
	const first =
		last === -1 ? -1 : times.findIndex((time) => time >= times[last] - executionMs * 1000);
	if (first === -1) throw new Error('the profile holds no sample of the measured node');
	const self = new Map();
	const activity = new Map();
	let busyUs = 0;
	let idleUs = 0;
	for (let n = first; n <= last; n++) {
		const us = (times[n + 1] ?? times[n]) - times[n];
		const stack = stacks.get(profile.samples[n]);
		const leaf = stack[0];
		if (leaf.functionName === '(idle)') {
			idleUs += us;
			continue;
		}
		busyUs += us;
		const where = leaf.url
			? `${leaf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '')}:${leaf.lineNumber + 1}`
			: 'native';
		const name = `${leaf.functionName || '(anonymous)'} ${where}`;
		self.set(name, (self.get(name) ?? 0) + us);
		const [label] = ACTIVITIES.find(([, test]) => stack.some(test)) ?? [
			'other (engine, V8 builtins, event loop)',
		];
		activity.set(label, (activity.get(label) ?? 0) + us);
	}
	const windowUs = times[last] - times[first];
	// The node reads and checks every item (expressions included) before it sends anything.
	let readEnd = -1;
	if (variant.isNode) {
		for (let n = first; n <= last; n++) {
			if (
				stacks
					.get(profile.samples[n])
					.some((f) => f.functionName === 'prepare' && marker.test(f.url))
			)
				readEnd = n;
		}
	}
	const lines = [];
	const print = (line) => {
		console.log(line);
		lines.push(line);
	};
	const perItem = (us) => (us / 1000 / variant.items).toFixed(3);
	print(
		`CPU profile of one run of "${variant.label}" (N = ${variant.items}, L = ${LATENCY_MS} ms), n8n ${N8N_VERSION} main process under \`--cpu-prof\`, over the measured node's executionTime (${int(windowUs / 1000)} ms, ending at the last sample with its code on the stack), of which ${int(busyUs / 1000)} ms busy (${perItem(busyUs)} ms per item: on CPU, or blocked in a synchronous call such as isolated-vm's) and ${int(idleUs / 1000)} ms idle.`,
	);
	if (readEnd !== -1) {
		print(
			`Of that window, reading the items (before the first request) took ${int((times[readEnd] - times[first]) / 1000)} ms; sending, ${int((times[last] - times[readEnd]) / 1000)} ms.`,
		);
	}
	print('');
	print('| activity (first match on the stack) | CPU ms | ms per item | share |');
	print('|---|---:|---:|---:|');
	for (const [label, us] of [...activity].sort((a, b) => b[1] - a[1])) {
		print(
			`| ${label} | ${int(us / 1000)} | ${perItem(us)} | ${((100 * us) / busyUs).toFixed(0)} % |`,
		);
	}
	print('');
	print('| top self time (function, file:line) | CPU ms | ms per item |');
	print('|---|---:|---:|');
	for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
		print(`| \`${name}\` | ${int(us / 1000)} | ${perItem(us)} |`);
	}
	return lines;
}

async function profileOnce(ctx, key) {
	const variant = ctx.variants.find((v) => v.key === key);
	if (!variant)
		throw new Error(`--profile: one or more of ${ctx.variants.map((v) => v.key).join(', ')}`);
	const dir = path.join(ctx.tmp, `profile-${key}`);
	fs.mkdirSync(dir);
	await runOnce(ctx, variant); // warm-up: n8n's first run in a fresh folder does one-off work
	const run = await runOnce(ctx, variant, { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` });
	console.log(`profiled run: ${int(run.nodeMs)} ms (profiling slows it down)`);
	// n8n's task runner writes a profile too; the main process's is the one with the node in it.
	const profiles = fs
		.readdirSync(dir)
		.map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
	const marker = variant.isNode ? 'n8n-nodes-iamport/' : 'nodes/HttpRequest/';
	if (KEEP) console.log(`profiles kept in ${dir}`);
	const profile = profiles.find((p) => p.nodes.some((node) => node.callFrame.url.includes(marker)));
	if (!profile) throw new Error(`no profile with ${marker} in ${dir}`);
	return summariseProfile(profile, variant, run.nodeMs);
}

module.exports = { summariseProfile, profileOnce };
