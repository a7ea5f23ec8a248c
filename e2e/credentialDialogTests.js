'use strict';
/**
 * Part 2 of e2e/credential.js: the credential dialog's Test (POST /rest/credentials/test) with the
 * dialog's data as the editor sends it: the saved credential, a wrong secret typed in, then saved
 * (and a run with it, which must fail at the token step without B's stored token), a refused and
 * an accepted tier, and https:// to the simulator's plain-http port.
 */
const { timings } = require('./n8n');
const { check, same } = require('./script');
const { B, WRONG_SECRET, callWebhook, seen } = require('./credentialWebhook');

/** `rest` is restClient's; `credential` and `workflow` are part 1's. Returns run 4's answer. */
async function dialogTestsInN8n({ rest, simulator, simUrl, n8nUrl, credential, workflow }) {
	// 3. The dialog's Test, with the dialog's data as the editor sends it.
	console.log('\n3. Test (POST /rest/credentials/test) with the dialog data');
	const started = Date.now();
	const { data: current } = await rest('GET', `/credentials/${credential.id}?includeData=true`);
	const test = async (changes) =>
		(
			await rest('POST', '/credentials/test', {
				credentials: {
					id: credential.id,
					name: current.name,
					type: current.type,
					data: { ...current.data, ...changes },
				},
			})
		).data;
	const tests = {};

	let from = simulator.log.length;
	tests.saved = await test({});
	check('Test of the saved credential (merchant B): OK', () =>
		tests.saved.status === 'OK' ? true : JSON.stringify(tests.saved),
	);
	check("Test asked for a new token with the dialog's key and secret (not the stored token)", () =>
		same(seen(simulator, from), [
			'POST /users/getToken token=none -> 200',
			`GET /banks token=${B.impKey} -> 200`,
		]),
	);

	from = simulator.log.length;
	tests.wrongSecret = await test({ impSecret: WRONG_SECRET });
	check(
		'Test with a wrong secret typed in: Error, "refused the API key or API secret", with i\'mport\'s message',
		() =>
			tests.wrongSecret.status === 'Error' &&
			tests.wrongSecret.message ===
				"i'mport refused the API key or API secret (HTTP 401: 아임포트 API 키 또는 시크릿이 올바르지 않습니다.). Check both in the credential: the REST API key and secret of the V1 API tab (a PortOne V2 API Secret belongs in the PortOne V2 API credential)."
				? true
				: JSON.stringify(tests.wrongSecret),
	);
	check('Test with a wrong secret: no request carried a token', () =>
		same(seen(simulator, from), ['POST /users/getToken token=none -> 401']),
	);

	// Saved with the wrong secret (Save then Test, as the dialog does): the stored token must not help.
	await rest('PATCH', `/credentials/${credential.id}`, {
		name: current.name,
		type: current.type,
		data: { ...current.data, impSecret: WRONG_SECRET },
	});
	tests.wrongSecretSaved = await test({});
	check('Test after saving the wrong secret (placeholder sent): Error, key/secret refused', () =>
		tests.wrongSecretSaved.status === 'Error' &&
		/refused the API key or API secret/.test(tests.wrongSecretSaved.message)
			? true
			: JSON.stringify(tests.wrongSecretSaved),
	);
	from = simulator.log.length;
	const fourth = await callWebhook(n8nUrl, 'imp_100000000001');
	// The webhook only says "Error in workflow": the run's error is in the saved execution.
	const { data: executions } = await rest(
		'GET',
		`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: workflow.id }))}&limit=1`,
	);
	const lastId = executions.results?.[0]?.id;
	const lastExecution = lastId ? (await rest('GET', `/executions/${lastId}`)).data : undefined;
	const runError = String(lastExecution?.data ?? '').match(
		/i'mport refused the API key or API secret[^"]*/,
	)?.[0];
	check(
		'run 4 (wrong secret saved): fails at the token step, "refused the API key or API secret"; B\'s stored token is not sent',
		() => {
			const withToken = simulator.log.slice(from).filter((e) => e.tokenOf !== null);
			if (withToken.length) return `sent with a token: ${seen(simulator, from).join(' | ')}`;
			return fourth.status >= 400 && lastExecution?.status === 'error' && runError
				? true
				: `HTTP ${fourth.status} ${fourth.text.slice(0, 200)}; execution ${lastId} ${lastExecution?.status}`;
		},
	);
	console.log(
		`      run 4: webhook HTTP ${fourth.status} ${fourth.text.slice(0, 200)}; execution ${lastId} ${lastExecution?.status}: ${runError}`,
	);
	console.log(`      simulator: ${seen(simulator, from).join(' | ')}`);

	tests.refusedTier = await test({ impSecret: B.impSecret, tierCode: 'ZZZ' });
	check(
		"Test with a tier the account may not use: Error naming the tier, with i'mport's message",
		() =>
			tests.refusedTier.status === 'Error' &&
			tests.refusedTier.message.startsWith(
				'i\'mport refused the Agency Tier Code "ZZZ" (HTTP 401: 요청하신 Tier(ZZZ)에 대한 권한이 없습니다.)',
			)
				? true
				: JSON.stringify(tests.refusedTier),
	);
	from = simulator.log.length;
	tests.acceptedTier = await test({ impSecret: B.impSecret, tierCode: 'T01' });
	check('Test with an accepted tier: OK naming the tier, the Tier header sent', () => {
		const banks = simulator.log.slice(from).find((e) => e.rawPath === '/banks');
		return tests.acceptedTier.status === 'OK' &&
			/Agency Tier Code "T01"/.test(tests.acceptedTier.message) &&
			banks?.headers.tier === 'T01'
			? true
			: JSON.stringify(tests.acceptedTier);
	});
	tests.tlsToPlainHttp = await test({
		impSecret: B.impSecret,
		baseUrl: simUrl.replace('http://', 'https://'),
	});
	check(
		'Test with https:// to the plain-http port: Error saying the server does not speak HTTPS',
		() =>
			tests.tlsToPlainHttp.status === 'Error' &&
			/does not speak HTTPS \(TLS\).*use http:\/\//.test(tests.tlsToPlainHttp.message)
				? true
				: JSON.stringify(tests.tlsToPlainHttp),
	);
	for (const [name, result] of Object.entries(tests))
		console.log(`      ${name}: ${result.status} - ${result.message}`);
	timings.push({
		step: 'tests',
		detail: '6 credential tests, 1 PATCH, 1 run',
		ms: Date.now() - started,
	});
	return { fourth };
}

module.exports = { dialogTestsInN8n };
