'use strict';
/**
 * The look up -> act -> look again flow with a payment-refund shape (GET /payments/{id}, then
 * POST /payments/cancel with a body; done = a new cancel_history entry), on an in-memory transport:
 * the flow must tell "done" by comparing the look-up answers before and after, and never send the
 * action again when the lost answer hid a refund that went through.
 */
const { runGuardedAction } = require('../dist/nodes/engine/guardedAction.js');
const { RequestError, TransportFailure } = require('../dist/nodes/engine/failure.js');
const { iamportAnswer } = require('../dist/nodes/Iamport/transport/answer.js');

const NODE = {
	id: 'n',
	name: "I'mport",
	type: 'n8n-nodes-iamport.iamport',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const ok = (response) => iamportAnswer(200, { code: 0, message: null, response });
const lostAnswer = () =>
	new RequestError(
		NODE,
		new TransportFailure({
			kind: 'network',
			message: 'reset',
			description: 'reset',
			networkCode: 'ECONNRESET',
		}),
		0,
	);

/** A payment whose refunds go through (or not) as `plan` says; every request is logged. */
function paymentWorld(plan) {
	const payment = { imp_uid: 'imp_1', status: 'paid', cancel_history: [{ amount: 100 }] };
	const log = [];
	let actions = 0;
	const transport = {
		retries: 2,
		async pauseBeforeRetry() {},
		async trySend(request) {
			log.push(`${request.method} ${request.path}`);
			if (request.method === 'GET') return ok(JSON.parse(JSON.stringify(payment)));
			const step = plan[actions++] ?? 'answered';
			if (step !== 'neither') payment.cancel_history.push({ amount: request.body.amount });
			return step === 'answered' ? ok({ ...payment }) : lostAnswer();
		},
		async send(request, itemIndex) {
			const sent = await this.trySend(request, itemIndex);
			if (sent instanceof RequestError) throw sent;
			return sent;
		},
	};
	const refund = {
		target: { idField: 'imp_uid', id: 'imp_1' },
		lookup: { method: 'GET', path: '/payments/imp_1', idempotent: true },
		action: {
			method: 'POST',
			path: '/payments/cancel',
			body: { imp_uid: 'imp_1', amount: 50 },
			idempotent: false,
		},
		lookupTable: { success: 'found', byStatus: { 404: 'not_found' } },
		actionTable: { success: 'refunded', byStatus: { 404: 'not_found' } },
		isDone: (answer, before) =>
			before
				? answer.envelope.response.cancel_history.length >
					before.envelope.response.cancel_history.length
				: answer.envelope.response.status === 'cancelled',
		words: { alreadyDone: 'already_refunded', wouldAct: 'would_refund' },
		unsureHint: 'Look the payment up before refunding again.',
	};
	return { payment, log, transport, refund };
}

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
