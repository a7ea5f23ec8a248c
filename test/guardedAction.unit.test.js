'use strict';
/**
 * The look up -> act -> look again flow with a payment-refund shape (GET /payments/{id}, then
 * POST /payments/cancel with a body; done = a new cancel_history entry), on an in-memory transport:
 * the flow must tell "done" by comparing the look-up answers before and after, and never send the
 * action again when the lost answer hid a refund that went through. Then the hooks other changes
 * need: `isGone` (a deletion whose look-up answers 404 once done), `decide` (a look-up that rules
 * the action out) and look-ups made of several requests (a function).
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

/** A thing that a DELETE removes and whose GET answers 404 once it is gone (a billing key's shape). */
function deletableWorld(plan) {
	let present = true;
	let actions = 0;
	const log = [];
	const notFound = () => iamportAnswer(404, { code: 1, message: 'not found', response: null });
	const transport = {
		retries: 2,
		async pauseBeforeRetry() {},
		async trySend(request) {
			log.push(`${request.method} ${request.path}`);
			if (request.method === 'GET') return present ? ok({ id: 'k_1' }) : notFound();
			const step = plan[actions++] ?? 'answered';
			const wasPresent = present;
			if (step !== 'neither') present = false;
			if (step === 'answered') return wasPresent ? ok({ id: 'k_1' }) : notFound();
			return lostAnswer();
		},
		async send(request, itemIndex) {
			const sent = await this.trySend(request, itemIndex);
			if (sent instanceof RequestError) throw sent;
			return sent;
		},
	};
	const deletion = {
		target: { idField: 'id', id: 'k_1' },
		lookup: { method: 'GET', path: '/keys/k_1', idempotent: true },
		action: { method: 'DELETE', path: '/keys/k_1', idempotent: false },
		lookupTable: { success: 'found', byStatus: { 404: 'not_found' } },
		actionTable: { success: 'deleted', byStatus: { 404: 'not_found' } },
		isDone: () => false,
		isGone: (answer) => answer.httpStatus === 404,
		words: { alreadyDone: 'already_deleted', wouldAct: 'would_delete' },
		unsureHint: 'Look the key up before deleting again.',
	};
	return { log, transport, deletion, gone: () => !present };
}

describe('isGone: a refused look-up that shows a deletion done', () => {
	test('a key already gone is already_deleted, on Success, and nothing is sent (dry run too)', async () => {
		for (const options of [
			{ dryRun: false, lookUpFirst: true },
			{ dryRun: true, lookUpFirst: false },
		]) {
			const world = deletableWorld([]);
			await runGuardedAction(world.transport, 0, world.deletion, {
				dryRun: false,
				lookUpFirst: false,
			});
			world.log.length = 0;
			const result = await runGuardedAction(world.transport, 0, world.deletion, options);
			expect(result).toMatchObject({ success: true, json: { outcome: 'already_deleted' } });
			expect(world.log).toEqual(['GET /keys/k_1']);
		}
	});

	test('a deletion behind a lost answer is found by the 404 of the look-up and reported deleted', async () => {
		const world = deletableWorld(['appliedButLost']);
		const result = await runGuardedAction(world.transport, 0, world.deletion, {
			dryRun: false,
			lookUpFirst: true,
		});
		expect(result).toMatchObject({ success: true, json: { outcome: 'deleted', http_status: 404 } });
		expect(world.log).toEqual(['GET /keys/k_1', 'DELETE /keys/k_1', 'GET /keys/k_1']);
	});

	test('a 404 to the DELETE after the look-up had found it: looked at again, already_deleted', async () => {
		const world = deletableWorld([]);
		// someone else deletes it between the look-up and the DELETE
		const original = world.transport.trySend.bind(world.transport);
		let gets = 0;
		world.transport.trySend = async (request, i) => {
			if (request.method === 'GET' && gets++ === 0) {
				const found = await original(request, i);
				await original({ method: 'DELETE', path: '/keys/k_1' }, i);
				return found;
			}
			return await original(request, i);
		};
		const result = await runGuardedAction(world.transport, 0, world.deletion, {
			dryRun: false,
			lookUpFirst: true,
		});
		expect(result).toMatchObject({ success: true, json: { outcome: 'already_deleted' } });
	});
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
