'use strict';
/**
 * For the guarded-action tests (test/guardedAction*.unit.test.js): in-memory answers and lost
 * answers, and a payment whose refunds go through (or not) as a plan says, with the refund-shaped
 * action (GET /payments/{id}, then POST /payments/cancel; done = a new cancel_history entry).
 */
const { RequestError, TransportFailure } = require('../../dist/nodes/engine/failure.js');
const { iamportAnswer } = require('../../dist/nodes/Iamport/transport/answer.js');

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

module.exports = { ok, lostAnswer, paymentWorld };
