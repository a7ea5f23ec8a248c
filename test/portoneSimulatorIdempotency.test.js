'use strict';
/**
 * Idempotency-Key on the PortOne V2 simulator's POSTs (API overview #idempotency-key): the
 * quoted 16-256 character format, the stored answer on a repeat, 409 while the first is still
 * being processed, the 3-hour window on the simulator's clock, scoping per account and store,
 * and the simulator's (inferred) answer to a key reused for another request.
 */
const { simulatorPerTest, idemKey, clientFor, START } = require('./helpers/portoneHttp');
const { createPortOneSimulator } = require('./portone-simulator/server');

const t = simulatorPerTest();
const cancel = (id, body, key, client = t.api) =>
	client.post(`/payments/${id}/cancel`, body, {
		headers: key === undefined ? {} : { 'Idempotency-Key': key },
	});
const moved = (id) => t.sim.payments.appliedCancellations(id);
const HOURS_3 = 3 * 60 * 60;

describe('key format', () => {
	test.each([
		['unquoted', 'abcdefghijklmnopqrst'],
		['single quotes', "'abcdefghijklmnopqrst'"],
		['15 characters', `"${'a'.repeat(15)}"`],
		['257 characters', `"${'a'.repeat(257)}"`],
		['empty', '""'],
		['non-ASCII inside', '"결제-환불-요청-0000000001"'],
		['an unescaped quote inside', '"abcdefgh"ijklmnopqrst"'],
		['two keys', '"abcdefghijklmnopqrst", "bcdefghijklmnopqrstu"'],
		['a control character', '"abcdefghij\tklmnopqrst"'],
	])('%s is 400 INVALID_REQUEST and nothing runs', async (_name, key) => {
		const answer = await cancel('pay-card-0001', { reason: 'x' }, key);
		expect([answer.status, answer.data.type]).toEqual([400, 'INVALID_REQUEST']);
		expect(answer.data.message).toMatch(/Idempotency-Key/);
		expect(moved('pay-card-0001')).toBe(0);
	});

	test('16 and 256 characters, the recommended alphabet and escaped quotes are accepted', async () => {
		expect(
			(await cancel('pay-card-0001', { reason: 'x', amount: 1 }, `"${'a'.repeat(16)}"`)).status,
		).toBe(200);
		expect(
			(await cancel('pay-card-0001', { reason: 'x', amount: 1 }, `"${'b'.repeat(256)}"`)).status,
		).toBe(200);
		expect(
			(await cancel('pay-card-0001', { reason: 'x', amount: 1 }, '"A-Z_a-z_0-9-uuid-0f8e"')).status,
		).toBe(200);
		expect(
			(await cancel('pay-card-0001', { reason: 'x', amount: 1 }, '"with \\"escaped\\" quotes"'))
				.status,
		).toBe(200);
		expect(moved('pay-card-0001')).toBe(4);
	});

	test('GET ignores the header, even a malformed one', async () => {
		expect(
			(await t.api.get('/payments/pay-card-0001', { headers: { 'Idempotency-Key': 'bad' } }))
				.status,
		).toBe(200);
	});
});

