'use strict';
/**
 * Virtual Account → Cancel Issuance, Update Due Date and Get through n8n's real engine against the
 * simulator's /vbanks family (test/simulator/vbanks.js), and Payment → Cancel (refund)'s pointer
 * to Cancel Issuance. Lost answers on DELETE /vbanks are in virtualAccountFaults.test.js.
 */
const { freshWorldPerTest, ids, outcomes, expectNoSecrets } = require('./helpers/setup');
const {
	vbankCancel,
	vbankUpdateDueDate,
	vbankGet,
	paymentCancel,
} = require('./helpers/parameters');

const world = freshWorldPerTest();
const DAY_S = 24 * 60 * 60;

const items = (...impUids) => impUids.map((imp_uid) => ({ imp_uid }));
const calls = () =>
	world.simulator.log
		.filter((e) => e.rawPath !== '/users/getToken')
		.map((e) => `${e.method} ${e.rawUrl}`);
const changes = (kind) => world.simulator.changes.count(kind);
const iso = (unixSeconds) => new Date(unixSeconds * 1000).toISOString();

/** Extra payments: a failed issuance, a refunded account, a test-channel one, an odd id. */
function seedMore() {
	const { payments } = world.simulator;
	payments.add({ imp_uid: 'imp_vb_failed', pay_method: 'vbank', status: 'failed' });
	payments.add({ imp_uid: 'imp_vb_refunded', pay_method: 'vbank', status: 'cancelled' });
	payments.add({ imp_uid: 'imp_vb_sandbox', pay_method: 'vbank', status: 'ready', sandbox: true });
	payments.add({ imp_uid: 'vb/../x?y#z %', pay_method: 'vbank', status: 'ready' });
}

