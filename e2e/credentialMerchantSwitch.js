'use strict';
/**
 * Part 1 of e2e/credential.js: the I'mport API credential created for merchant A over n8n's REST
 * API as the dialog's Save does, a webhook workflow run with it; the credential reopened (GET with
 * data: the hidden token comes back as n8n's placeholder), switched to merchant B's key and secret
 * and saved (PATCH, the placeholders sent back), then run twice: A's token must never go out with
 * B's settings, and B's stored token is reused.
 */
const { CREDENTIAL_TYPE, timings } = require('./n8n');
const { check, same } = require('./script');
const { A, B, lookupWorkflow, callWebhook, seen } = require('./credentialWebhook');

/** n8n's placeholder for a stored password field (CREDENTIAL_BLANKING_VALUE in n8n-workflow). */
const BLANK = '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6';

/** `rest` is restClient's; returns what part 2 and the secret scan need. */
async function merchantSwitchInN8n({ rest, simulator, simUrl, n8nUrl }) {
	const started = Date.now();

	// 1. Create the credential for merchant A, as the dialog's Save does.
	console.log('\n1. merchant A: create the credential, run the workflow');
	const { data: credential } = await rest('POST', '/credentials', {
		name: "I'mport (e2e)",
		type: CREDENTIAL_TYPE,
		data: { impKey: A.impKey, impSecret: A.impSecret, tierCode: '', baseUrl: simUrl },
	});
	const { data: workflow } = await rest('POST', '/workflows', lookupWorkflow(credential));
	await rest('POST', `/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });

	let from = simulator.log.length;
	const first = await callWebhook(n8nUrl, 'imp_100000000001');
	check('run 1 (merchant A): the webhook answered 200 with the receipt found', () =>
		first.status === 200 && first.body?.[0]?.outcome === 'found'
			? true
			: `HTTP ${first.status} ${first.text.slice(0, 300)}`,
	);
	const runOne = seen(simulator, from);
	check("run 1: a token for merchant A, then the look-up with A's token", () =>
		same(runOne, [
			'POST /users/getToken token=none -> 200',
			`GET /receipts/imp_100000000001 token=${A.impKey} -> 200`,
		]),
	);
	console.log(`      simulator: ${runOne.join(' | ')}`);
	const tokenA = simulator.issuedTokens[0];

	// 2. Reopen the credential as the editor does, and look at what the hidden fields came back as.
	console.log(
		'\n2. reopen the credential (GET with data), change key and secret to merchant B, save (PATCH)',
	);
	const { data: reopened } = await rest('GET', `/credentials/${credential.id}?includeData=true`);
	const openedData = reopened.data ?? {};
	check(
		"reopened: the stored token and its binding come back as n8n's placeholder, the secret too",
		() =>
			same(
				{
					accessToken: openedData.accessToken,
					tokenBinding: openedData.tokenBinding,
					impSecret: openedData.impSecret,
				},
				{ accessToken: BLANK, tokenBinding: BLANK, impSecret: BLANK },
			),
	);
	console.log(`      GET data: ${JSON.stringify({ ...openedData, baseUrl: '<simulator>' })}`);

	// Save with B's key and secret; every other field, placeholders included, sent back unchanged.
	await rest('PATCH', `/credentials/${credential.id}`, {
		name: reopened.name,
		type: reopened.type,
		data: { ...openedData, impKey: B.impKey, impSecret: B.impSecret },
	});

	from = simulator.log.length;
	const second = await callWebhook(n8nUrl, 'imp_100000000002');
	check('run 2 (merchant B): the webhook answered 200 with the receipt found', () =>
		second.status === 200 && second.body?.[0]?.outcome === 'found'
			? true
			: `HTTP ${second.status} ${second.text.slice(0, 300)}`,
	);
	const runTwo = seen(simulator, from);
	check("run 2: merchant A's token was never sent with B's settings", () => {
		const withA = simulator.log.slice(from).filter((e) => e.tokenOf === A.impKey);
		return withA.length === 0
			? true
			: `A's token went with: ${withA.map((e) => `${e.method} ${e.rawPath}`).join(', ')}`;
	});
	check(
		"run 2: sent without a token (401), a token for merchant B, the look-up with B's token",
		() =>
			same(runTwo, [
				'GET /receipts/imp_100000000002 token=none -> 401',
				'POST /users/getToken token=none -> 200',
				`GET /receipts/imp_100000000002 token=${B.impKey} -> 200`,
			]),
	);
	check("run 2: the token request carried merchant B's key", () => {
		const tokenRequest = simulator.log.slice(from).find((e) => e.rawPath === '/users/getToken');
		return JSON.parse(tokenRequest?.rawBody ?? '{}').imp_key === B.impKey ? true : 'not B';
	});
	console.log(`      simulator: ${runTwo.join(' | ')}`);
	const tokenB = simulator.issuedTokens[1];

	from = simulator.log.length;
	const third = await callWebhook(n8nUrl, 'imp_100000000001');
	check("run 3: B's stored token is reused (no 401, no token request)", () =>
		third.status === 200
			? same(seen(simulator, from), [`GET /receipts/imp_100000000001 token=${B.impKey} -> 200`])
			: `HTTP ${third.status}`,
	);
	timings.push({
		step: 'runs',
		detail: 'create, 3 webhook runs, reopen, PATCH',
		ms: Date.now() - started,
	});
	return { credential, workflow, first, second, third, tokenA, tokenB };
}

module.exports = { merchantSwitchInN8n };
