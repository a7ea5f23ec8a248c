'use strict';
/**
 * RequestSender: after a call that may have changed something, a look-up keeps trying past Retries
 * (up to Max Outage Wait), a change never does, keyed or not. A keyed POST that PortOne answers
 * 409 IDEMPOTENCY_OUTSTANDING_REQUEST on every retry (a request it never finishes) ends after
 * Retries, so the guarded flow looks up instead of waiting Max Outage Wait per round.
 */
const { RequestSender } = require('../dist/nodes/engine/requestSender.js');
const { RequestError, TransportFailure } = require('../dist/nodes/engine/failure.js');

const NODE = {
	id: 'n',
	name: 'PortOne',
	type: 'n8n-nodes-iamport.portOne',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const SETTINGS = {
	timeoutMs: 200,
	retries: 2,
	retryWaitMs: 1,
	maxRequestsPerSecond: 0,
	outageWindow: 10,
	outageFailurePercent: 80,
	maxOutageWaitMs: 1500,
};
const timedOut = () =>
	new TransportFailure({
		kind: 'network',
		message: 'PortOne did not answer in time',
		description: 'timeout',
		networkCode: 'ETIMEDOUT',
	});
const outstanding = () =>
	new TransportFailure({
		kind: 'http',
		message: 'PortOne is still processing this request (HTTP 409)',
		description: 'outstanding',
		httpStatus: 409,
		answeredTryAgain: true,
	});
const gateway = () =>
	new TransportFailure({
		kind: 'http',
		message: 'PortOne answered HTTP 503',
		description: 'gateway',
		httpStatus: 503,
	});
const refund = {
	method: 'POST',
	path: '/payments/p/cancel',
	body: { reason: 'x' },
	idempotent: true,
	headers: { 'Idempotency-Key': '"n8n-0123456789abcdef"' },
};
const lookup = { method: 'GET', path: '/payments/p', idempotent: true };

/** A sender whose API answers each request with the next outcome of its list (the last one repeats). */
function senderWith(plan) {
	const calls = [];
	const api = {
		apiName: 'PortOne',
		async attempt(request) {
			const list = plan[request.method];
			const n = calls.filter((c) => c === request.method).length;
			calls.push(request.method);
			return list[Math.min(n, list.length - 1)]();
		},
	};
	return { sender: new RequestSender(() => NODE, SETTINGS, api), calls };
}

test('a keyed change answered 409 outstanding on every retry ends after Retries, within moments', async () => {
	const { sender, calls } = senderWith({ POST: [timedOut, outstanding] });
	const started = Date.now();
	const sent = await sender.trySend(refund, 0);
	expect(sent).toBeInstanceOf(RequestError);
	expect(sent.mayHaveReached).toBe(true);
	expect(sent.message).toMatch(/still processing/);
	expect(calls).toEqual(['POST', 'POST', 'POST']);
	expect(Date.now() - started).toBeLessThan(SETTINGS.maxOutageWaitMs);
});

test('a look-up after that change keeps trying past Retries, up to Max Outage Wait', async () => {
	const { sender, calls } = senderWith({
		POST: [timedOut],
		GET: [gateway, gateway, gateway, gateway, gateway, () => ({ ok: true })],
	});
	expect(await sender.trySend(refund, 0)).toBeInstanceOf(RequestError);
	const found = await sender.trySend(lookup, 0);
	expect(found).toEqual({ ok: true });
	expect(calls.filter((c) => c === 'GET')).toHaveLength(6);
});

test('a look-up of an item that changed nothing stays within Retries', async () => {
	const { sender, calls } = senderWith({ GET: [gateway] });
	expect(await sender.trySend(lookup, 0)).toBeInstanceOf(RequestError);
	expect(calls).toEqual(['GET', 'GET', 'GET']);
});
