'use strict';
/**
 * What the PortOne V2 simulator (server.js) does with a request before and around its operation.
 * In order: route (404 NOT_FOUND for anything not simulated, before auth) -> Authorization (401)
 * -> Idempotency-Key format on POSTs (400) -> body / requestBody (400) -> storeId (403) ->
 * idempotency (replay / 409 / 422) -> the operation. Path segments are decoded strictly with
 * decodeURIComponent (one segment may hold "/", spaces, Korean; bad %-escapes are 400). POST
 * bodies are read as JSON whatever their Content-Type (the SDK sends none).
 */
const { parseKey, fingerprintOf } = require('./idempotency');
const { error, ApiError } = require('./errors');
const { match } = require('./routes');

/** prepare(req, entry) and planRun(plan, entry) for the simulator `sim` (its accounts and keys). */
function createRequestPlanner(sim) {
	const { accounts, idempotency } = sim;

	/** Everything before the operation runs; returns { answer } or { ctx, route, scope }. */
	function prepare(req, entry) {
		let segments;
		try {
			segments = entry.rawPath.split('/').slice(1).map(decodeURIComponent);
		} catch {
			return { answer: error('INVALID_REQUEST', '경로에 잘못된 퍼센트 인코딩이 있습니다.') };
		}
		entry.segments = segments;
		const found = match(req.method, segments);
		if (!found)
			return {
				answer: error(
					'NOT_FOUND',
					`${req.method} ${entry.rawPath.slice(0, 200)}: 존재하지 않는 API입니다.`,
				),
			};
		const { route, params } = found;
		entry.operation = route.op;
		const auth = accounts.authenticate(req.headers.authorization);
		if (auth.error) return { answer: error('UNAUTHORIZED', auth.error) };
		const { account } = auth;
		entry.account = account.merchantId;
		const key = req.method === 'POST' ? parseKey(req.headers['idempotency-key']) : null;
		if (key?.error) return { answer: error('INVALID_REQUEST', key.error) };
		// List operations take their JSON as a GET body or in ?requestBody= (x-portone-query-or-body);
		// both at once is refused (inferred). The cash-receipt cancel takes no body at all.
		let text;
		if (route.listBody) {
			const fromQuery = entry.query.getAll('requestBody');
			if (fromQuery.length > 1 || (fromQuery.length === 1 && entry.rawBody)) {
				return {
					answer: error(
						'INVALID_REQUEST',
						'requestBody는 본문 또는 쿼리 하나로만 보낼 수 있습니다.',
					),
				};
			}
			text = fromQuery[0] ?? (entry.rawBody || undefined);
		} else if (!route.noBody) {
			text = entry.rawBody || undefined;
		}
		let body;
		if (text !== undefined) {
			try {
				body = JSON.parse(text);
			} catch {
				return { answer: error('INVALID_REQUEST', '요청 본문이 올바른 JSON이 아닙니다.') };
			}
		}
		entry.body = body;
		let storeId;
		if (route.storeIn !== 'filter') {
			const given =
				route.storeIn === 'query'
					? entry.query.getAll('storeId')
					: body?.storeId === undefined
						? []
						: [body.storeId];
			if (given.length > 1)
				return { answer: error('INVALID_REQUEST', 'storeId가 여러 번 주어졌습니다.') };
			if (given.length === 1 && given[0] !== null && typeof given[0] !== 'string')
				return { answer: error('INVALID_REQUEST', 'storeId must be a string') };
			const store = accounts.storeFor(account, given[0] ?? undefined);
			if (store.error) return { answer: error('FORBIDDEN', store.error) };
			storeId = store.storeId;
			entry.storeId = storeId;
		}
		const ctx = { sim, account, storeId, params, body, query: entry.query, entry };
		return {
			ctx,
			route,
			scope: key?.key && idempotency.scopeOf(account, storeId ?? account.storeIds[0], key.key),
		};
	}

	function runOperation({ ctx, route }) {
		try {
			return route.run(ctx);
		} catch (e) {
			if (e instanceof ApiError) return e.answer;
			throw e;
		}
	}

	/** The function that produces this request's answer, after idempotency has had its say. */
	function planRun(plan, entry) {
		if (plan.answer) return () => plan.answer;
		if (!plan.scope) return () => runOperation(plan);
		const decision = idempotency.begin(plan.scope, fingerprintOf(entry));
		entry.idempotency = decision.kind;
		if (decision.kind === 'replay') return () => [decision.status, decision.body];
		if (decision.kind === 'outstanding')
			return () =>
				error(
					'IDEMPOTENCY_OUTSTANDING_REQUEST',
					'같은 Idempotency-Key의 요청이 아직 처리 중입니다.',
				);
		if (decision.kind === 'mismatch')
			return () => error('IDEMPOTENCY_KEY_REUSED', '이 Idempotency-Key는 다른 요청에 쓰였습니다.');
		return () => {
			const [status, body] = runOperation(plan);
			idempotency.finish(plan.scope, status, body);
			return [status, body];
		};
	}

	return { prepare, planRun };
}

module.exports = { createRequestPlanner };
