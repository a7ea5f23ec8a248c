'use strict';
/** Dry Run on both Cancel operations, and a refund workflow of three I'mport nodes (look up -> cancel -> re-issue). */
const {
	freshWorldPerTest,
	ids,
	outcomes,
	expectNoSecrets,
	receiptRequests,
} = require('./helpers/setup');
const { cancel, get, issue, external } = require('./helpers/parameters');

const world = freshWorldPerTest();

describe('Dry Run', () => {
	test.each([
		['cashReceipt', 'imp_uid', ['imp_100000000001', 'imp_100000000003', 'imp_200000000001']],
		['externalCashReceipt', 'merchant_uid', ['order_ext_0001', 'order_ext_0002', 'order_never']],
	])(
		'%s: reports would_cancel / already_cancelled / not_found and sends no DELETE',
		async (resource, field, sheet) => {
			const parameters =
				resource === 'cashReceipt'
					? cancel({ dryRun: true })
					: external('cancel', { dryRun: true });
			const { success, failure } = await world.engine.run(
				sheet.map((id) => ({ [field]: id })),
				parameters,
			);
			expect(ids(success)).toEqual(sheet.slice(0, 2));
			expect(outcomes(success)).toEqual(['would_cancel', 'already_cancelled']);
			expect(ids(failure)).toEqual(sheet.slice(2));
			expect(outcomes(failure)).toEqual(['not_found']);
			expect(world.simulator.requests('DELETE')).toHaveLength(0);
			expect(receiptRequests(world.simulator).every((e) => e.method === 'GET')).toBe(true);
			expect(world.simulator.store.cancellations.size).toBe(0);
		},
	);
});

describe('a refund workflow: look up -> cancel -> re-issue', () => {
	test("three I'mport nodes chained on their Success outputs correct a receipt end to end", async () => {
		const sheet = [
			{ imp_uid: 'imp_100000000001', phone: '01011112222' },
			{ imp_uid: 'imp_200000000001', phone: '01033334444' }, // no receipt: stops at the lookup
			{ imp_uid: 'imp_100000000002', phone: '01055556666' },
		];
		const { outputsOf, error } = await world.engine.runWorkflow(
			sheet,
			[
				{ name: 'Look Up', parameters: get() },
				{ name: 'Cancel', parameters: cancel() },
				{
					name: 'Re-issue',
					parameters: issue({
						identifier: "={{ $('Start').item.json.phone }}",
						issueOptions: { identifier_type: 'phone' },
					}),
				},
			],
			{ Start: [['Look Up']], 'Look Up': [['Cancel'], []], Cancel: [['Re-issue'], []] },
		);
		expect(error).toBeUndefined();
		const [found, notFound] = outputsOf('Look Up');
		expect(ids(found)).toEqual(['imp_100000000001', 'imp_100000000002']);
		expect(ids(notFound)).toEqual(['imp_200000000001']);
		const [cancelled] = outputsOf('Cancel');
		expect(outcomes(cancelled)).toEqual(['cancelled', 'cancelled']);
		const [reissued, notReissued] = outputsOf('Re-issue');
		expect(notReissued).toHaveLength(0);
		expect(outcomes(reissued)).toEqual(['issued', 'issued']);
		// The identifier for each item came from its own row of the sheet (paired items intact).
		expect(
			world.simulator.requests('POST', '/receipts').map((e) => [e.segments[1], e.body.identifier]),
		).toEqual([
			['imp_100000000001', '01011112222'],
			['imp_100000000002', '01055556666'],
		]);
		const receipt = world.simulator.store.payments.get('imp_100000000001').receipt;
		expect(receipt.cancelled_at).toBe(0);
		expect(reissued[0].json.response.apply_num).toBe(receipt.apply_num);
		expect(world.simulator.tokenRequests()).toHaveLength(1);
		expectNoSecrets(world.simulator, outputsOf('Re-issue'));
	});
});
