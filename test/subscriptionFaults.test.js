'use strict';
/**
 * Lost answers on the calls that withdraw schedules (POST /subscribe/payments/unschedule) and delete
 * billing keys (DELETE /subscribe/customers/{customer_uid}): the change is applied exactly once
 * (`simulator.changes`), the outcome says what happened, and the same sheet again changes nothing.
 */
const { freshWorldPerTest, outcomes, expectNoSecrets } = require('./helpers/setup');
const { unschedule, billingKeyDelete, quickRetries } = require('./helpers/parameters');

const world = freshWorldPerTest();
const options = quickRetries();

const LOST = [
	['applied, then the connection reset', { action: 'applyThenReset' }],
	['applied, then a 502 from a gateway', { action: 'applyThenStatus', status: 502 }],
	['applied, then a 504 from a gateway', { action: 'applyThenStatus', status: 504 }],
];
const posts = () => world.simulator.requests('POST', '/subscribe/payments/unschedule');
const deletes = () => world.simulator.requests('DELETE', '/subscribe/customers/');
const revoked = (mid) => world.simulator.changes.count('schedule.revoked', mid);
const mids = (schedules) => schedules.map((s) => s.merchant_uid).sort();

describe('a lost answer to POST /subscribe/payments/unschedule is looked up before the POST goes again', () => {
	test.each(LOST)(
		'%s (all of a customer): unscheduled, each withdrawn once, one POST; the sheet again is nothing_scheduled',
		async (_name, fault) => {
			world.simulator.faults.add({
				method: 'POST',
				path: '/subscribe/payments/unschedule',
				...fault,
			});
			const first = await world.engine.run(
				[{ customer_uid: 'cust_card_0001' }],
				unschedule({ options }),
			);
			expect(first.error).toBeUndefined();
			expect(outcomes(first.success)).toEqual(['unscheduled']);
			// what the look-up after the lost answer shows withdrawn: the schedules, their count and sum
			expect(mids(first.success[0].json.schedules)).toEqual(['sch_0001_m3', 'sch_0001_m4']);
			expect(first.success[0].json).toMatchObject({ count: 2, total_amount: 19800 });
			expect(posts()).toHaveLength(1);
			expect([revoked('sch_0001_m3'), revoked('sch_0001_m4')]).toEqual([1, 1]);

			const again = await world.engine.run(
				[{ customer_uid: 'cust_card_0001' }],
				unschedule({ options }),
			);
			expect(outcomes(again.success)).toEqual(['nothing_scheduled']);
			expect(world.simulator.changes.count('schedule.revoked')).toBe(2);
			expectNoSecrets(world.simulator, first.result, again.result);
		},
	);

	test.each(LOST)('%s (named merchant_uids): only those withdrawn, once', async (_name, fault) => {
		world.simulator.faults.add({
			method: 'POST',
			path: '/subscribe/payments/unschedule',
			...fault,
		});
		const row = { customer_uid: 'cust_card_0001', merchant_uids: 'sch_0001_m4' };
		const first = await world.engine.run([row], unschedule({ options }));
		expect(outcomes(first.success)).toEqual(['unscheduled']);
		expect(mids(first.success[0].json.schedules)).toEqual(['sch_0001_m4']);
		expect(posts()).toHaveLength(1);
		expect(revoked('sch_0001_m4')).toBe(1);
		expect(world.simulator.subscribe.getSchedule('sch_0001_m3').schedule_status).toBe('scheduled');
		const again = await world.engine.run([row], unschedule({ options }));
		expect(outcomes(again.success)).toEqual(['nothing_scheduled']);
		expect(posts()).toHaveLength(1); // known not scheduled: nothing sent
	});

	test("a reset before i'mport did anything: the look-up shows them scheduled, the POST goes again, each withdrawn once", async () => {
		world.simulator.faults.add({
			method: 'POST',
			path: '/subscribe/payments/unschedule',
			action: 'reset',
		});
		const { success } = await world.engine.run(
			[{ customer_uid: 'cust_card_0002' }],
			unschedule({ options }),
		);
		expect(outcomes(success)).toEqual(['unscheduled']);
		expect(mids(success[0].json.schedules)).toEqual(['sch_0002_m2']);
		expect(posts()).toHaveLength(2);
		expect(revoked('sch_0002_m2')).toBe(1);
	});

	test('every answer lost, nothing applied: an error that says to look first; the re-run withdraws them once', async () => {
		world.simulator.faults.add({
			method: 'POST',
			path: '/subscribe/payments/unschedule',
			action: 'status',
			status: 502,
			times: Infinity,
		});
		const { error } = await world.engine.run(
			[{ customer_uid: 'cust_card_0002' }],
			unschedule({ options }),
		);
		expect(error.message).toMatch(/HTTP 502/);
		expect(error.description).toMatch(/may or may not have gone through: look the schedules up/);
		expect(posts()).toHaveLength(3);
		expect(revoked('sch_0002_m2')).toBe(0);
		world.simulator.faults.clear();
		const again = await world.engine.run(
			[{ customer_uid: 'cust_card_0002' }],
			unschedule({ options }),
		);
		expect(outcomes(again.success)).toEqual(['unscheduled']);
		expect(revoked('sch_0002_m2')).toBe(1);
	});

	test('the look-up after a lost answer fails too: an error that says it may have gone through; the re-run is exact', async () => {
		world.simulator.faults.add({
			method: 'POST',
			path: '/subscribe/payments/unschedule',
			action: 'applyThenStatus',
			status: 502,
		});
		world.simulator.faults.add({
			method: 'GET',
			when: (e) => e.method === 'GET' && posts().length > 0,
			action: 'status',
			status: 503,
			times: Infinity,
		});
		const { error } = await world.engine.run(
			[{ customer_uid: 'cust_card_0002' }],
			unschedule({ options: { ...options, maxOutageWaitMs: 0 } }),
		);
		expect(error.description).toMatch(/may or may not have gone through/);
		expect(posts()).toHaveLength(1);
		world.simulator.faults.clear();
		const again = await world.engine.run(
			[{ customer_uid: 'cust_card_0002' }],
			unschedule({ options }),
		);
		expect(outcomes(again.success)).toEqual(['nothing_scheduled']);
		expect(revoked('sch_0002_m2')).toBe(1);
	});
});

