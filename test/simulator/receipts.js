'use strict';
/**
 * The /receipts family as the spec documents it (GET/POST/DELETE /receipts/{imp_uid} and
 * /receipts/external/{merchant_uid}). Each handler returns [httpStatus, envelope].
 */
const { FAILING_PG, UNSUPPORTED_PG } = require('./store');

const ok = (response) => [200, { code: 0, message: null, response }];
// Business failures carry code 1, whatever the HTTP status (HTTP 200 included).
const fail = (status, message) => [status, { code: 1, message, response: null }];

const ENUMS = {
	identifier_type: ['person', 'business', 'phone', 'taxcard'],
	type: ['person', 'company'],
	product_type: ['real', 'digital'],
	pay_method: ['trans', 'vbank'],
};
const CHANNELS = {
	'channel-key-kcp': 'kcp',
	'channel-key-pgfail': FAILING_PG,
	'channel-key-paypal': UNSUPPORTED_PG,
};

function pgAnswer(pg, action) {
	if (pg === UNSUPPORTED_PG)
		return fail(501, '현재 포트원이 현금영수증 관련 지원하지 않는 PG사입니다.');
	if (pg === FAILING_PG)
		return fail(500, `PG사로부터 현금영수증 ${action} 실패응답을 받았습니다. [PG:9999] 승인 거절`);
	return null;
}

const isMissing = (v) => v === undefined || v === null || String(v).trim() === '';
const isInteger = (v) =>
	(typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v));

/** Body checks the spec describes for the issue calls; returns a 400 answer or null. */
function validateIssueBody(body, required, integers) {
	for (const name of required) {
		if (isMissing(body[name])) return fail(400, `필수 파라메터(${name})가 누락되었습니다.`);
	}
	for (const [name, allowed] of Object.entries(ENUMS)) {
		if (body[name] !== undefined && !allowed.includes(body[name])) {
			return fail(400, `${name} 파라메터 값이 올바르지 않습니다.`);
		}
	}
	for (const name of integers) {
		if (body[name] !== undefined && (!isInteger(body[name]) || Number(body[name]) < 0)) {
			return fail(400, `${name} 파라메터는 0 이상의 정수여야 합니다.`);
		}
	}
	if (body.vat_amount !== undefined && !Number.isFinite(Number(body.vat_amount))) {
		return fail(400, 'vat_amount 파라메터 값이 올바르지 않습니다.');
	}
	return null;
}

function routeReceipts({ method, segments, body, store, clock, tier }) {
	const isExternal = segments[1] === 'external';
	const id = isExternal ? segments[2] : segments[1];
	const expected = isExternal ? 3 : 2;
	if (segments.length !== expected || id === undefined) {
		return [404, { code: 1, message: '요청하신 API를 찾을 수 없습니다.', response: null }];
	}
	if (id === '')
		return fail(
			400,
			isExternal ? 'merchant_uid 파라메터가 누락되었습니다.' : 'imp_uid 파라메터가 누락되었습니다.',
		);
	return isExternal
		? externalReceipt({ method, id, body, store, clock, tier })
		: paymentReceipt({ method, id, body, store, clock, tier });
}

function paymentReceipt({ method, id, body, store, clock, tier }) {
	const payment = store.payments.get(id);
	const visible = payment && payment.tier === tier;
	if (method === 'GET') {
		if (!visible) return fail(404, '존재하지 않는 결제정보입니다.');
		if (!payment.receipt) return fail(404, '현금영수증 발행된 내역이 확인되지 않습니다.');
		return ok({ ...payment.receipt });
	}
	if (method === 'DELETE') {
		if (!visible) return fail(404, '존재하지 않는 결제정보입니다.');
		if (!payment.receipt) return fail(400, '포트원으로 현금영수증이 발급된 적 없는 건입니다.');
		const pg = pgAnswer(payment.pg, '발급취소');
		if (pg) return pg;
		// i'mport answers HTTP 200 with a non-zero code for business refusals like this one.
		if (payment.receipt.cancelled_at) return fail(200, '이미 발급취소된 현금영수증입니다.');
		payment.receipt.cancelled_at = clock.now();
		store.countCancellation(id);
		return ok({ ...payment.receipt });
	}
	if (method === 'POST') {
		const invalid = validateIssueBody(body, ['identifier'], ['tax_free', 'vat']);
		if (invalid) return invalid;
		if (!visible) return fail(404, '존재하지 않는 결제정보입니다.');
		if (payment.status !== 'paid') return fail(400, '결제완료(paid) 상태가 아닌 결제건입니다.');
		if (payment.receipt && !payment.receipt.cancelled_at)
			return fail(400, '이미 현금영수증이 발행된 결제건입니다.');
		const pg = pgAnswer(payment.pg, '발행');
		if (pg) return pg;
		payment.receipt = store.receiptFor('imp_uid', id, payment.amount, body);
		return ok({ ...payment.receipt });
	}
	return [405, { code: 1, message: '지원하지 않는 메소드입니다.', response: null }];
}

function externalReceipt({ method, id, body, store, clock, tier }) {
	const entry = store.external.get(id);
	const visible = entry && entry.tier === tier && entry.receipt;
	if (method === 'GET') {
		if (!visible) return fail(404, 'merchant_uid로 현금영수증 발행된 내역이 확인되지 않습니다.');
		return ok({ ...entry.receipt });
	}
	if (method === 'DELETE') {
		if (!visible) return fail(404, '현금영수증 발행된 적이 없는 merchant_uid입니다.');
		const pg = pgAnswer(entry.pg, '발행취소');
		if (pg) return pg;
		if (entry.receipt.cancelled_at) return fail(200, '이미 발행취소된 현금영수증입니다.');
		entry.receipt.cancelled_at = clock.now();
		store.countCancellation(`external:${id}`);
		return ok({ ...entry.receipt });
	}
	if (method === 'POST') {
		const invalid = validateIssueBody(
			body,
			['channel_key', 'name', 'amount', 'identifier'],
			['amount', 'tax_free'],
		);
		if (invalid) return invalid;
		const pgName = CHANNELS[body.channel_key];
		if (!pgName) return fail(400, '존재하지 않는 채널키입니다.');
		if (visible && !entry.receipt.cancelled_at)
			return fail(400, '이미 현금영수증이 발행된 merchant_uid입니다.');
		const pg = pgAnswer(pgName, '발행');
		if (pg) return pg;
		const receipt = store.receiptFor('merchant_uid', id, Number(body.amount), body);
		store.external.set(id, { merchant_uid: id, pg: pgName, tier, receipt });
		return ok({ ...receipt });
	}
	return [405, { code: 1, message: '지원하지 않는 메소드입니다.', response: null }];
}

/** Answers every path under /receipts/ (see server.js ROUTE_MODULES). */
module.exports = { prefix: 'receipts', route: routeReceipts };
