'use strict';
/**
 * PortOne's own check and ours on the same deliveries: a seeded, generated set of valid deliveries
 * (signed by the V2 simulator's signer, test/portone-simulator/webhooks.js, both webhook versions,
 * JSON and form, one or two secrets, with and without "whsec_") and of broken ones made from them.
 * Each case runs through @portone/server-sdk's `Webhook.verify` (with Date.now set to the case's
 * clock; it reads nothing else) and through our `verifySignature`, and states the exact outcome of
 * both. They must agree on verified / not verified, except for the kinds in DISAGREEMENTS, where the
 * difference is on purpose (nodes/PortOneTrigger/signature.ts says why).
 */
const { Webhook } = require('@portone/server-sdk');
const { verifySignature } = require('../dist/nodes/PortOneTrigger/signature.js');
const {
	SEED,
	BASES,
	OK,
	DISAGREEMENTS,
	MUTATIONS,
	generateCases,
} = require('./helpers/webhookAgreementCases');

/** What Webhook.verify says with Date.now at the case's clock, trying each receiver secret in turn. */
async function sdkOutcome(c) {
	const spy = jest.spyOn(Date, 'now').mockReturnValue(c.nowMs);
	try {
		const outcomes = [];
		for (const secret of c.receiver) {
			outcomes.push(
				await Webhook.verify(secret, c.body, c.headers).then(
					() => OK,
					(error) =>
						error instanceof Webhook.WebhookVerificationError ? error.reason : error.name,
				),
			);
		}
		return (
			outcomes.find((o) => o === OK) ?? outcomes.find((o) => o === 'SyntaxError') ?? outcomes[0]
		);
	} finally {
		spy.mockRestore();
	}
}

function ourResult(c) {
	return verifySignature({
		rawBody: c.asBuffer ? Buffer.from(c.body, 'utf8') : c.body,
		headers: c.headers,
		secrets: c.receiver,
		nowSeconds: c.nowMs / 1000,
	});
}

const CASES = generateCases(SEED);

test('the generated set is deterministic, large and covers every documented disagreement', () => {
	expect(JSON.stringify(generateCases(SEED))).toBe(JSON.stringify(CASES));
	expect(CASES.length).toBe(BASES * MUTATIONS.length);
	expect(CASES.length).toBeGreaterThan(500);
	for (const kind of Object.keys(DISAGREEMENTS))
		expect(CASES.filter((c) => c.disagreement === kind).length).toBeGreaterThanOrEqual(BASES / 3);
	for (const shape of ['2024-04-25 json', '2024-01-01 json', '2024-01-01 form'])
		expect(CASES.filter((c) => c.name.includes(shape)).length).toBe(CASES.length / 3);
});

test("every case: the SDK's and our exact outcomes, agreeing except where documented", async () => {
	const unexpected = [];
	const tally = { agreeVerified: 0, agreeRefused: 0, disagreements: {} };
	for (const c of CASES) {
		const sdk = await sdkOutcome(c);
		const result = ourResult(c);
		const ours = result.verified ? OK : result.reason;
		if (ours !== c.ours || sdk !== c.sdk)
			unexpected.push(
				`${c.name}: ours ${ours} (expected ${c.ours}), SDK ${sdk} (expected ${c.sdk})`,
			);
		if (result.verified) expect(result.webhookId).toBe(c.id);
		else {
			for (const secret of [...c.receiver, ...c.signer].filter((s) => s.length > 12))
				expect(result.detail).not.toContain(secret.replace(/^whsec_/, '').slice(0, 12));
			for (const entry of String(c.headers['webhook-signature'] ?? '').split(/[ ,]+/))
				if (entry.length > 12) expect(result.detail).not.toContain(entry.slice(0, 12));
		}
		const agree = (ours === OK) === (sdk === OK);
		if (c.disagreement) {
			// A documented disagreement is exactly the one its kind names, never an accidental one.
			expect([ours, sdk]).toEqual(DISAGREEMENTS[c.disagreement]);
			tally.disagreements[c.disagreement] = (tally.disagreements[c.disagreement] ?? 0) + 1;
		} else if (!agree) {
			unexpected.push(`${c.name}: undocumented disagreement, ours ${ours}, SDK ${sdk}`);
		} else if (ours === OK) tally.agreeVerified++;
		else tally.agreeRefused++;
	}
	expect(unexpected.slice(0, 10)).toEqual([]);
	const documented = Object.values(tally.disagreements).reduce((a, b) => a + b, 0);
	const agreements = tally.agreeVerified + tally.agreeRefused;
	expect(agreements + documented).toBe(CASES.length);
	const kinds = Object.entries(tally.disagreements)
		.map(([kind, count]) => `${kind} ${count}`)
		.join(', ');
	console.log(
		`PortOne webhook signature agreement (seed ${SEED}): ${CASES.length} cases, ${agreements} agreements (${tally.agreeVerified} verified by both, ${tally.agreeRefused} refused by both), ${documented} documented disagreements (${kinds}), 0 undocumented`,
	);
});
