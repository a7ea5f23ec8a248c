'use strict';
/**
 * The look up -> act -> look again flow with a payment-refund shape (GET /payments/{id}, then
 * POST /payments/cancel with a body; done = a new cancel_history entry), on an in-memory transport:
 * the flow must tell "done" by comparing the look-up answers before and after, and never send the
 * action again when the lost answer hid a refund that went through. Then the hooks `decide` (a
 * look-up that rules the action out) and look-ups made of several requests (a function). `isGone`:
 * guardedActionIsGone.unit.test.js.
 */
const { runGuardedAction } = require('../dist/nodes/engine/guardedAction.js');
const { RequestError } = require('../dist/nodes/engine/failure.js');
const { iamportAnswer } = require('../dist/nodes/Iamport/transport/answer.js');
const { lostAnswer, paymentWorld } = require('./helpers/guardedActionWorlds');

test('a refund that went through behind a lost answer is found by comparing the look-ups, and not sent again', async () => {
	const { payment, log, transport, refund } = paymentWorld(['appliedButLost']);
	const result = await runGuardedAction(transport, 0, refund, { dryRun: false, lookUpFirst: true });
	expect(result.success).toBe(true);
	expect(result.json.outcome).toBe('refunded');
	expect(log).toEqual(['GET /payments/imp_1', 'POST /payments/cancel', 'GET /payments/imp_1']);
	expect(payment.cancel_history).toHaveLength(2);
});

test('a lost answer that hid nothing is sent again after the look-up, and the refund happens once', async () => {
	const { payment, log, transport, refund } = paymentWorld(['neither', 'answered']);
	const result = await runGuardedAction(transport, 0, refund, { dryRun: false, lookUpFirst: true });
	expect(result.json.outcome).toBe('refunded');
	expect(log).toEqual([
		'GET /payments/imp_1',
		'POST /payments/cancel',
		'GET /payments/imp_1',
		'POST /payments/cancel',
	]);
	expect(payment.cancel_history).toHaveLength(2);
});

test('when every answer is lost, it stops after the retries and says the refund may have gone through', async () => {
	const { log, transport, refund } = paymentWorld(['neither', 'neither', 'neither', 'neither']);
	const error = await runGuardedAction(transport, 0, refund, {
		dryRun: false,
		lookUpFirst: true,
	}).catch((e) => e);
	expect(error).toBeInstanceOf(RequestError);
	expect(error.description).toMatch(/Look the payment up before refunding again\.$/);
	expect(log.filter((entry) => entry.startsWith('POST'))).toHaveLength(transport.retries + 1);
});

test('dry run only looks up', async () => {
	const { log, transport, refund } = paymentWorld([]);
	const result = await runGuardedAction(transport, 0, refund, { dryRun: true, lookUpFirst: false });
	expect(result.json.outcome).toBe('would_refund');
	expect(log).toEqual(['GET /payments/imp_1']);
});

describe('decide and function look-ups', () => {
	test('decide rules the action out from the look-up: its outcome, nothing sent (dry run too)', async () => {
		for (const dryRun of [false, true]) {
			const { log, transport, refund } = paymentWorld([]);
			const decided = { success: false, json: { imp_uid: 'imp_1', outcome: 'not_allowed' } };
			const calls = [];
			const result = await runGuardedAction(
				transport,
				0,
				{ ...refund, decide: (found, refusal) => (calls.push(refusal), decided) },
				{ dryRun, lookUpFirst: !dryRun },
			);
			expect(result).toBe(decided);
			expect(calls).toEqual([undefined]);
			expect(log).toEqual(['GET /payments/imp_1']);
		}
	});

	test('after a refusal, decide sees the look-again answer and the refusal', async () => {
		const { transport, refund } = paymentWorld([]);
		const refusal = iamportAnswer(400, { code: 1, message: 'no', response: null });
		const original = transport.trySend.bind(transport);
		transport.trySend = async (request, i) =>
			request.method === 'POST' ? refusal : await original(request, i);
		const seen = [];
		const result = await runGuardedAction(
			transport,
			0,
			{
				...refund,
				decide: (found, refused) => {
					seen.push(refused);
					return refused ? { success: false, json: { outcome: 'explained' } } : undefined;
				},
			},
			{ dryRun: false, lookUpFirst: true },
		);
		expect(result.json.outcome).toBe('explained');
		expect(seen).toEqual([undefined, refusal]);
	});

	test('a function look-up is used for the look-back; a RequestError it returns is the look-up failing', async () => {
		const { log, transport, refund } = paymentWorld(['appliedButLost']);
		const looks = [];
		const lookup = async (itemIndex) => {
			looks.push(itemIndex);
			return await transport.trySend(refund.lookup, itemIndex);
		};
		const result = await runGuardedAction(
			transport,
			3,
			{ ...refund, lookup },
			{ dryRun: false, lookUpFirst: true },
		);
		expect(result.json.outcome).toBe('refunded');
		expect(looks).toEqual([3, 3]);
		expect(log).toEqual(['GET /payments/imp_1', 'POST /payments/cancel', 'GET /payments/imp_1']);

		const failing = paymentWorld(['neither']);
		const error = await runGuardedAction(
			failing.transport,
			0,
			{
				...failing.refund,
				lookup: async () =>
					failing.log.length > 0
						? lostAnswer()
						: await failing.transport.trySend(failing.refund.lookup, 0),
			},
			{ dryRun: false, lookUpFirst: true },
		).catch((e) => e);
		expect(error).toBeInstanceOf(RequestError);
		expect(error.description).toMatch(/Look the payment up before refunding again\.$/);
	});
});
