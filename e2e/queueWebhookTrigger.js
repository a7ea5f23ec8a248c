'use strict';
/**
 * Part of e2e/queueWebhook.js: the trigger on the webhook process, its execution on a worker.
 * The workflow activated over REST on main; notifications to the webhook process's production URL,
 * each request to the simulator traced to the process that sent it; main's production URL off;
 * forged notifications dropped on the webhook process.
 */
const {
	activateWorkflow,
	executionsOf,
	nodeItems,
	stripAnsi,
	idsIn,
	waitFor,
	waitForWebhook,
} = require('./n8n');
const { check, same } = require('./script');
const { WEBHOOK_ID, TRIGGER, RECEIPT, WORKFLOW, PAID } = require('./queueWebhookWorkflow');

/** Returns the production URL on the webhook process, its path, and who asked for tokens. */
async function triggerOnWebhookProcess({
	client,
	mainProcess,
	webhook,
	worker1,
	simulator,
	sender,
	nextExecution,
}) {
	console.log('\nNotifications to the webhook process');
	const activated = await activateWorkflow(client, WORKFLOW.id);
	const listeningLine = `I'mport Trigger "${TRIGGER}" is listening`;
	await waitFor(
		'the activation logged',
		() => stripAnsi(mainProcess.logs()).includes(listeningLine),
		10_000,
	).catch(() => {});
	check(
		"the workflow is active (REST on main); main ran the trigger's activation (its log names the URL)",
		() =>
			same(
				{ activated, listening: stripAnsi(mainProcess.logs()).includes(listeningLine) },
				{ activated: true, listening: true },
			),
	);
	const productionPath = `/webhook/${WEBHOOK_ID}/webhook`;
	const url = `${webhook.url}${productionPath}`;
	await waitForWebhook(url);
	const lookups = (from) =>
		simulator.log
			.slice(from)
			.filter((e) => e.method === 'GET' && e.rawPath.startsWith('/payments/'));
	const mark0 = simulator.log.length;
	const atMain = await sender.notify(`${mainProcess.url}${productionPath}`, PAID[0]);
	check(
		'main does not serve the production URL (N8N_DISABLE_PRODUCTION_MAIN_PROCESS): no 200, nothing looked up',
		() =>
			atMain.status !== 200 && lookups(mark0).length === 0
				? true
				: `HTTP ${atMain.status}, ${lookups(mark0).length} look-ups`,
	);
	console.log(
		`      main answered HTTP ${atMain.status} ${(/<pre>([^<]*)<\/pre>/.exec(String(atMain.answer))?.[1] ?? String(atMain.answer)).slice(0, 120)}`,
	);

	const real = [];
	for (const [n, impUid] of PAID.slice(0, 3).entries()) {
		const mark = simulator.log.length;
		const answer = await sender.notify(url, impUid, { as: n % 2 ? 'form' : 'json' });
		const execution = await nextExecution();
		real.push({ impUid, answer, execution, requests: simulator.log.slice(mark) });
	}
	const started1 = idsIn(worker1.logs(), /Worker started execution (\d+)/g);
	const enqueuedBy = (s) => idsIn(s.logs(), /Enqueued execution (\d+)/g);
	for (const { impUid, answer, execution, requests } of real) {
		const from = (method, prefix) =>
			requests
				.filter((e) => e.method === method && e.rawPath.startsWith(prefix))
				.map((e) => e.from);
		check(
			`${impUid}: the webhook process answered 200; the look-up GET /payments/${impUid} came from the webhook process, GET /receipts/${impUid} from worker-1`,
			() =>
				same(
					{
						http: `${answer.status} ${answer.answer}`,
						lookup: from('GET', '/payments/'),
						receipt: from('GET', '/receipts/'),
					},
					{ http: '200 {"received":true}', lookup: ['webhook'], receipt: ['worker-1'] },
				),
		);
		const [receipt] = nodeItems(execution, RECEIPT);
		check(
			`${impUid}: execution ${execution.id} (mode ${execution.mode}) enqueued by the webhook process, run by worker-1, success, receipt found`,
			() =>
				same(
					{
						status: execution.status,
						enqueuedByWebhook: enqueuedBy(webhook).includes(Number(execution.id)),
						ranOnWorker1: started1.includes(Number(execution.id)),
						trigger: nodeItems(execution, TRIGGER).map((i) => `${i.imp_uid} ${i.verified}`),
						receipt: receipt && `${receipt.imp_uid} ${receipt.outcome}`,
					},
					{
						status: 'success',
						enqueuedByWebhook: true,
						ranOnWorker1: true,
						trigger: [`${impUid} true`],
						receipt: `${impUid} found`,
					},
				),
		);
	}
	check('main enqueued no execution', () => same(enqueuedBy(mainProcess), []));
	const tokenFrom = simulator.tokenRequests().map((e) => e.from);
	console.log(
		`      token requests from: ${tokenFrom.join(', ')} (the stored token is shared through the database)`,
	);

	// Forgeries: a failed payment claimed paid, an unknown imp_uid: answered 200, dropped by the trigger.
	const markForged = simulator.log.length;
	const forged = [
		await sender.notify(url, 'imp_pay_failed_0001', { spoof: { status: 'paid' } }),
		await sender.post(url, {
			imp_uid: 'imp_999999999999',
			merchant_uid: 'order_x',
			status: 'paid',
		}),
	];
	const dropped = () =>
		(stripAnsi(webhook.logs()).match(/dropped an unverified notification/g) ?? []).length;
	await waitFor('the drops logged', () => dropped() >= 2, 10_000).catch(() => {});
	const forgedLookups = lookups(markForged).map((e) => `${e.rawPath} ${e.from}`);
	// One more real notification: once its execution is in, anything a forgery started would be too.
	await sender.notify(url, PAID[3]);
	const last = await nextExecution();
	const count = (await executionsOf(client, WORKFLOW.id)).length;
	check(
		'forged notifications (a failed payment claimed paid, an unknown imp_uid): 200, looked up by the webhook process, dropped there, no execution',
		() =>
			same(
				{
					http: forged.map((f) => f.status),
					lookups: forgedLookups,
					droppedInWebhookLog: dropped(),
					executions: count,
					lastIsTheRealOne: nodeItems(last, TRIGGER)[0]?.imp_uid,
				},
				{
					http: [200, 200],
					lookups: ['/payments/imp_pay_failed_0001 webhook', '/payments/imp_999999999999 webhook'],
					droppedInWebhookLog: 2,
					executions: 4,
					lastIsTheRealOne: PAID[3],
				},
			),
	);
	return { url, productionPath, tokenFrom };
}

module.exports = { triggerOnWebhookProcess };
