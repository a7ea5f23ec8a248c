'use strict';
/**
 * Payment → Get Many through n8n's real engine against the simulator: by imp_uids, by status, and
 * failing, no secret or token in what it outputs or logs.
 */
const { freshWorldPerTest, expectNoSecrets } = require('./helpers/setup');
const {
	paymentGetManyByIds,
	paymentGetManyByStatus,
	quickRetries,
} = require('./helpers/parameters');

const world = freshWorldPerTest();

test('Get Many: neither the API secret nor any token appears in outputs, errors or logs', async () => {
	const byIds = await world.engine.run(
		['imp_pay_card_0001', 'imp_nope'].map((imp_uid) => ({ imp_uid })),
		paymentGetManyByIds(),
	);
	const byStatus = await world.engine.run([{}], paymentGetManyByStatus({ returnAll: true }));
	world.simulator.faults.add({ action: 'status', status: 502, path: '/payments', times: Infinity });
	const failed = await world.engine.run(
		[{}],
		paymentGetManyByStatus({ options: quickRetries({ retries: 0 }) }),
		{ onError: 'continueRegularOutput' },
	);
	expect(failed.failure[0].json.outcome).toBe('error');
	expectNoSecrets(world.simulator, byIds, byStatus, failed);
});