describe('a repeat of a completed request', () => {
	test('gets the stored status and body, and does not run again', async () => {
		const key = idemKey('repeat');
		const first = await cancel('pay-card-0001', { reason: 'ref:I-1', amount: 1000 }, key);
		t.sim.clock.advance(60);
		const second = await cancel('pay-card-0001', { reason: 'ref:I-1', amount: 1000 }, key);
		expect(second.status).toBe(first.status);
		expect(second.data).toEqual(first.data);
		expect(moved('pay-card-0001')).toBe(1);
		expect(t.sim.log.map((e) => e.idempotency)).toEqual(['new', 'replay']);
		// Spacing and key order do not make it another request.
		const reordered = await t.api.post(
			'/payments/pay-card-0001/cancel',
			'{ "amount": 1000,  "reason": "ref:I-1" }',
			{ headers: { 'Idempotency-Key': key } },
		);
		expect(reordered.data).toEqual(first.data);
	});

	test('error answers are stored too: a PG refusal is replayed even after the PG recovers', async () => {
		const key = idemKey('pg');
		expect((await cancel('pay-pg-error-0001', { reason: 'x' }, key)).status).toBe(502);
		t.sim.payments.setCancelMode('pay-pg-error-0001', 'succeed');
		const again = await cancel('pay-pg-error-0001', { reason: 'x' }, key);
		expect([again.status, again.data.type]).toEqual([502, 'PG_PROVIDER']);
		expect((await cancel('pay-pg-error-0001', { reason: 'x' }, idemKey('pg2'))).status).toBe(200);
	});

	test('an answer lost after the work (applyThenReset / applyThenHang) is recovered with the same key', async () => {
		const key = idemKey('lost');
		t.sim.faults.add({
			method: 'POST',
			path: '/payments/pay-card-0001/cancel',
			action: 'applyThenReset',
		});
		await expect(
			cancel('pay-card-0001', { reason: 'ref:LOST', amount: 4000 }, key),
		).rejects.toThrow();
		t.sim.faults.add({
			method: 'POST',
			path: '/payments/pay-card-0002/cancel',
			action: 'applyThenHang',
		});
		const key2 = idemKey('hang');
		await expect(
			t.api.post(
				'/payments/pay-card-0002/cancel',
				{ reason: 'x' },
				{ headers: { 'Idempotency-Key': key2 }, timeout: 300 },
			),
		).rejects.toThrow();
		const recovered = await cancel('pay-card-0001', { reason: 'ref:LOST', amount: 4000 }, key);
		expect(recovered.status).toBe(200);
		expect(recovered.data.cancellation).toMatchObject({ reason: 'ref:LOST', totalAmount: 4000 });
		expect(
			(await cancel('pay-card-0002', { reason: 'x' }, key2)).data.cancellation.totalAmount,
		).toBe(50000);
		expect([moved('pay-card-0001'), moved('pay-card-0002')]).toEqual([1, 1]);
	});

	test('a fault before PortOne saw the request (reset) leaves no key behind', async () => {
		const key = idemKey('reset');
		t.sim.faults.add({ method: 'POST', action: 'reset' });
		await expect(cancel('pay-card-0001', { reason: 'x', amount: 100 }, key)).rejects.toThrow();
		expect(moved('pay-card-0001')).toBe(0);
		expect((await cancel('pay-card-0001', { reason: 'x', amount: 100 }, key)).status).toBe(200);
		expect(t.sim.log.map((e) => e.idempotency)).toEqual([undefined, 'new']);
	});

	test('a hang before PortOne saw the request (hangBefore) leaves no key: the retry with it runs', async () => {
		const key = idemKey('hang-before');
		t.sim.faults.add({ method: 'POST', action: 'hangBefore' });
		await expect(
			t.api.post(
				'/payments/pay-card-0001/cancel',
				{ reason: 'x', amount: 100 },
				{ headers: { 'Idempotency-Key': key }, timeout: 200 },
			),
		).rejects.toThrow();
		expect(moved('pay-card-0001')).toBe(0);
		expect((await cancel('pay-card-0001', { reason: 'x', amount: 100 }, key)).status).toBe(200);
		expect(t.sim.log.map((e) => [e.status, e.idempotency])).toEqual([
			['hang', undefined],
			[200, 'new'],
		]);
		expect(moved('pay-card-0001')).toBe(1);
	});
});

describe('a repeat while the first is still being processed', () => {
	test('is 409 IDEMPOTENCY_OUTSTANDING_REQUEST; after the first finishes it gets the stored answer', async () => {
		const key = idemKey('outstanding');
		const hold = t.sim.faults.hold({ method: 'POST', path: '/payments/pay-card-0001/cancel' });
		const first = cancel('pay-card-0001', { reason: 'x', amount: 2000 }, key);
		await hold.arrived;
		const during = await cancel('pay-card-0001', { reason: 'x', amount: 2000 }, key);
		expect(during.status).toBe(409);
		expect(during.data.type).toBe('IDEMPOTENCY_OUTSTANDING_REQUEST');
		expect(moved('pay-card-0001')).toBe(0);
		hold.release();
		const done = await first;
		expect(done.status).toBe(200);
		const after = await cancel('pay-card-0001', { reason: 'x', amount: 2000 }, key);
		expect(after.data).toEqual(done.data);
		expect(moved('pay-card-0001')).toBe(1);
	});

	test('a request that hangs stays outstanding until the 3 hours are over', async () => {
		const key = idemKey('hung');
		t.sim.faults.add({ method: 'POST', path: '/payments/pay-card-0001/cancel', action: 'hang' });
		await expect(
			t.api.post(
				'/payments/pay-card-0001/cancel',
				{ reason: 'x' },
				{ headers: { 'Idempotency-Key': key }, timeout: 200 },
			),
		).rejects.toThrow();
		expect((await cancel('pay-card-0001', { reason: 'x' }, key)).data.type).toBe(
			'IDEMPOTENCY_OUTSTANDING_REQUEST',
		);
		t.sim.clock.advance(HOURS_3);
		expect((await cancel('pay-card-0001', { reason: 'x' }, key)).status).toBe(200);
		expect(moved('pay-card-0001')).toBe(1);
	});
});

