'use strict';
/**
 * The look up -> act -> look again flow's `isGone` hook, on an in-memory transport: a deletion
 * whose look-up answers 404 once done. The refund shape and the other hooks:
 * guardedActionRefund.unit.test.js.
 */
const { runGuardedAction } = require('../dist/nodes/engine/guardedAction.js');
const { RequestError } = require('../dist/nodes/engine/failure.js');
const { iamportAnswer } = require('../dist/nodes/Iamport/transport/answer.js');
const { ok, lostAnswer } = require('./helpers/guardedActionWorlds');

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
