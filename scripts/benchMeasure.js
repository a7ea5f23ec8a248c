'use strict';
/**
 * What the in-process benchmark (scripts/bench.js) runs on: a simulator in a child process, driven
 * over IPC, so that the bench process's CPU and memory are n8n's and the node's; and measure(),
 * the wall, CPU and memory of one run.
 */
const { fork } = require('node:child_process');
const path = require('node:path');

/** A simulator (the i'mport one unless `cli` names another) in a child process, driven over IPC. */
async function startSimulator(cli = path.join(__dirname, '..', 'test', 'simulator', 'cli.js')) {
	const child = fork(cli, ['--port', '0'], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const pending = new Map();
	let nextId = 0;
	const ready = await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.on('message', (message) => {
			if (message.ready) return resolve(message);
			pending.get(message.id)?.(message);
			pending.delete(message.id);
		});
	});
	const command = (message) =>
		new Promise((resolve) => {
			const id = nextId++;
			pending.set(id, resolve);
			child.send({ id, ...message });
		});
	return { ...ready, command, stop: () => child.disconnect() };
}

/** Peak RSS while `work` runs, sampled every 10 ms. */
async function measure(work) {
	if (global.gc) global.gc();
	const rssBefore = process.memoryUsage.rss();
	const heapBefore = process.memoryUsage().heapUsed;
	let peak = rssBefore;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage.rss());
	}, 10);
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await work();
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage.rss());
	// What stays allocated once garbage is collected (the outputs are still referenced by `result`).
	if (global.gc) global.gc();
	const retainedMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
	return {
		result,
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		rssGrowthMb: (peak - rssBefore) / 2 ** 20,
		retainedMb,
	};
}

module.exports = { startSimulator, measure };
