'use strict';
/**
 * Part of e2e/n8n.js: credentials and workflows imported with `n8n import:*` (the examples, or
 * workflows a script builds), and the execution JSON that `n8n execute --rawOutput` prints.
 */
const fs = require('node:fs');
const path = require('node:path');
const { EXAMPLES, CREDENTIAL_TYPE, NODE_TYPE, timings } = require('./config');
const { describeFailure } = require('./processes');
const { n8n } = require('./n8nProcess');

/**
 * Imports examples/<files> and the one iamportApi credential they share (same id and name),
 * pointed at `baseUrl` with the simulator `account` ({ impKey, impSecret }), via
 * `n8n import:credentials` / `n8n import:workflow`. Returns the workflows as imported, in order.
 */
async function importExamples(bin, env, tmp, { files, baseUrl, account }) {
	const workflows = files.map((file) =>
		JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')),
	);
	const credentialRefs = new Map();
	for (const workflow of workflows) {
		for (const node of workflow.nodes.filter((n) => n.type === NODE_TYPE)) {
			const ref = node.credentials?.[CREDENTIAL_TYPE];
			if (ref?.id) credentialRefs.set(ref.id, ref.name);
		}
	}
	if (credentialRefs.size !== 1)
		throw new Error(
			`the examples should share one ${CREDENTIAL_TYPE} credential, found ${credentialRefs.size}`,
		);
	const [[credentialId, credentialName]] = credentialRefs;
	const credentialsFile = path.join(tmp, 'credentials.json');
	fs.writeFileSync(
		credentialsFile,
		JSON.stringify([
			{
				id: credentialId,
				name: credentialName,
				type: CREDENTIAL_TYPE,
				data: { impKey: account.impKey, impSecret: account.impSecret, tierCode: '', baseUrl },
			},
		]),
	);
	let importMs = 0;
	const imported = await n8n(bin, ['import:credentials', `--input=${credentialsFile}`], env);
	importMs += imported.ms;
	if (imported.code !== 0) throw new Error(describeFailure('n8n import:credentials', imported));
	for (const [n, workflow] of workflows.entries()) {
		const file = path.join(tmp, files[n]);
		fs.writeFileSync(file, JSON.stringify(workflow));
		const r = await n8n(bin, ['import:workflow', `--input=${file}`], env);
		importMs += r.ms;
		if (r.code !== 0) throw new Error(describeFailure(`n8n import:workflow ${files[n]}`, r));
	}
	timings.push({
		step: 'import',
		detail: `1 credential + ${workflows.length} workflows (${workflows.length + 1} n8n commands)`,
		ms: importMs,
	});
	return workflows;
}

/**
 * Imports one credential ({ id, name, type? } and its `data`; the type defaults to the I'mport API
 * credential) and `workflows` (workflow JSON objects, each with an id), one `n8n import:*` command
 * each, for scripts that build their workflows or bring their own examples.
 */
async function importWorkflows(bin, env, tmp, { credential, data, workflows }) {
	const credentialsFile = path.join(tmp, 'credentials.json');
	fs.writeFileSync(
		credentialsFile,
		JSON.stringify([{ type: CREDENTIAL_TYPE, ...credential, data }]),
	);
	const commands = [['import:credentials', `--input=${credentialsFile}`]];
	for (const workflow of workflows) {
		const file = path.join(tmp, `workflow-${workflow.id}.json`);
		fs.writeFileSync(file, JSON.stringify(workflow));
		commands.push(['import:workflow', `--input=${file}`]);
	}
	let ms = 0;
	for (const args of commands) {
		const r = await n8n(bin, args, env);
		ms += r.ms;
		if (r.code !== 0) throw new Error(describeFailure(`n8n ${args.join(' ')}`, r));
	}
	timings.push({
		step: 'import',
		detail: `1 credential + ${workflows.length} workflow(s) (${commands.length} n8n commands)`,
		ms,
	});
}

/** The execution JSON that `n8n execute --rawOutput` prints after its log lines. */
function parseExecution(stdout) {
	const start = stdout.search(/^\{\s*$/m);
	const end = stdout.lastIndexOf('\n}');
	if (start === -1 || end === -1 || end < start)
		throw new Error('no execution JSON in the output of n8n execute');
	return JSON.parse(stdout.slice(start, end + 2));
}

module.exports = { importExamples, importWorkflows, parseExecution };