describe('Cancel Issuance', () => {
	test('an unpaid account is closed once: GET then DELETE, cancelled on Success; a re-run is already_cancelled', async () => {
		const first = await world.engine.run(items('imp_pay_vbank_ready_0001'), vbankCancel());
		expect(first.failure).toEqual([]);
		expect(outcomes(first.success)).toEqual(['cancelled']);
		const { json, pairedItem } = first.success[0];
		expect(pairedItem).toEqual({ item: 0 });
		expect(json).toMatchObject({
			imp_uid: 'imp_pay_vbank_ready_0001',
			code: 0,
			http_status: 200,
			response: { status: 'cancelled', pay_method: 'vbank', cancel_amount: 0 },
			virtual_account: { state: 'closed', paid: false, bank_code: '088' },
		});
		expect(calls()).toEqual([
			'GET /payments/imp_pay_vbank_ready_0001?include_sandbox=true',
			'DELETE /vbanks/imp_pay_vbank_ready_0001',
		]);
		const second = await world.engine.run(items('imp_pay_vbank_ready_0001'), vbankCancel());
		expect(outcomes(second.success)).toEqual(['already_cancelled']);
		expect(world.simulator.requests('DELETE')).toHaveLength(1);
		expect(world.simulator.changes.count('vbank.revoked', 'imp_pay_vbank_ready_0001')).toBe(1);
	});

	test('every outcome of the look-up, each paired with its item; nothing but the unpaid ones is sent a DELETE', async () => {
		seedMore();
		const input = items(
			'imp_vbank_expired_0001',
			'imp_pay_vbank_0001',
			'imp_vb_refunded',
			'imp_pay_card_0001',
			'imp_vb_failed',
			'imp_nope',
			'imp_vb_sandbox',
		);
		const { outputs } = await world.engine.run(input, vbankCancel({ splitOutputs: false }));
		expect(ids(outputs[0])).toEqual(input.map((i) => i.imp_uid));
		expect(outcomes(outputs[0])).toEqual([
			'cancelled', // due date passed, still ready: closed all the same
			'already_paid',
			'already_paid',
			'not_virtual_account',
			'not_ready',
			'not_found',
			'cancelled', // a test-channel payment: looked up with include_sandbox=true
		]);
		expect(outputs[0].map((i) => i.pairedItem.item)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		const [, paid, refunded, card] = outputs[0].map((i) => i.json);
		expect(paid.message).toMatch(/paid into .*Payment → Cancel \(refund\)/);
		expect(paid).toMatchObject({ response: { status: 'paid' }, virtual_account: { paid: true } });
		expect(refunded.message).toMatch(/refunded/);
		expect(card).toMatchObject({ virtual_account: null, response: { pay_method: 'card' } });
		expect(card.message).toMatch(/not a virtual account/);
		expect(world.simulator.requests('DELETE').map((e) => e.rawPath)).toEqual([
			'/vbanks/imp_vbank_expired_0001',
			'/vbanks/imp_nope', // a look-up that finds nothing leaves the verdict to the DELETE: 404
			'/vbanks/imp_vb_sandbox',
		]);
		expect(changes('vbank.revoked')).toBe(2);
	});

	test('split outputs: closed and already closed on Success, the rest on Failure', async () => {
		const first = await world.engine.run(items('imp_pay_vbank_ready_0001'), vbankCancel());
		expect(outcomes(first.success)).toEqual(['cancelled']);
		const { success, failure } = await world.engine.run(
			items('imp_pay_vbank_0001', 'imp_pay_vbank_ready_0001'),
			vbankCancel(),
		);
		expect(outcomes(success)).toEqual(['already_cancelled']);
		expect(success[0].pairedItem).toEqual({ item: 1 });
		expect(outcomes(failure)).toEqual(['already_paid']);
		expect(failure[0].pairedItem).toEqual({ item: 0 });
	});

	test('Dry Run looks up only: would_cancel, already_cancelled, already_paid; no state changes', async () => {
		await world.engine.run(items('imp_vbank_expired_0001'), vbankCancel());
		const before = world.simulator.changes.list().length;
		world.simulator.log.length = 0;
		const { outputs } = await world.engine.run(
			items('imp_pay_vbank_ready_0001', 'imp_vbank_expired_0001', 'imp_pay_vbank_0001', 'imp_nope'),
			vbankCancel({ dryRun: true, splitOutputs: false }),
		);
		expect(outcomes(outputs[0])).toEqual([
			'would_cancel',
			'already_cancelled',
			'already_paid',
			'not_found',
		]);
		expect(world.simulator.changes.list()).toHaveLength(before);
		expect(
			world.simulator.log.every((e) => e.method === 'GET' || e.rawPath === '/users/getToken'),
		).toBe(true);
	});

	test('paid into between the look-up and the DELETE: refused, looked at again, already_paid', async () => {
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method !== 'DELETE') return;
			const record = world.simulator.payments.record('imp_pay_vbank_ready_0001');
			Object.assign(record.payment, { status: 'paid', paid_at: world.simulator.clock.now() });
		};
		const { failure } = await world.engine.run(items('imp_pay_vbank_ready_0001'), vbankCancel());
		expect(outcomes(failure)).toEqual(['already_paid']);
		expect(failure[0].json.message).toMatch(/Payment → Cancel \(refund\)/);
		expect(calls()).toEqual([
			'GET /payments/imp_pay_vbank_ready_0001?include_sandbox=true',
			'DELETE /vbanks/imp_pay_vbank_ready_0001',
			'GET /payments/imp_pay_vbank_ready_0001?include_sandbox=true',
		]);
		expect(changes('vbank.revoked')).toBe(0);
	});

	test('closed by someone else in between: already_cancelled; refused while still ready: invalid_request', async () => {
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method !== 'DELETE' || entry.rawPath !== '/vbanks/imp_pay_vbank_ready_0001') return;
			const record = world.simulator.payments.record('imp_pay_vbank_ready_0001');
			Object.assign(record.payment, { status: 'cancelled', cancelled_at: 1 });
		};
		world.simulator.faults.add({
			method: 'DELETE',
			path: '/vbanks/imp_vbank_expired_0001',
			action: 'status',
			status: 400,
			body: { code: 1, message: '가상계좌 말소에 실패하였습니다.', response: null },
		});
		const { outputs } = await world.engine.run(
			items('imp_pay_vbank_ready_0001', 'imp_vbank_expired_0001'),
			vbankCancel({ splitOutputs: false }),
		);
		expect(outputs[0].map((i) => [i.json.outcome, i.json.http_status])).toEqual([
			['already_cancelled', 200],
			['invalid_request', 400],
		]);
		expect(outputs[0][1].json.message).toBe('가상계좌 말소에 실패하였습니다.');
	});

	test('an odd id is one encoded segment in both paths', async () => {
		seedMore();
		const { success } = await world.engine.run(items('vb/../x?y#z %'), vbankCancel());
		expect(outcomes(success)).toEqual(['cancelled']);
		expect(calls()).toEqual([
			'GET /payments/vb%2F..%2Fx%3Fy%23z%20%25?include_sandbox=true',
			'DELETE /vbanks/vb%2F..%2Fx%3Fy%23z%20%25',
		]);
		expect(world.simulator.changes.count('vbank.revoked', 'vb/../x?y#z %')).toBe(1);
	});
});

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

describe('Payment → Cancel (refund) of an unpaid virtual account', () => {
	test('not_paid points to Virtual Account → Cancel Issuance; a failed card payment keeps its plain not_paid', async () => {
		const { failure } = await world.engine.run(
			[
				{ imp_uid: 'imp_pay_vbank_ready_0001', mode: 'full' },
				{ imp_uid: 'imp_pay_failed_0001', mode: 'full' },
			],
			paymentCancel(),
		);
		expect(outcomes(failure)).toEqual(['not_paid', 'not_paid']);
		expect(failure[0].json.message).toMatch(/Virtual Account → Cancel Issuance/);
		expect(failure[1].json.message).toBeNull();
		expect(world.simulator.requests('POST', '/payments/cancel')).toHaveLength(0);
	});
});
