'use strict';
/**
 * One run of one workflow of the benchmark in real n8n (scripts/bench-n8n.js): its reset,
 * `n8n execute --rawOutput` with the n8n process's CPU time sampled from /proc, its check, and
 * the figures taken from the run data.
 */
const fs = require('node:fs');
const { TIMEOUTS, run: runCommand, describeFailure, parseExecution } = require('../e2e/n8n');

const TICK_MS = 10; // Linux reports CPU time in 1/100 s

/** CPU time (user + system, ms) of a process so far, from /proc; undefined once it is gone. */
function cpuMsOf(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
	} catch {
		return undefined;
	}
}

/**
 * `n8n execute` (run like the e2e commands: own process group, bounded), with its CPU time sampled
 * every 10 ms: cpuBetween(from, to) is the n8n process's CPU time in that span of wall-clock time,
 * which the machine's other load disturbs much less than wall time.
 */
async function executeSampled(bin, args, env) {
	const samples = [];
	let sampler;
	const sample = (pid) => {
		const cpu = cpuMsOf(pid);
		if (cpu !== undefined) samples.push([Date.now(), cpu]);
	};
	const r = await runCommand(process.execPath, [bin, ...args], {
		cwd: env.N8N_USER_FOLDER,
		env,
		timeoutMs: TIMEOUTS.n8nCommand,
		onSpawn: (child) => (sampler = setInterval(() => sample(child.pid), TICK_MS)),
	});
	clearInterval(sampler);
	const cpuAt = (t) => {
		const after = samples.findIndex(([time]) => time >= t);
		if (after <= 0) return after === 0 ? samples[0][1] : samples.at(-1)[1];
		const [t0, c0] = samples[after - 1];
		const [t1, c1] = samples[after];
		return c0 + ((c1 - c0) * (t - t0)) / Math.max(1, t1 - t0);
	};
	return { ...r, cpuBetween: (from, to) => cpuAt(to) - cpuAt(from) };
}

async function runOnce(ctx, variant, extraEnv = {}) {
	const { bin, env } = ctx;
	const simulator = ctx.simulators[variant.api];
	const before = variant.reset(ctx, variant);
	simulator.log.length = 0;
	simulator.stats.maxInFlight = 0;
	const r = await executeSampled(bin, ['execute', `--id=${variant.workflow.id}`, '--rawOutput'], {
		...env,
		...extraEnv,
	});
	if (r.code !== 0) throw new Error(describeFailure(`n8n execute (${variant.label})`, r));
	const execution = parseExecution(r.stdout);
	if (execution.status !== 'success')
		throw new Error(`${variant.label}: execution status ${execution.status}`);
	const tasks = variant.measured.map((name) => {
		const taskData = execution.data.resultData.runData[name]?.[0];
		if (!taskData) throw new Error(`${variant.label}: "${name}" did not run`);
		return taskData;
	});
	const checked = variant.check(variant, tasks, ctx, before);
	// The measured nodes' own time (the recipe's two HTTP Request nodes added up); CPU from the
	// first one's start to the last one's end.
	const start = tasks[0].startTime;
	const end = tasks.at(-1).startTime + tasks.at(-1).executionTime;
	return {
		nodeMs: tasks.reduce((sum, t) => sum + t.executionTime, 0),
		nodeCpuMs: r.cpuBetween(start, end),
		executionMs: Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt),
		processMs: r.ms,
		requests: simulator.log.length,
		tokenRequests: variant.api === 'v1' ? simulator.tokenRequests().length : 0,
		refused: simulator.log.filter((entry) => entry.status === 401).length,
		maxInFlight: simulator.stats.maxInFlight,
		...checked,
	};
}

module.exports = { runOnce };
