'use strict';
/**
 * The simulator against PortOne's official OpenAPI schema (portone-io/developers.portone.io
 * `src/schema/v2.openapi.json`). The schema is not in this repository, so this file runs only
 * with PORTONE_V2_OPENAPI=<path to a copy of v2.openapi.json>; otherwise its tests are skipped.
 * It checks the error table against `x-portone-status-code`, and every answer of a varied
 * session (all seeded objects, successes and errors of each operation) against its schema.
 */
const { simulatorPerTest, requestBody, idemKey } = require('./helpers/portoneHttp');
const { loadSpec, createChecker } = require('./portone-simulator/specConformance');
const { STATUS_OF, DECLARED } = require('./portone-simulator/errors');

const spec = loadSpec();
const maybe = spec ? describe : describe.skip;
const NOT_IN_SPEC = new Set([
	'IDEMPOTENCY_OUTSTANDING_REQUEST',
	'IDEMPOTENCY_KEY_REUSED',
	'NOT_FOUND',
]);
const t = simulatorPerTest();

maybe('the simulator and the official V2 schema', () => {
	const checker = spec && createChecker(spec);

	test('every error type has the status its schema declares; each operation declares the same types', () => {
		const statuses = checker.errorStatuses();
		for (const [type, status] of Object.entries(STATUS_OF)) {
			if (!NOT_IN_SPEC.has(type)) expect([type, status]).toEqual([type, statuses[type]]);
		}
		for (const [operationId, types] of Object.entries(DECLARED)) {
			const { op } = checker.operation(operationId);
			const errorSchema = checker.schemas[op['x-portone-error'].$ref.split('/').pop()];
			expect([operationId, [...types].sort()]).toEqual([
				operationId,
				Object.keys(errorSchema.discriminator.mapping).sort(),
			]);
		}
	});

	test('every seeded payment and cash receipt matches its schema', () => {
		for (const r of t.sim.payments.records.values())
			expect([r.id, checker.checkAnswer('getPayment', 200, t.sim.payments.view(r))]).toEqual([
				r.id,
				[],
			]);
		for (const r of t.sim.cashReceipts.records.values()) {
			expect([
				r.paymentId,
				checker.checkAnswer('getCashReceiptByPaymentId', 200, t.sim.cashReceipts.view(r)),
			]).toEqual([r.paymentId, []]);
		}
	});

	test("every answer of a varied session matches the operation's declared status and schema", async () => {
		const issue = {
			paymentId: 'ext-spec-0001',
			channelKey: 'channel-key-live-kcp',
			type: 'CORPORATE',
			orderName: 'x',
			currency: 'KRW',
			amount: { total: 1000 },
			customer: { identityNumber: '1234567890' },
		};
		const calls = [
			() => t.api.get('/payments/pay-partial-0001'),
			() => t.api.get('/payments/pay-nope'),
			() => t.api.get(`/payments/pay-card-0001?storeId=${t.storeB}`),
			() => t.bare.get('/payments/pay-card-0001'),
			() => t.api.get(`/payments?${requestBody({ page: { size: 100 } })}`),
			() => t.api.get(`/payments?${requestBody({ page: { number: 6000, size: 10 } })}`),
			() => t.api.post('/payments/pay-card-0001/cancel', { reason: 'x', amount: 1000 }),
			() =>
				t.api.post(
					'/payments/pay-async-0001/cancel',
					{ reason: 'x' },
					{ headers: { 'Idempotency-Key': idemKey('spec') } },
				),
			() => t.api.post('/payments/pay-fail-after-0001/cancel', { reason: 'x' }),
			...[
				'pay-ready-0001',
				'pay-cancelled-0001',
				'pay-pg-error-0001',
				'pay-max-cancel-0001',
				'pay-vbank-paid-0001',
			].map((id) => () => t.api.post(`/payments/${id}/cancel`, { reason: 'x' })),
			() =>
				t.api.post('/payments/pay-card-0002/cancel', { reason: 'x', currentCancellableAmount: 1 }),
			() => t.api.post('/payments/pay-mixed-tax-0001/cancel', { reason: 'x', amount: 6000 }),
			() => t.api.post('/payments/pay-promotion-0001/cancel', { reason: 'x', amount: 1500 }),
			() => t.api.get('/payments/pay-transfer-0001/cash-receipt'),
			() => t.api.get('/payments/pay-card-0001/cash-receipt'),
			() => t.api.get(`/cash-receipts?${requestBody({ page: { size: 100 } })}`),
			() => t.api.post('/cash-receipts', issue),
			() => t.api.post('/cash-receipts', issue),
			() =>
				t.api.post('/cash-receipts', {
					...issue,
					paymentId: 'ext-spec-0002',
					channelKey: 'channel-key-nope',
				}),
			() =>
				t.api.post('/cash-receipts', {
					...issue,
					paymentId: 'ext-spec-0003',
					channelKey: 'channel-key-pg-error',
				}),
			() => t.api.post('/payments/ext-spec-0001/cash-receipt/cancel'),
			() => t.api.post('/payments/ext-spec-0001/cash-receipt/cancel'),
			() => t.api.post('/payments/pay-card-0001/cash-receipt/cancel'),
			() => t.api.post('/payments/pay-receipt-pg-error-0001/cash-receipt/cancel'),
		];
		for (const call of calls) await call();
		t.sim.payments.completeCancellation('pay-async-0001');
		await t.api.get('/payments/pay-async-0001');
		const statuses = new Set();
		for (const entry of t.sim.log) {
			statuses.add(`${entry.operation} ${entry.status}`);
			expect([
				entry.method,
				entry.rawUrl.slice(0, 60),
				checker.checkAnswer(entry.operation, entry.status, entry.answer),
			]).toEqual([entry.method, entry.rawUrl.slice(0, 60), []]);
		}
		expect(statuses.size).toBeGreaterThan(15);
	});
});
