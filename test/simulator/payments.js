'use strict';
/**
 * The /payments family: a payment store and the look-up and refund routes, after i'mport's Swagger
 * spec (portone-io/developers.portone.io `src/schema/v1.openapi.json`: paths under /payments,
 * PaymentAnnotation, PaymentCancelAnnotation, PagedPaymentAnnotation) and PortOne's V1 refund guide
 * (developers.portone.io `opi/ko/integration/cancel/v1/basic.mdx`) and i'mport's own clients' tests
 * (iamport/iamport-rest-client-python `tests/test_cancel.py`) where the spec is silent.
 *
 * Seeded payments (times are before the simulator's start time, on its clock):
 *   imp_uid                   merchant_uid                kind                                amount  refunded
 *   imp_pay_card_0001         order_pay_card_0001         card, paid 1 day ago                10,000         0
 *   imp_pay_card_0002         order_pay_card_0002         card, paid 2 days ago               50,000         0
 *   imp_pay_receipt_0001      order_pay_receipt_0001      bank transfer, paid, cash receipt   33,000         0
 *                                                         issued (GET /receipts/{imp_uid})
 *   imp_pay_partial_0001      order_pay_partial_0001      card, partly refunded: status       10,000     1,000
 *                                                         'cancelled', next checksum 9,000
 *   imp_pay_cancelled_0001    order_pay_cancelled_0001    card, fully refunded                20,000    20,000
 *   imp_pay_vbank_0001        order_pay_vbank_0001        virtual account, paid: a refund     30,000         0
 *                                                         needs refund_holder/bank/account
 *   imp_pay_vbank_ready_0001  order_pay_vbank_ready_0001  virtual account issued, not paid    15,000         0
 *   imp_pay_failed_0001       order_retry_0001            card, failed (first attempt)        12,000         0
 *   imp_pay_retry_0001        order_retry_0001            card, paid (second attempt)         12,000         0
 *   imp_pay_sandbox_0001      order_pay_sandbox_0001      card, paid on a test channel:        1,000         0
 *                                                         hidden unless include_sandbox=true
 *   imp_pay_pgfail_0001       order_pay_pgfail_0001       card, paid; the PG refuses refunds  25,000         0
 *   imp_pay_old_0001          order_pay_old_0001          card, paid 120 days ago (outside    40,000         0
 *                                                         the default 90-day status window)
 *   imp_pay_tier_T01_0001     order_pay_tier_T01_0001     card, paid, sub-merchant Tier T01   11,000         0
 *
 * The store, `simulator.payments`:
 *   add(fields) -> payment      PaymentAnnotation fields (imp_uid required; merchant_uid, amount,
 *                               cancel_amount, status, pay_method, pg_provider, sandbox, started_at,
 *                               paid_at, cancelled_at, failed_at, cancel_history, ...) plus tier,
 *                               pgRefusal (a PG reason: refunds are refused) and receipt
 *                               ('issued' | 'cancelled': a cash-receipt row for the same imp_uid)
 *   addMany(count, { prefix = 'imp_pay_bulk_', each(n) -> fields, ...fields }) -> imp_uids
 *   remove(imp_uid)  forgets a payment (a benchmark seeds the same imp_uids again for every run)
 *   get(imp_uid) -> a copy of the payment, or undefined;  ids() -> every imp_uid
 *   cancel(body, { tier }) -> [httpStatus, envelope]   a refund outside HTTP (someone else refunding)
 *   setPgRefusal(imp_uid, reason | null)               turn a PG refusal on or off
 *   appliedRefunds(imp_uid) -> count;  refunds -> every applied refund with what was sent
 *
 * The simulator's guesses (neither the spec nor the notes say): the checksum-mismatch,
 * amount-above-balance, virtual-account and not-paid refusals (HTTP 200, code 1) and all their
 * wording; code -1 on 404s other than GET /payments/{imp_uid}; code 0 on a 207; 400 for no ids or
 * more than 100; include_sandbox honoured on every look-up (the spec lists it on the single one);
 * which payment a merchant_uid refund picks; page size capped at 100 on /payments/status.
 *
 * Here: the store's maps, the router and the store's interface. The parts: paymentRecords.js
 * (a payment built from its fields, added), paymentLookups.js (the GET routes), paymentRefunds.js
 * (POST /payments/cancel), paymentSeeds.js (the table above), paymentMessages.js (the wording).
 */