describe('a lost answer to DELETE /subscribe/customers/{customer_uid}', () => {
	test.each(LOST)(
		'%s: the look-up answers 404, so it is deleted, once; the sheet again is already_deleted',
		async (_name, fault) => {
			world.simulator.faults.add({ method: 'DELETE', path: '/subscribe/customers/', ...fault });
			const first = await world.engine.run(
				[{ customer_uid: 'cust_card_0001' }],
				billingKeyDelete({ options }),
			);
			expect(first.error).toBeUndefined();
			expect(outcomes(first.success)).toEqual(['deleted']);
			expect(first.success[0].json.http_status).toBe(404); // the look-up it rests on
			expect(deletes()).toHaveLength(1);
			expect(world.simulator.changes.count('billingKey.deleted', 'cust_card_0001')).toBe(1);

			const again = await world.engine.run(
				[{ customer_uid: 'cust_card_0001' }],
				billingKeyDelete({ options }),
			);
			expect(outcomes(again.success)).toEqual(['already_deleted']);
			expect(deletes()).toHaveLength(1);
			expect(world.simulator.changes.count('billingKey.deleted')).toBe(1);
			expectNoSecrets(world.simulator, first.result, again.result);
		},
	);

	test("a reset before i'mport did anything: the look-up still finds it, the DELETE goes again, deleted once", async () => {
		world.simulator.faults.add({
			method: 'DELETE',
			path: '/subscribe/customers/',
			action: 'reset',
		});
		const { success } = await world.engine.run(
			[{ customer_uid: 'cust_card_0002' }],
			billingKeyDelete({ options }),
		);
		expect(outcomes(success)).toEqual(['deleted']);
		expect(success[0].json.response.customer_uid).toBe('cust_card_0002');
		expect(deletes()).toHaveLength(2);
		expect(world.simulator.changes.count('billingKey.deleted', 'cust_card_0002')).toBe(1);
	});

	test('a sheet of 30 keys under a mix of lost answers: one output each, each deleted once; again: all already_deleted', async () => {
		const rows = [];
		for (let n = 0; n < 30; n++) {
			const customer_uid = `cust_mix_${String(n).padStart(2, '0')}`;
			world.simulator.subscribe.addCustomer({ customer_uid, card_number: '4000-1111-2222-3333' });
			rows.push({ customer_uid });
		}
		const kinds = [
			{ action: 'applyThenReset' },
			{ action: 'applyThenStatus', status: 502 },
			{ action: 'reset' },
		];
		kinds.forEach((fault, k) => {
			world.simulator.faults.add({
				...fault,
				times: Infinity,
				when: (e) => e.method === 'DELETE' && Number(e.rawPath.slice(-2)) % 4 === k && !e.retried,
			});
		});
		// each key's first DELETE only: a second one goes through
		const seen = new Set();
		world.simulator.hooks.onRequest = (entry) => {
			if (entry.method !== 'DELETE') return;
			if (seen.has(entry.rawPath)) entry.retried = true;
			seen.add(entry.rawPath);
		};
		const parameters = billingKeyDelete({
			splitOutputs: false,
			options: { ...options, concurrency: 6 },
		});
		const first = await world.engine.run(rows, parameters);
		expect(first.error).toBeUndefined();
		expect(first.outputs[0].map((i) => i.pairedItem.item)).toEqual(rows.map((_r, n) => n));
		expect(new Set(outcomes(first.outputs[0]))).toEqual(new Set(['deleted']));
		for (const { customer_uid } of rows)
			expect(world.simulator.changes.count('billingKey.deleted', customer_uid)).toBe(1);
		expect(world.simulator.log.filter((e) => e.fault).length).toBeGreaterThan(10);

		world.simulator.faults.clear();
		const again = await world.engine.run(rows, parameters);
		expect(new Set(outcomes(again.outputs[0]))).toEqual(new Set(['already_deleted']));
		expect(world.simulator.changes.count('billingKey.deleted')).toBe(30);
	});
});
