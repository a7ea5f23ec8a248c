'use strict';
/**
 * Part of e2e/queue.js: a worker without the package. The two workers are stopped and a third one
 * starts from a user folder without it: the execution it takes fails with the error users see
 * ("Unrecognized node type"), and nothing reaches i'mport. Then the secret scan of the queue run.
 */
const { stripAnsi, idsIn, waitFor, startWorker, queueEnv, NODE_TYPE } = require('./n8n');
const { check } = require('./script');
const { LIMITS, bulkId, postJson, callBody } = require('./queueCalls');
const { executions } = require('./queueWorkflow');

const SECRET_MARKER = 'test_imp_secret_DO_NOT_LEAK';

/** The queue run's processes, ports and answers; returns worker-3, still running (stopped with `services`). */
async function missingPackageInN8n({
	bin,
	bareUser,
	redisPort,
	database,
	hostnames,
	concurrency,
	services,
	simulator,
	webhookUrl,
	executionIds,
	answers,
	mainProcess,
	worker1,
	worker2,
}) {
	console.log('\nA worker without the package');
	await worker1.stop();
	await worker2.stop();
	const bareEnv = await queueEnv(bareUser, { redisPort, database });
	const worker3 = await startWorker(bin, bareEnv, 'worker-3 (no package)', hostnames[2], {
		concurrency,
	});
	services.add(() => worker3.stop());
	const requestsBefore = simulator.log.length;
	const failingIds = [bulkId(0)];
	const failing = await postJson(webhookUrl, callBody(failingIds), LIMITS.failingCall);
	await waitFor(
		'worker-3 logging its execution',
		() => idsIn(worker3.logs(), /Worker started execution (\d+)/g).length > 0,
		LIMITS.logWait,
	).catch(() => {});
	// The execution is saved by the worker once it failed; wait for the row to leave "running".
	let failedExecution;
	await waitFor(
		'the failed execution in the database',
		async () => {
			failedExecution = (await executions(database)).find((e) => !executionIds.includes(e.id));
			return failedExecution && !['new', 'running'].includes(failedExecution.status);
		},
		LIMITS.logWait,
	).catch(() => {});
	const ranOn3 = idsIn(worker3.logs(), /Worker started execution (\d+)/g);
	const worker3Errors = stripAnsi(worker3.logs())
		.split('\n')
		.filter(
			(line) =>
				/Unrecognized node type|error|Error/.test(line) &&
				!/DeprecationWarning|ExperimentalWarning/.test(line),
		);
	console.log(`      webhook answer: HTTP ${failing.status} ${failing.error ?? failing.raw}`);
	console.log(
		`      execution ${failedExecution?.id}: status ${failedExecution?.status}, error ${JSON.stringify(failedExecution?.error)}`,
	);
	console.log(
		`      worker-3 log: ${worker3Errors.slice(0, 5).join('\n                    ') || '(nothing)'}`,
	);
	check(`worker-3 took the execution (${ranOn3.join(', ')})`, () =>
		ranOn3.length === 1 && ranOn3[0] === failedExecution?.id
			? true
			: `worker-3 started ${JSON.stringify(ranOn3)}`,
	);
	check(
		`the execution failed with "Unrecognized node type: ${NODE_TYPE}" (what the Executions list shows)`,
		() =>
			failedExecution?.status === 'error' &&
			failedExecution.error?.message === `Unrecognized node type: ${NODE_TYPE}`
				? true
				: `execution ${JSON.stringify(failedExecution)}`,
	);
	check('the webhook caller got an error, not HTTP 200', () =>
		failing.status !== 200 ? true : `HTTP 200 ${failing.raw}`,
	);
	check("nothing reached i'mport from that execution", () =>
		simulator.log.length === requestsBefore
			? true
			: `${simulator.log.length - requestsBefore} requests`,
	);
	const logs = [mainProcess.logs(), worker1.logs(), worker2.logs(), worker3.logs()].join('\n');
	check('API secret and access token never in an n8n log or a webhook answer', () => {
		const token = simulator.issuedTokens[0];
		const answersText = answers.map((a) => a.raw).join('\n') + failing.raw;
		for (const [what, text] of [
			['logs', logs],
			['webhook answers', answersText],
		]) {
			if (text.includes(SECRET_MARKER)) return `API secret in ${what}`;
			if (token && text.includes(token)) return `access token in ${what}`;
		}
		return true;
	});
	return worker3;
}

module.exports = { missingPackageInN8n };
