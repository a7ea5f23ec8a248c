'use strict';
/**
 * Per-run Run Limits on refunds (count and total won), decided in input order, and their default
 * when the node runs as an AI agent's tool: rows past a limit come out not_sent, nothing sent.
 */
const { freshWorldPerTest, outcomes, expectNoSecrets } = require('./helpers/setup');
const { paymentCancel } = require('./helpers/parameters');

const world = freshWorldPerTest();

const refund = (extra = {}) => paymentCancel({ options: { retryWaitMs: 1 }, ...extra });
const cancelPosts = (simulator) =>
	simulator.log.filter((e) => e.method === 'POST' && e.rawPath === '/payments/cancel');
const paidOut = (simulator) => simulator.payments.refunds.reduce((sum, r) => sum + r.amount, 0);

/** `count` fresh paid payments of `amount` won each; their rows refund `ask` (partial) or all (full). */
function sheet(count, amount, ask) {
	const ids = world.simulator.payments.addMany(count, {
		prefix: 'imp_limit_',
		amount,
		paid_at: 1_700_000_000,
	});
	return ids.map((imp_uid) =>
		ask === 'full' ? { imp_uid, mode: 'full' } : { imp_uid, mode: 'partial', amount: ask },
	);
}

describe('Run Limits', () => {
	test('Max Refunds per Run: the first rows in input order are refunded, the rest not_sent, nothing sent for them', async () => {
		world.simulator.faults.setLatency(5, 20, 7); // answers come back out of order
		const rows = sheet(8, 10_000, 1_000);
		const { success, failure } = await world.engine.run(
			rows,
			refund({ runLimits: { maxCount: 3 }, options: { concurrency: 5, retryWaitMs: 1 } }),
		);
		expect(outcomes(success)).toEqual([
			'partially_refunded',
			'partially_refunded',
			'partially_refunded',
		]);
		expect(success.map((i) => i.pairedItem.item)).toEqual([0, 1, 2]);
		expect(outcomes(failure)).toEqual(Array(5).fill('not_sent'));
		expect(failure.map((i) => i.pairedItem.item)).toEqual([3, 4, 5, 6, 7]);
		expect(failure[0].json.not_sent_reason).toMatch(
			/^Max Refunds per Run \(3\) reached at row 3: nothing was sent for this row/,
		);
		expect(failure[0].json).toMatchObject({ refunded_amount: 0, remaining_amount: 10_000 });
		expect(cancelPosts(world.simulator)).toHaveLength(3);
		expectNoSecrets(world.simulator, success, failure);
	});

	test('Max Refund Total per Run: the row that would pass it and every later refund row are not_sent', async () => {
		const rows = [
			...sheet(2, 20_000, 'full'), // 20,000 + 20,000
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5_000 }, // would make 45,000
			{ imp_uid: 'imp_pay_partial_0001', mode: 'partial', amount: 100 }, // would still fit, but after the cap
		];
		const { success, failure } = await world.engine.run(
			rows,
			refund({ runLimits: { maxTotal: 44_999 } }),
		);
		expect(outcomes(success)).toEqual(['refunded', 'refunded']);
		expect(outcomes(failure)).toEqual(['not_sent', 'not_sent']);
		expect(failure[0].json.not_sent_reason).toMatch(
			/Max Refund Total per Run \(44999 won\) would be passed at row 2 \(40000 won sent before it, it asks 5000\)/,
		);
		expect(failure[1].json.not_sent_reason).toMatch(/at row 2/);
		expect(paidOut(world.simulator)).toBe(40_000);
	});

	test('rows decided without a refund take nothing from the budget', async () => {
		const rows = [
			{ imp_uid: 'imp_unknown_1', mode: 'full' }, // not_found
			{ imp_uid: 'imp_pay_vbank_ready_0001', mode: 'full' }, // not_paid
			{ imp_uid: 'imp_pay_card_0001', mode: 'partial', amount: 999_999 }, // exceeds_balance
			{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 1_000 },
		];
		const { success, failure } = await world.engine.run(
			rows,
			refund({ runLimits: { maxCount: 1 } }),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(outcomes(failure)).toEqual(['not_found', 'not_paid', 'exceeds_balance']);
	});

	test('the same rows pass however the answers are timed (five runs, jittered latency)', async () => {
		const results = [];
		for (let seed = 1; seed <= 5; seed++) {
			world.simulator.faults.setLatency(1, 15, seed);
			const rows = [
				'imp_pay_card_0002',
				'imp_pay_partial_0001',
				'imp_pay_card_0002',
				'imp_pay_retry_0001',
			].map((imp_uid, n) => ({ imp_uid, mode: 'partial', amount: 100, ref: `seed-${seed}-${n}` }));
			const { success, failure } = await world.engine.run(
				rows,
				refund({ runLimits: { maxCount: 2 }, options: { concurrency: 4, retryWaitMs: 1 } }),
			);
			results.push(
				[...success, ...failure]
					.sort((a, b) => a.pairedItem.item - b.pairedItem.item)
					.map((i) => i.json.outcome),
			);
		}
		for (const outcomesOfRun of results) {
			expect(outcomesOfRun).toEqual([
				'partially_refunded',
				'partially_refunded',
				'not_sent',
				'not_sent',
			]);
		}
	});

	test('Dry Run applies the limits too: it shows which rows the real run would not send', async () => {
		const rows = sheet(3, 10_000, 'full');
		const { success, failure } = await world.engine.run(
			rows,
			refund({ dryRun: true, runLimits: { maxCount: 2 } }),
		);
		expect(outcomes(success)).toEqual(['would_refund', 'would_refund']);
		expect(outcomes(failure)).toEqual(['not_sent']);
		expect(cancelPosts(world.simulator)).toHaveLength(0);
	});

	test.each([
		[{ maxCount: '={{ "many" }}' }, /Max Refunds per Run must be a whole number/],
		[{ maxTotal: -5 }, /Max Refund Total per Run must be a whole number/],
	])(
		'a limit that is not a whole number (%j) stops the run before anything is sent',
		async (runLimits, message) => {
			const { error } = await world.engine.run(sheet(1, 10_000, 'full'), refund({ runLimits }));
			expect(error.message).toMatch(message);
			expect(world.simulator.log).toHaveLength(0);
		},
	);
});

