'use strict';
/**
 * Lost answers on the calls that close or change a virtual account (DELETE and PUT /vbanks): the
 * change must be applied exactly once (`simulator.changes`), the outcome must say what happened,
 * and running the same sheet again changes nothing more.
 */
const crypto = require('node:crypto');
const { freshWorldPerTest, outcomes, expectNoSecrets } = require('./helpers/setup');
const { vbankCancel, vbankUpdateDueDate, quickRetries } = require('./helpers/parameters');

const world = freshWorldPerTest();
const DAY_S = 24 * 60 * 60;
const ID = 'imp_pay_vbank_ready_0001';

const deletes = () => world.simulator.requests('DELETE', '/vbanks/');
const revoked = (id) => world.simulator.changes.count('vbank.revoked', id);
const options = quickRetries();

describe('a lost answer to DELETE /vbanks is looked up before the DELETE goes again', () => {
	test.each([
		['applied, then the connection reset', { action: 'applyThenReset' }],
		['applied, then a 502 from a gateway', { action: 'applyThenStatus', status: 502 }],
		['applied, then a 504 from a gateway', { action: 'applyThenStatus', status: 504 }],
	])(
		'%s: cancelled, closed once, one DELETE; the same sheet again is already_cancelled',
		async (_name, fault) => {
			world.simulator.faults.add({ method: 'DELETE', path: '/vbanks/', ...fault });
			const first = await world.engine.run([{ imp_uid: ID }], vbankCancel({ options }));
			expect(first.error).toBeUndefined();
			expect(outcomes(first.success)).toEqual(['cancelled']);
			expect(first.success[0].json).toMatchObject({
				virtual_account: { state: 'closed' },
				response: { status: 'cancelled' },
			});
			expect(deletes()).toHaveLength(1);
			expect(revoked(ID)).toBe(1);

			const again = await world.engine.run([{ imp_uid: ID }], vbankCancel({ options }));
			expect(outcomes(again.success)).toEqual(['already_cancelled']);
			expect(deletes()).toHaveLength(1);
			expect(revoked(ID)).toBe(1);
			expectNoSecrets(world.simulator, first.result, again.result);
		},
	);

	test("a reset before i'mport did anything: the look-up shows it open, the DELETE goes again, closed once", async () => {
		world.simulator.faults.add({ method: 'DELETE', path: '/vbanks/', action: 'reset' });
		const { success } = await world.engine.run([{ imp_uid: ID }], vbankCancel({ options }));
		expect(outcomes(success)).toEqual(['cancelled']);
		expect(deletes()).toHaveLength(2);
		expect(revoked(ID)).toBe(1);
	});

	test('every answer lost and nothing applied: an error that says to look first; the re-run closes it once', async () => {
		world.simulator.faults.add({
			method: 'DELETE',
			path: '/vbanks/',
			action: 'status',
			status: 502,
			times: Infinity,
		});
		const { error } = await world.engine.run([{ imp_uid: ID }], vbankCancel({ options }));
		expect(error.message).toMatch(/HTTP 502/);
		expect(error.description).toMatch(/may or may not have gone through: look it up/);
		expect(error.context.itemIndex).toBe(0);
		expect(deletes()).toHaveLength(3); // the first and Retries (2), each after a look-up
		expect(revoked(ID)).toBe(0);
		world.simulator.faults.clear();
		const again = await world.engine.run([{ imp_uid: ID }], vbankCancel({ options }));
		expect(outcomes(again.success)).toEqual(['cancelled']);
		expect(revoked(ID)).toBe(1);
	});

	test('40 accounts under a seeded mix of lost answers: one output each, each closed once; the sheet again closes nothing', async () => {
		const { payments } = world.simulator;
		const rows = [];
		for (let n = 0; n < 40; n++) {
			const imp_uid = `imp_vb_mix_${String(n).padStart(3, '0')}`;
			payments.add({ imp_uid, pay_method: 'vbank', status: n % 10 === 9 ? 'paid' : 'ready' });
			rows.push({ imp_uid });
			if (n % 7 === 0) rows.push({ imp_uid }); // asked twice in one sheet
		}
		// A fault for about a third of the DELETEs, drawn from a hash of the path and its attempt.
		const kinds = {
			applyThenReset: { action: 'applyThenReset' },
			applyThen502: { action: 'applyThenStatus', status: 502 },
			reset: { action: 'reset' },
			503: { action: 'status', status: 503 },
		};
		const names = Object.keys(kinds);
		const attempts = new Map();
		const chosen = new Map();
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method !== 'DELETE') return;
			const attempt = (attempts.get(entry.rawPath) ?? 0) + 1;
			attempts.set(entry.rawPath, attempt);
			const hash = crypto.createHash('sha256').update(`${entry.rawPath}|${attempt}`).digest();
			if (hash.readUInt32BE(0) / 2 ** 32 < 0.35)
				chosen.set(entry.seq, names[hash.readUInt32BE(4) % names.length]);
		};
		for (const name of names) {
			world.simulator.faults.add({
				...kinds[name],
				times: Infinity,
				when: (entry) => chosen.get(entry.seq) === name,
			});
		}
		const parameters = vbankCancel({
			splitOutputs: false,
			options: { ...options, concurrency: 8 },
		});
		const first = await world.engine.run(rows, parameters, { onError: 'continueRegularOutput' });
		const out = first.outputs[0];
		expect(out.map((i) => i.pairedItem.item)).toEqual(rows.map((_r, n) => n));
		const byOutcome = {};
		for (const item of out) byOutcome[item.json.outcome] = (byOutcome[item.json.outcome] ?? 0) + 1;
		expect(byOutcome).toEqual({ cancelled: 36, already_cancelled: 6, already_paid: 4 });
		for (const { imp_uid } of rows) {
			const paid = payments.get(imp_uid).status === 'paid';
			expect(revoked(imp_uid)).toBe(paid ? 0 : 1);
		}

		expect(world.simulator.log.filter((e) => e.fault).length).toBeGreaterThan(5);
		world.simulator.faults.clear();
		world.simulator.hooks.onRequest = undefined;
		const before = world.simulator.changes.list().length;
		const again = await world.engine.run(rows, parameters);
		expect(new Set(outcomes(again.outputs[0]))).toEqual(
			new Set(['already_cancelled', 'already_paid']),
		);
		expect(world.simulator.changes.list()).toHaveLength(before);
		expectNoSecrets(world.simulator, first.result, again.result);
	});
});

describe('a lost answer to PUT /vbanks', () => {
	test('applied, then a 502: the look-up shows the new due date: updated, changed once; again: already_updated', async () => {
		const due = world.simulator.clock.now() + 10 * DAY_S;
		world.simulator.faults.add({ method: 'PUT', action: 'applyThenStatus', status: 502 });
		const row = { imp_uid: 'imp_vbank_settle_0001', due };
		const first = await world.engine.run([row], vbankUpdateDueDate({ options }));
		expect(outcomes(first.success)).toEqual(['updated']);
		expect(first.success[0].json.response.vbank_date).toBe(due);
		expect(world.simulator.requests('PUT')).toHaveLength(1);
		const again = await world.engine.run([row], vbankUpdateDueDate({ options }));
		expect(outcomes(again.success)).toEqual(['already_updated']);
		expect(world.simulator.changes.count('vbank.modified')).toBe(1);
	});
});
