'use strict';
/**
 * Part of e2e/portoneTrigger.js, on the "every default event" workflow in a real n8n: the webhook
 * secrets changed in the credential as the editor does (reopened, then saved with its placeholders):
 * a rotation (the previous secret, both, the new one; then the previous one retired), and no
 * secret at all. `t` is the context main() builds; `t.signWith(secrets)` sets what the simulated
 * PortOne signs with.
 */
const { CREDENTIAL_BLANKING_VALUE: BLANK } = require('n8n-workflow');
const { check, same } = require('./script');
const { itemsOf } = require('./workflowsOverRest');

/** Saves the credential as the editor does: opened with its placeholders, `changes` applied. */
function credentialSaver(client, credential) {
	return async (changes) => {
		const { data: open } = await client.rest(
			'GET',
			`/credentials/${credential.id}?includeData=true`,
		);
		const data = { ...open.data, ...changes };
		await client.rest('PATCH', `/credentials/${credential.id}`, {
			name: open.name,
			type: open.type,
			data,
		});
		return open.data;
	};
}

/** The rotation; it ends with PortOne signing with the new secret only. */
async function rotationInN8n(t) {
	const { d, waiter, every, url, keys, logged, refused, logMark, save } = t;
	console.log('\nSecret rotation through the credential');
	const reopened = await save({
		webhookSecret: keys.current,
		previousWebhookSecret: keys.previous,
	});
	check(
		"reopened, the credential shows n8n's placeholder for its secrets, never their values",
		() => same([reopened.apiSecret, reopened.webhookSecret], [BLANK, BLANK]),
	);
	const rotating = logMark();
	for (const [name, secrets] of [
		['the previous secret only (a delivery signed before the new one was issued)', [keys.previous]],
		['both active secrets (as PortOne signs during a rotation)', [keys.previous, keys.current]],
		['the new secret', [keys.current]],
	]) {
		t.signWith(secrets);
		const r = await d.emit(url, 'pay-card-0002', 'Transaction.Paid');
		const run = await waiter.next(every.id);
		check(
			`rotating (Webhook Secret new, Previous Webhook Secret old): signed with ${name}: 200, an execution`,
			() => same([r.status, itemsOf(run, 'New events only').length], [200, 1]),
		);
	}
	const previousLogged = await logged(
		rotating,
		/signed with the previous secret; finish the rotation/,
	);
	check('n8n logged that a webhook was signed with the previous secret', () => previousLogged);
	await save({ previousWebhookSecret: '' });
	t.signWith([keys.previous]);
	const retiring = logMark();
	const retired = await d.emit(url, 'pay-card-0002', 'Transaction.Paid', {}, false);
	refused('no_matching_signature');
	const retiredLogged = await logged(retiring, /refused a webhook \(no_matching_signature: /);
	check(
		'rotation finished (Previous Webhook Secret emptied): the old secret alone is refused (401), nothing looked up, the reason in the log',
		() => same([retired.status, retired.lookups, retiredLogged], [401, [], true]),
	);
	t.signWith([keys.current]);
}

/** No webhook secret at all: everything refused; the new secret is saved back afterwards. */
async function noSecretInN8n(t) {
	const { d, url, keys, logged, logMark, save } = t;
	await save({ webhookSecret: '', previousWebhookSecret: '' });
	const emptied = logMark();
	const none = await d.emit(url, 'pay-card-0002', 'Transaction.Paid', {}, false);
	const noneLogged = await logged(
		emptied,
		/the credential has no Webhook Secret, so no webhook can be verified/,
	);
	check(
		'the Webhook Secret emptied in the credential: every webhook refused (401), nothing looked up, an error in the log',
		() => same([none.status, none.lookups, noneLogged], [401, [], true]),
	);
	await save({ webhookSecret: keys.current });
}

module.exports = { credentialSaver, rotationInN8n, noSecretInN8n };