describe('as an AI agent tool', () => {
	const asTool = { nodeSettings: { type: 'n8n-nodes-iamport.iamportTool' } };

	test('without limits set: one refund of at most 100,000 won per run', async () => {
		const rows = [...sheet(2, 50_000, 'full')];
		const { success, failure } = await world.engine.run(rows, refund(), asTool);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(outcomes(failure)).toEqual(['not_sent']);
		expect(failure[0].json.not_sent_reason).toMatch(/Max Refunds per Run \(1\) reached at row 1/);
	});

	test('without limits set: a single refund above 100,000 won is not sent', async () => {
		const { failure } = await world.engine.run(sheet(1, 150_000, 'full'), refund(), asTool);
		expect(outcomes(failure)).toEqual(['not_sent']);
		expect(failure[0].json.not_sent_reason).toMatch(/Max Refund Total per Run \(100000 won\)/);
		expect(cancelPosts(world.simulator)).toHaveLength(0);
	});

	test('limits set to 0 mean no limit, also for a tool', async () => {
		const { success } = await world.engine.run(
			sheet(3, 150_000, 'full'),
			refund({ runLimits: { maxCount: 0, maxTotal: 0 } }),
			asTool,
		);
		expect(outcomes(success)).toEqual(['refunded', 'refunded', 'refunded']);
	});

	test('a limit set on one field keeps the tool default on the other', async () => {
		const { success, failure } = await world.engine.run(
			sheet(3, 150_000, 'full'),
			refund({ runLimits: { maxTotal: 1_000_000 } }),
			asTool,
		);
		expect(outcomes(success)).toEqual(['refunded']);
		expect(outcomes(failure)).toEqual(['not_sent', 'not_sent']);
	});

	test('without the tool, no limit unless set', async () => {
		const { success } = await world.engine.run(sheet(3, 150_000, 'full'), refund());
		expect(outcomes(success)).toEqual(['refunded', 'refunded', 'refunded']);
	});
});