describe('the 3-hour window, scope and reuse', () => {
	test('a repeat 3 h - 1 s later is replayed; 3 h later the key is forgotten and it runs again', async () => {
		const key = idemKey('ttl');
		const body = { reason: 'ref:TTL', amount: 1000 };
		const first = await cancel('pay-card-0002', body, key);
		t.sim.clock.advance(HOURS_3 - 1);
		expect((await cancel('pay-card-0002', body, key)).data).toEqual(first.data);
		expect(moved('pay-card-0002')).toBe(1);
		t.sim.clock.advance(1);
		const later = await cancel('pay-card-0002', body, key);
		expect(later.data.cancellation.id).not.toBe(first.data.cancellation.id);
		expect(moved('pay-card-0002')).toBe(2);
	});

	test('the same key from another account, or for another store, is another key', async () => {
		const key = idemKey('scope');
		expect((await cancel('pay-card-0001', { reason: 'x' }, key)).status).toBe(200);
		expect(
			(await cancel('pay-store-b-0001', { reason: 'x' }, key, t.apiB)).data.cancellation
				.totalAmount,
		).toBe(13000);
		expect(
			(await cancel('pay-store-a2-0001', { reason: 'x', storeId: t.storeA2 }, key)).data
				.cancellation.totalAmount,
		).toBe(11000);
		expect([moved('pay-card-0001'), moved('pay-store-b-0001'), moved('pay-store-a2-0001')]).toEqual(
			[1, 1, 1],
		);
	});

	test('reusing a key for another request is 422 IDEMPOTENCY_KEY_REUSED (inferred) and runs nothing', async () => {
		const key = idemKey('reuse');
		await cancel('pay-card-0001', { reason: 'x', amount: 1000 }, key);
		const otherBody = await cancel('pay-card-0001', { reason: 'x', amount: 2000 }, key);
		expect([otherBody.status, otherBody.data.type]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
		const otherPath = await cancel('pay-card-0002', { reason: 'x', amount: 1000 }, key);
		expect(otherPath.status).toBe(422);
		expect([moved('pay-card-0001'), moved('pay-card-0002')]).toEqual([1, 0]);
	});

	test('with idempotencyMismatch: "replay" a reused key returns the first answer instead', async () => {
		const sim = createPortOneSimulator({ startAt: START, idempotencyMismatch: 'replay' });
		const api = clientFor(await sim.start(), sim.accounts.list[0].apiSecret);
		try {
			const key = idemKey('replay-mode');
			const first = await cancel('pay-card-0001', { reason: 'x', amount: 1000 }, key, api);
			const other = await cancel('pay-card-0001', { reason: 'x', amount: 2000 }, key, api);
			expect(other.data).toEqual(first.data);
			expect(sim.payments.appliedCancellations('pay-card-0001')).toBe(1);
		} finally {
			await sim.stop();
		}
	});

	test('cash-receipt POSTs are covered too', async () => {
		const key = idemKey('receipt');
		const url = '/payments/pay-transfer-0001/cash-receipt/cancel';
		const first = await t.api.post(url, undefined, { headers: { 'Idempotency-Key': key } });
		const second = await t.api.post(url, undefined, { headers: { 'Idempotency-Key': key } });
		expect(second.data).toEqual(first.data);
		expect(t.sim.cashReceipts.cancellationsOf('pay-transfer-0001')).toBe(1);
		const issue = {
			paymentId: 'ext-idem-0001',
			channelKey: 'channel-key-live-kcp',
			type: 'PERSONAL',
			orderName: 'x',
			currency: 'KRW',
			amount: { total: 1000 },
			customer: { identityNumber: '01012345678' },
		};
		const issueKey = idemKey('issue');
		const issued = await t.api.post('/cash-receipts', issue, {
			headers: { 'Idempotency-Key': issueKey },
		});
		expect(
			(await t.api.post('/cash-receipts', issue, { headers: { 'Idempotency-Key': issueKey } }))
				.data,
		).toEqual(issued.data);
		expect((await t.api.post('/cash-receipts', issue)).data.type).toBe(
			'CASH_RECEIPT_ALREADY_ISSUED',
		);
	});
});
