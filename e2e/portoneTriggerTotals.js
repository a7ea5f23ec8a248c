'use strict';
/**
 * Part of e2e/portoneTrigger.js, run last: the totals over every delivery of the run (one execution
 * per delivery that should start one, look-ups only for verified webhooks of selected events), one
 * warning in n8n's log per refused webhook, and no signature or secret in any answer, the log or the
 * database. `t` is the context main() builds, with the example workflow and `userFolder`.
 */
const { check, same, sameJson } = require('./script');
const rest = require('./workflowsOverRest');
const { leakedSecrets } = require('./n8n');

async function totalsInN8n(t) {
	const { sim, d, waiter, every, exampleWf, urls, keys, refusals, client, server, userFolder } = t;
	const A = t.account;
	// A last real delivery to each: anything a quiet request might have started is recorded before counting.
	await d.emit(urls.every, 'pay-card-0001', 'Transaction.Paid');
	await waiter.next(every.id);
	await d.emit(urls.example, 'pay-cancelled-0001', 'Transaction.Cancelled');
	await waiter.next(exampleWf.id);
	const counts = [];
	for (const wf of [every, exampleWf]) counts.push((await rest.executionsOf(client, wf.id)).length);
	const expected = [waiter.count(every.id), waiter.count(exampleWf.id)];
	check(
		`executions: ${expected.join(' and ')}, one per delivery that should start one; none from a refused, unselected or bad one`,
		() => same(counts, expected),
	);
	const lookups = d.lookupsSince(0).length;
	check(
		'GET /payments/{paymentId} reached the simulator only for verified webhooks of selected events',
		() => {
			const wrong = d.ledger
				.filter((l) => !l.allowLookups && l.lookups.length > 0)
				.map((l) => l.what);
			const counted = d.ledger.reduce((n, l) => n + l.lookups.length, 0);
			return wrong.length > 0 ? `looked up for: ${wrong.join(', ')}` : same(lookups, counted);
		},
	);
	const reasons = {};
	for (const [, reason] of server
		.logs()
		.matchAll(/PortOne Trigger "[^"]+": refused a webhook \((\w+): /g))
		reasons[reason] = (reasons[reason] ?? 0) + 1;
	console.log(`      n8n's log, refusals: ${JSON.stringify(reasons)}`);
	check("n8n's log has one warning per refused webhook, naming why", () =>
		sameJson(reasons, refusals),
	);
	const signatures = sim.webhooks.attempts.flatMap((a) =>
		String(a.headers['webhook-signature'] ?? '').split(' '),
	);
	check(
		"no webhook signature in n8n's log",
		() =>
			signatures.filter((s) => s.length > 10 && server.logs().includes(s.slice(3))).length === 0,
	);
	const secrets = { 'API secret': A.apiSecret };
	for (const [name, value] of Object.entries(keys))
		Object.assign(secrets, {
			[`${name} webhook secret`]: value,
			[`${name} webhook secret (base64)`]: value.slice(6),
		});
	check(
		"no API or webhook secret in any webhook answer, REST answer (executions included), n8n's log or database",
		() => {
			const texts = [
				...sim.webhooks.attempts.map((a) => String(a.answer)),
				...client.answers,
				server.logs(),
			];
			const leaked = leakedSecrets(Object.values(secrets), texts, userFolder);
			return leaked.length === 0
				? true
				: `found: ${Object.keys(secrets).filter((k) => leaked.includes(secrets[k]))}`;
		},
	);
	console.log(
		`      ${sim.webhooks.attempts.length} webhooks posted, ${lookups} payment look-ups reached the simulator`,
	);
}

module.exports = { totalsInN8n };
