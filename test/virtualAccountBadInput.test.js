'use strict';
/**
 * Virtual Account operations refuse bad input before anything is sent to the simulator's /vbanks
 * family (test/simulator/vbanks.js), or, with On Error: Continue, pair an error item with the row.
 */
const { freshWorldPerTest, expectNoSecrets } = require('./helpers/setup');
const { vbankCancel, vbankUpdateDueDate, vbankGet } = require('./helpers/parameters');
const { items, iso } = require('./helpers/virtualAccount');

const world = freshWorldPerTest();

describe('bad input is refused before anything is sent', () => {
	const past = () => iso(world.simulator.clock.now() - 60);
	test.each([
		['an empty imp_uid', vbankCancel(), { imp_uid: '' }, /imp_uid is empty/],
		['a dot id', vbankCancel(), { imp_uid: '.' }, /imp_uid "\." is not a valid id/],
		['a dot-dot id', vbankGet(), { imp_uid: '..' }, /imp_uid "\.\." is not a valid id/],
		['broken Unicode', vbankCancel(), { imp_uid: 'imp_\uD800' }, /broken Unicode/],
		['a null id', vbankGet(), { imp_uid: null }, /imp_uid must be text/],
		[
			'no due date',
			vbankUpdateDueDate(),
			{ imp_uid: 'imp_vbank_settle_0001' },
			/Due Date is empty/,
		],
		['a due date in the past', vbankUpdateDueDate(), 'past', /is not in the future/],
		[
			'not a date',
			vbankUpdateDueDate(),
			{ imp_uid: 'x', due: '2027-02-30' },
			/is not a valid date/,
		],
		['milliseconds', vbankUpdateDueDate(), { imp_uid: 'x', due: Date.now() + 1e9 }, /milliseconds/],
		[
			'a fractional amount',
			vbankUpdateDueDate({ vbankFields: { amount: '={{ $json.amount }}' } }),
			{ imp_uid: 'x', due: '2099-01-01T00:00:00Z', amount: 1.5 },
			/Amount must be a whole number of won, 1 or more/,
		],
		[
			'a zero amount',
			vbankUpdateDueDate({ vbankFields: { amount: '={{ $json.amount }}' } }),
			{ imp_uid: 'x', due: '2099-01-01T00:00:00Z', amount: 0 },
			/Amount must be a whole number/,
		],
	])('%s', async (_name, parameters, bad, message) => {
		const row = bad === 'past' ? { imp_uid: 'imp_vbank_settle_0001', due: past() } : bad;
		const good =
			parameters.operation === 'updateDueDate'
				? { imp_uid: 'imp_vbank_settle_0001', due: '2099-01-01T00:00:00Z', amount: 1000 }
				: { imp_uid: 'imp_pay_vbank_ready_0001' };
		const { error } = await world.engine.run([good, row], parameters);
		expect(error.message).toMatch(message);
		expect(error.context.itemIndex).toBe(1);
		expect(error.description).toMatch(/nothing was sent for (it|this item)/i);
		expect(world.simulator.log).toHaveLength(0);
	});

	test('with On Error: Continue a bad row is an error item paired with it, the others run', async () => {
		const run = await world.engine.run(
			items('', 'imp_pay_vbank_ready_0001'),
			vbankCancel({ splitOutputs: false }),
			{ onError: 'continueRegularOutput' },
		);
		expect(run.outputs[0].map((i) => [i.json.outcome, i.pairedItem.item])).toEqual([
			['error', 0],
			['cancelled', 1],
		]);
		expectNoSecrets(world.simulator, run.result, run.outputs);
	});
});