const { fail } = require('./answers');
const { createPaymentRecords } = require('./paymentRecords');
const {
	createPaymentLookups,
	WINDOW_MAX_S,
	STATUS_PAGE,
	FIND_ALL_PAGE,
	MULTI_MAX_IDS,
} = require('./paymentLookups');
const { createPaymentRefunds } = require('./paymentRefunds');
const { seedPayments } = require('./paymentSeeds');
const { MESSAGES } = require('./paymentMessages');

function createPayments({ clock, receipts } = {}) {
	/** imp_uid -> { payment (what the API answers), tier, pgRefusal, updated_at } */
	const records = new Map();
	/** merchant_uid -> imp_uids, in the order they were added */
	const byMerchant = new Map();
	/** imp_uid -> applied refunds (the fault suites' "never twice" counter) */
	const applied = new Map();
	/** every applied refund, in order */
	const refunds = [];
	const state = { clock, receipts, records, byMerchant, applied, refunds };
	const { cancelEntry, syncReceiptRow, add, addMany, remove, view } = createPaymentRecords(state);
	const { sorted, ofMerchant, badRequest, getOne, find, getMany, byStatus } = createPaymentLookups(
		state,
		{ view },
	);
	const { cancel } = createPaymentRefunds(state, {
		view,
		cancelEntry,
		syncReceiptRow,
		sorted,
		ofMerchant,
	});

	/**
	 * Answers a /payments request: [httpStatus, envelope]. The server has checked the token and
	 * parsed the body; the parsed query goes on the request-log entry.
	 */
	function route({ method, segments, body, query, tier, entry }) {
		entry.query = {};
		for (const [key, value] of query) {
			entry.query[key] = key in entry.query ? [].concat(entry.query[key], value) : value;
		}
		const seg = segments;
		const who = { tier, includeSandbox: ['true', '1'].includes(query.get('include_sandbox')) };
		if (method === 'POST' && seg.length === 2 && seg[1] === 'cancel') {
			if (body === null || typeof body !== 'object' || Array.isArray(body))
				return badRequest('요청 본문을 해석할 수 없습니다.');
			return cancel(body, { tier, source: 'api' });
		}
		if (method !== 'GET') return fail(405, 1, '지원하지 않는 메소드입니다.');
		if (seg.length === 1) return getMany(query, who);
		if (seg.length === 2)
			return seg[1] === '' ? badRequest('imp_uid 파라메터가 누락되었습니다.') : getOne(seg[1], who);
		if ((seg[1] === 'find' || seg[1] === 'findAll') && (seg.length === 3 || seg.length === 4)) {
			if (seg[2] === '') return badRequest('merchant_uid 파라메터가 누락되었습니다.');
			return find(seg[2], seg[3], query, who, seg[1] === 'findAll');
		}
		if (seg[1] === 'status' && seg.length === 3) return byStatus(seg[2], query, who);
		return fail(404, 1, '요청하신 API를 찾을 수 없습니다.');
	}

	seedPayments(clock, add);

	return {
		add,
		addMany,
		remove,
		get: (impUid) => (records.has(impUid) ? view(records.get(impUid)) : undefined),
		ids: () => [...records.keys()],
		cancel,
		setPgRefusal(impUid, reason) {
			if (!records.has(impUid)) throw new Error(`no payment ${impUid}`);
			records.get(impUid).pgRefusal = reason ?? null;
		},
		/** The live record { payment, tier, updated_at }, for a sibling family that changes a payment in place (/vbanks). */
		record: (impUid) => records.get(impUid),
		appliedRefunds: (impUid) => applied.get(impUid) ?? 0,
		applied,
		refunds,
		route,
	};
}

/** The /payments family for the simulator's router: one store per simulator. */
const create = ({ clock, store }) => createPayments({ clock, receipts: store });

module.exports = {
	prefix: 'payments',
	create,
	createPayments,
	MESSAGES,
	STATUS_PAGE,
	FIND_ALL_PAGE,
	MULTI_MAX_IDS,
	WINDOW_MAX_S,
};
