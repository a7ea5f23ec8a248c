'use strict';
/**
 * Virtual Account → Update Due Date and Get through n8n's real engine against the simulator's
 * /vbanks family (test/simulator/vbanks.js).
 */
const { freshWorldPerTest, outcomes } = require('./helpers/setup');
const { vbankCancel, vbankUpdateDueDate, vbankGet } = require('./helpers/parameters');
const { DAY_S, items, iso, vbankTools } = require('./helpers/virtualAccount');

const world = freshWorldPerTest();
const { changes } = vbankTools(world);

describe('Update Due Date', () => {
	const due = () => world.simulator.clock.now() + 40 * DAY_S;

	test('a Settlebank account gets the new due date (and amount) once; a re-run is already_updated', async () => {
		const row = { imp_uid: 'imp_vbank_settle_0001', due: iso(due()) };
		const parameters = vbankUpdateDueDate({ vbankFields: { amount: 50000 } });
		const first = await world.engine.run([row], parameters);
		expect(outcomes(first.success)).toEqual(['updated']);
		expect(first.success[0].json).toMatchObject({
			response: { vbank_date: due(), amount: 50000 },
			virtual_account: { due_at: row.due, due_at_unix: due(), state: 'awaiting_deposit' },
		});
		const put = world.simulator.requests('PUT')[0];
		expect(put.rawPath).toBe('/vbanks/imp_vbank_settle_0001');
		expect(JSON.parse(put.rawBody)).toEqual({ vbank_due: due(), amount: 50000 });
		const second = await world.engine.run([row], parameters);
		expect(outcomes(second.success)).toEqual(['already_updated']);
		expect(world.simulator.requests('PUT')).toHaveLength(1);
		expect(changes('vbank.modified')).toBe(1);
	});

	test('outcomes: pg_not_supported (the spec: Settlebank only), already_paid, account_closed, not_virtual_account, not_found', async () => {
		await world.engine.run(items('imp_vbank_expired_0001'), vbankCancel());
		const rows = [
			'imp_pay_vbank_ready_0001',
			'imp_pay_vbank_0001',
			'imp_vbank_expired_0001',
			'imp_pay_card_0001',
			'imp_nope',
		].map((imp_uid) => ({ imp_uid, due: iso(due()) }));
		world.simulator.log.length = 0;
		const { success, failure } = await world.engine.run(rows, vbankUpdateDueDate());
		expect(success).toEqual([]);
		expect(failure.map((i) => [i.json.imp_uid, i.json.outcome, i.pairedItem.item])).toEqual([
			['imp_pay_vbank_ready_0001', 'pg_not_supported', 0],
			['imp_pay_vbank_0001', 'already_paid', 1],
			['imp_vbank_expired_0001', 'account_closed', 2],
			['imp_pay_card_0001', 'not_virtual_account', 3],
			['imp_nope', 'not_found', 4],
		]);
		expect(failure[0].json).toMatchObject({ code: 1, http_status: 400 });
		expect(world.simulator.requests('PUT').map((e) => e.rawPath)).toEqual([
			'/vbanks/imp_pay_vbank_ready_0001',
			'/vbanks/imp_nope',
		]);
		expect(changes('vbank.modified')).toBe(0);
	});

	test('Dry Run: would_update or already_updated, nothing changed', async () => {
		const { success } = await world.engine.run(
			[
				{ imp_uid: 'imp_vbank_settle_0001', due: iso(due()) },
				{
					imp_uid: 'imp_vbank_settle_0001',
					due: iso(world.simulator.payments.get('imp_vbank_settle_0001').vbank_date),
				},
			],
			vbankUpdateDueDate({ dryRun: true }),
		);
		expect(outcomes(success)).toEqual(['would_update', 'already_updated']);
		expect(world.simulator.requests('PUT')).toHaveLength(0);
		expect(world.simulator.changes.list()).toHaveLength(0);
	});

	test('the due date goes out as UNIX seconds, whatever form it came in', async () => {
		const at = due();
		const run = await world.engine.run(
			[{ imp_uid: 'imp_vbank_settle_0001', due: at }],
			vbankUpdateDueDate({ dueDate: '={{ DateTime.fromSeconds($json.due) }}' }),
		);
		expect(outcomes(run.success)).toEqual(['updated']);
		expect(JSON.parse(world.simulator.requests('PUT')[0].rawBody)).toEqual({ vbank_due: at });
		// Every form of the same instant reads as that second: the account already has it.
		const forms = [at, String(at), iso(at).replace('Z', '+00:00'), iso(at).replace('.000', '')];
		const dry = await world.engine.run(
			forms.map((form) => ({ imp_uid: 'imp_vbank_settle_0001', due: form })),
			vbankUpdateDueDate({ dryRun: true }),
		);
		expect(outcomes(dry.success)).toEqual(forms.map(() => 'already_updated'));
		expect(world.simulator.requests('PUT')).toHaveLength(1);
	});
});

describe('Get', () => {
	test('the account beside the payment: bank, number, holder, due date (ISO and UNIX), paid or not', async () => {
		const input = items(
			'imp_pay_vbank_ready_0001',
			'imp_pay_vbank_0001',
			'imp_pay_card_0001',
			'imp_nope',
		);
		const { success, failure } = await world.engine.run(input, vbankGet());
		const ready = world.simulator.payments.get('imp_pay_vbank_ready_0001');
		expect(outcomes(success)).toEqual(['found', 'found']);
		expect(success[0].json.response).toEqual(ready);
		expect(success[0].json.virtual_account).toEqual({
			bank_code: '088',
			bank_name: '신한은행',
			number: ready.vbank_num,
			holder: '(주)예시상점',
			due_at: iso(ready.vbank_date),
			due_at_unix: ready.vbank_date,
			due_passed: false,
			issued_at: iso(ready.vbank_issued_at),
			issued_at_unix: ready.vbank_issued_at,
			paid: false,
			paid_at: null,
			amount: 15000,
			status: 'ready',
			state: 'awaiting_deposit',
		});
		expect(success[1].json.virtual_account).toMatchObject({ paid: true, state: 'paid' });
		expect(failure.map((i) => [i.json.outcome, i.pairedItem.item])).toEqual([
			['not_virtual_account', 2],
			['not_found', 3],
		]);
		expect(failure[0].json.response.pay_method).toBe('card');
		expect(world.simulator.log.every((e) => e.method !== 'DELETE' && e.method !== 'PUT')).toBe(
			true,
		);
	});
});
