'use strict';
/**
 * Part of e2e/queueWebhook.js: processes started later, each on an empty disk. late-1 (defaults)
 * lacks the package and its execution fails; late-2 (reinstall, a private registry) is refused for
 * the licence yet ready; late-3 (reinstall) installs it and runs the execution; a webhook process
 * started later without the package refuses the notification.
 */
const {
	executionsOf,
	nodeItems,
	stripAnsi,
	idsIn,
	waitFor,
	startWorker,
	startWebhookProcess,
	waitForWebhook,
} = require('./n8n');
const { check, same } = require('./script');
const { RECEIPT, WORKFLOW, PAID } = require('./queueWebhookWorkflow');
const { PACKAGE, installedOnDisk } = require('./queueWebhookInstall');

/** The HTTP status of a GET (0 when nothing answered within 5 s). */
const getStatus = async (url) => {
	try {
		return (await fetch(url, { signal: AbortSignal.timeout(5_000) })).status;
	} catch {
		return 0;
	}
};

/** The run's processes, helpers and registry; stops worker-1 and the webhook process on the way. */
async function laterProcessesInN8n({
	bin,
	envOf,
	folder,
	track,
	client,
	simulator,
	sender,
	nextExecution,
	registry,
	packs,
	worker1,
	webhook,
	url,
	productionPath,
}) {
	console.log('\nWorkers started later, on an empty disk');
	await worker1.stop();
	const missingLine = 'n8n detected that some packages are missing';
	const late1User = folder('late-1-user');
	const late1 = track(
		'late-1',
		await startWorker(bin, await envOf(late1User), 'late-1 (defaults)'),
	);
	const answer1 = await sender.notify(url, PAID[4]);
	const failed = await nextExecution();
	const failure = failed.data?.resultData?.error?.message;
	console.log(`      execution ${failed.id}: ${failed.status}, ${failure}`);
	check(
		`late-1 (no N8N_REINSTALL_MISSING_PACKAGES): "${missingLine}", nothing on disk; its execution fails with "Unrecognized node type: ${PACKAGE}.…" though the webhook process answered 200`,
		() => {
			const ran = idsIn(late1.logs(), /Worker started execution (\d+)/g);
			if (!stripAnsi(late1.logs()).includes(missingLine)) return 'no missing-packages warning';
			if (installedOnDisk(late1User)) return 'the package is on its disk';
			if (answer1.status !== 200) return `webhook process answered ${answer1.status}`;
			if (!ran.includes(Number(failed.id))) return `late-1 started ${JSON.stringify(ran)}`;
			return failed.status === 'error' &&
				new RegExp(`^Unrecognized node type: ${PACKAGE}\\.`).test(failure ?? '')
				? true
				: `${failed.status}: ${failure}`;
		},
	);
	await late1.stop();

	const late2User = folder('late-2-user');
	const downloadsBefore = registry.downloads();
	const late2Env = await envOf(
		late2User,
		{
			N8N_REINSTALL_MISSING_PACKAGES: 'true',
			N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url,
			// the worker's health endpoints, on loopback
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		},
		{ viaShim: false },
	);
	const late2 = track(
		'late-2',
		await startWorker(bin, late2Env, 'late-2 (reinstall, private registry)'),
	);
	const readinessUrl = `http://127.0.0.1:${late2Env.QUEUE_HEALTH_CHECK_PORT}/healthz/readiness`;
	let readiness = 0;
	await waitFor(
		'late-2 readiness',
		async () => {
			readiness = await getStatus(readinessUrl);
			return readiness === 200;
		},
		15_000,
	).catch(() => {});
	const refusal = stripAnsi(late2.logs())
		.split('\n')
		.find((line) => line.includes(`Failed to reinstall community package ${PACKAGE}`));
	console.log(`      late-2: ${refusal?.trim()}`);
	check(
		'late-2 (N8N_REINSTALL_MISSING_PACKAGES + N8N_COMMUNITY_PACKAGES_REGISTRY, no licence): the reinstall is refused for the licence, the registry never asked; yet the worker is ready and GET /healthz/readiness answers 200',
		() =>
			same(
				{
					refused: /Your license does not allow for/.test(refusal ?? ''),
					onDisk: installedOnDisk(late2User),
					downloads: registry.downloads() - downloadsBefore,
					readiness,
				},
				{ refused: true, onDisk: null, downloads: 0, readiness: 200 },
			),
	);
	await late2.stop();

	const late3User = folder('late-3-user');
	const late3 = track(
		'late-3',
		await startWorker(
			bin,
			await envOf(late3User, { N8N_REINSTALL_MISSING_PACKAGES: 'true' }),
			'late-3 (reinstall)',
		),
	);
	const mark3 = simulator.log.length;
	const answer3 = await sender.notify(url, PAID[5]);
	const healed = await nextExecution();
	check(
		`late-3 (N8N_REINSTALL_MISSING_PACKAGES=true): reinstalled ${PACKAGE}@${registry.version} from the registry before it was ready, then ran the execution`,
		() =>
			same(
				{
					reinstalled: stripAnsi(late3.logs()).includes('Packages reinstalled successfully'),
					onDisk: installedOnDisk(late3User),
					packedBy: packs().filter((p) => p === 'late-3').length,
					http: answer3.status,
					ranOnLate3: idsIn(late3.logs(), /Worker started execution (\d+)/g).includes(
						Number(healed.id),
					),
					status: healed.status,
					receipt: nodeItems(healed, RECEIPT).map((i) => `${i.imp_uid} ${i.outcome}`),
					receiptFrom: simulator.log
						.slice(mark3)
						.filter((e) => e.rawPath.startsWith('/receipts/'))
						.map((e) => e.from),
				},
				{
					reinstalled: true,
					onDisk: registry.version,
					packedBy: 1,
					http: 200,
					ranOnLate3: true,
					status: 'success',
					receipt: [`${PAID[5]} found`],
					receiptFrom: ['late-3'],
				},
			),
	);

	// A webhook process started later on an empty disk, without the reinstall: the trigger cannot run.
	await webhook.stop();
	const lateWebhookUser = folder('late-webhook-user');
	const lateWebhook = track(
		'late-webhook',
		await startWebhookProcess(bin, await envOf(lateWebhookUser), 'late-webhook (defaults)'),
	);
	const lateUrl = `${lateWebhook.url}${productionPath}`;
	await waitForWebhook(lateUrl).catch(() => {});
	const markLate = simulator.log.length;
	const countBefore = (await executionsOf(client, WORKFLOW.id)).length;
	const unserved = await sender.notify(lateUrl, PAID[5]);
	await new Promise((resolve) => setTimeout(resolve, 2_000));
	const countAfter = (await executionsOf(client, WORKFLOW.id)).length;
	console.log(
		`      late-webhook answered HTTP ${unserved.status} ${String(unserved.answer).slice(0, 120)}`,
	);
	check(
		"a webhook process started later without the package: the notification is refused (not 200, so i'mport may re-send it), nothing looked up, no execution",
		() =>
			same(
				{
					refused: unserved.status >= 400,
					lookups: simulator.log.length - markLate,
					executions: countAfter - countBefore,
				},
				{ refused: true, lookups: 0, executions: 0 },
			),
	);
}

module.exports = { laterProcessesInN8n };
