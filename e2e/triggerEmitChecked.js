'use strict';
/**
 * Part of e2e/trigger.js: the workflow "unverified emitted, i'mport's senders only" in a real n8n,
 * behind one proxy hop (N8N_PROXY_HOPS=1): a sender that is not i'mport refused, a spoofed status
 * and an unknown imp_uid emitted with verified: false and the reason, a real one verified.
 */
const { nodeItems: itemsOf } = require('./n8n');
const { check, same } = require('./script');
const { EMIT_CHECKED } = require('./triggerWorkflows');

const DOCUMENTED_SENDER = '52.78.100.19';
/** What the proxy adds for a request from i'mport's documented sender. */
const fromImport = { headers: { 'x-forwarded-for': DOCUMENTED_SENDER } };

/** The run's `t`: { simulator, sender, urls, nextExecution, lookupsSince, answered }. */
async function emitCheckedInN8n({
	simulator,
	sender,
	urls,
	nextExecution,
	lookupsSince,
	answered,
}) {
	console.log(`\n${EMIT_CHECKED.name}`);
	let mark = simulator.log.length;
	const refused = await sender.notify(urls.emit, 'imp_pay_card_0001');
	const forged = await sender.notify(urls.emit, 'imp_pay_card_0001', {
		headers: { 'x-forwarded-for': `${DOCUMENTED_SENDER}, 203.0.113.7` },
	});
	check(
		"a sender that is not i'mport (no proxy entry, or a forged earlier entry): HTTP 403, nothing looked up",
		() =>
			same(
				{ plain: answered(refused), forged: forged.status, lookups: lookupsSince(mark).length },
				{ plain: '403 {"error":"This sender is not allowed"}', forged: 403, lookups: 0 },
			),
	);
	mark = simulator.log.length;
	const spoofResult = await sender.notify(urls.emit, 'imp_pay_card_0002', {
		spoof: { status: 'cancelled' },
		...fromImport,
	});
	const spoofExecution = await nextExecution(EMIT_CHECKED.id);
	const [spoofItem] = itemsOf(spoofExecution, 'Checked notification');
	console.log(
		`      a spoofed notification {"imp_uid":"imp_pay_card_0002","status":"cancelled"} produced:\n${JSON.stringify(spoofItem, null, 2).replace(/^/gm, '        ')}`,
	);
	check(
		"a spoofed status from i'mport's address (via the proxy): HTTP 200, emitted with verified: false, reason status_mismatch, i'mport's status on top",
		() => {
			if (spoofResult.status !== 200) return answered(spoofResult);
			return same(
				{
					verified: spoofItem?.verified,
					reason: spoofItem?.reason,
					status: spoofItem?.status,
					claimed: spoofItem?.notification?.status,
				},
				{ verified: false, reason: 'status_mismatch', status: 'paid', claimed: 'cancelled' },
			);
		},
	);
	const unknownResult = await sender.post(
		urls.emit,
		{ imp_uid: 'imp_999999999999', merchant_uid: 'order_x', status: 'paid' },
		fromImport,
	);
	const unknownExecution = await nextExecution(EMIT_CHECKED.id);
	const [unknownItem] = itemsOf(unknownExecution, 'Checked notification');
	check(
		'an unknown imp_uid: emitted with verified: false, reason not_found, no payment fields',
		() =>
			same(
				{
					http: unknownResult.status,
					verified: unknownItem?.verified,
					reason: unknownItem?.reason,
					amount: unknownItem?.amount ?? null,
				},
				{ http: 200, verified: false, reason: 'not_found', amount: null },
			),
	);
	const realResult = await sender.notify(urls.emit, 'imp_pay_card_0002', {
		as: 'form',
		...fromImport,
	});
	const realExecution = await nextExecution(EMIT_CHECKED.id);
	check("a real notification from i'mport's address: verified: true", () =>
		same(
			{
				http: realResult.status,
				verified: itemsOf(realExecution, 'Checked notification')[0]?.verified,
			},
			{ http: 200, verified: true },
		),
	);
}

module.exports = { emitCheckedInN8n, fromImport };
