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
 */
const { FAILING_PG } = require('./store');

const DAY_S = 24 * 60 * 60;
const WINDOW_MAX_S = 90 * DAY_S;
/** The spec says at most 1000 per page for /payments/status; the simulator pages smaller on
 * purpose so a client that assumes a page size, instead of following `next`, is caught. */
const STATUS_PAGE = { default: 20, max: 100 };
const FIND_ALL_PAGE = { default: 20, max: 1000 };
const MULTI_MAX_IDS = 100;
const STATUSES = ['ready', 'paid', 'cancelled', 'failed'];
const SORT_FIELDS = { started: 'started_at', paid: 'paid_at', updated: 'updated_at' };
/** The time /payments/status filters on, by the payment's final status (the spec, `from`/`to`). */
const STATUS_TIME = {
	ready: 'started_at',
	paid: 'paid_at',
	cancelled: 'cancelled_at',
	failed: 'failed_at',
};

const MESSAGES = {
	// documented (the spec, the refund guide, i'mport's client tests)
	notFound: '존재하지 않는 결제정보입니다.',
	cancelNotFound: '취소할 결제건이 존재하지 않습니다.',
	alreadyCancelled: '이미 전액취소된 주문입니다.',
	pgRefused: '결제취소에 실패하였습니다.',
	// guesses: i'mport documents neither the case's answer nor its wording
	checksumMismatch: '취소가능 잔액(checksum)이 일치하지 않아 취소하지 않았습니다.',
	exceedsBalance: '취소요청 금액이 취소가능 잔액보다 큽니다.',
	vbankRefundFields:
		'가상계좌 환불에는 환불계좌 정보(refund_holder, refund_bank, refund_account)가 필요합니다.',
	notCancellable: '결제완료 상태가 아닌 결제건은 취소할 수 없습니다.',
};

const present = (v) => v !== undefined && v !== null && String(v).trim() !== '';
const isIntegerText = (v) =>
	(typeof v === 'number' && Number.isInteger(v)) ||
	(typeof v === 'string' && /^-?\d+$/.test(v.trim()));

function createPayments({ clock, receipts } = {}) {
	/** imp_uid -> { payment (what the API answers), tier, pgRefusal, updated_at } */
	const records = new Map();
	/** merchant_uid -> imp_uids, in the order they were added */
	const byMerchant = new Map();
	/** imp_uid -> applied refunds (the fault suites' "never twice" counter) */
	const applied = new Map();
	/** every applied refund, in order */
	const refunds = [];
	let serial = 0;

	const pad = (n, width = 10) => String(n).padStart(width, '0');

	function cancelEntry(impUid, amount, reason, at) {
		serial += 1;
		return {
			pg_tid: `PGC${pad(serial)}`,
			amount,
			cancelled_at: at,
			reason,
			receipt_url: `https://pg.example.test/cancel-receipts/${encodeURIComponent(impUid)}/${serial}`,
			cancellation_id: `CXL${pad(serial)}`,
		};
	}

	function methodFields(payMethod, impUid, startedAt) {
		switch (payMethod) {
			case 'card':
				return {
					card_code: '361',
					card_name: 'BC카드',
					card_number: '910020******1234',
					card_quota: 0,
					card_type: 0,
				};
			case 'trans':
				return { bank_code: '004', bank_name: 'KB국민은행' };
			case 'vbank':
				return {
					vbank_code: '088',
					vbank_name: '신한은행',
					vbank_num: `5620${impUid.replace(/\D/g, '').slice(-8).padStart(8, '0')}`,
					vbank_holder: '(주)예시상점',
					vbank_date: startedAt + 3 * DAY_S,
					vbank_issued_at: startedAt,
				};
			default:
				return {};
		}
	}

	/** Builds a PaymentAnnotation from the given fields and sensible defaults. */
	function build(fields) {
		const now = clock.now();
		const impUid = fields.imp_uid;
		const status = fields.status ?? 'paid';
		const amount = fields.amount ?? 10000;
		const payMethod = fields.pay_method ?? 'card';
		const happenedAt = fields.paid_at || fields.failed_at || now;
		const startedAt = fields.started_at ?? happenedAt - 60;
		const paidAt = status === 'paid' || status === 'cancelled' ? (fields.paid_at ?? now) : 0;
		const failedAt = status === 'failed' ? (fields.failed_at ?? now) : 0;
		let history = (fields.cancel_history ?? []).map((e) => ({ ...e }));
		let cancelAmount = fields.cancel_amount ?? history.reduce((sum, e) => sum + e.amount, 0);
		if (status === 'cancelled' && cancelAmount === 0) cancelAmount = amount;
		const cancelledAt = cancelAmount > 0 ? (fields.cancelled_at ?? now) : 0;
		if (cancelAmount > 0 && history.length === 0) {
			history = [
				cancelEntry(impUid, cancelAmount, fields.cancel_reason ?? '고객 요청', cancelledAt),
			];
		}
		return {
			imp_uid: impUid,
			merchant_uid: fields.merchant_uid ?? `order_${impUid.replace(/^imp_/, '')}`,
			pay_method: payMethod,
			channel: 'pc',
			pg_provider: fields.pg_provider ?? 'kcp',
			emb_pg_provider: null,
			pg_tid: `PGT${impUid}`,
			pg_id: 'IMP_MID_01',
			sandbox: fields.sandbox ?? false,
			escrow: false,
			apply_num: payMethod === 'card' ? String(30000000 + records.size) : null,
			...methodFields(payMethod, impUid, startedAt),
			name: fields.name ?? '주문상품',
			amount,
			cancel_amount: cancelAmount,
			currency: 'KRW',
			buyer_name: '홍길동',
			buyer_email: 'buyer@example.test',
			buyer_tel: '010-0000-0000',
			buyer_addr: null,
			buyer_postcode: null,
			custom_data: null,
			user_agent: 'sorry_not_supported_anymore',
			status: cancelAmount > 0 ? 'cancelled' : status,
			started_at: startedAt,
			paid_at: paidAt,
			failed_at: failedAt,
			cancelled_at: cancelledAt,
			fail_reason: status === 'failed' ? (fields.fail_reason ?? '[PG] 카드 한도초과') : null,
			cancel_reason: cancelAmount > 0 ? history[history.length - 1].reason : null,
			receipt_url: `https://pg.example.test/receipts/${encodeURIComponent(impUid)}`,
			cancel_history: history,
			cancel_receipt_urls: history.map((e) => e.receipt_url),
			cash_receipt_issued: fields.receipt === 'issued',
			customer_uid: null,
			customer_uid_usage: null,
		};
	}

	/** Keeps the cash-receipt row of the same imp_uid in step: it issues for what is left
	 * (the spec: POST /receipts/{imp_uid} on a partly cancelled payment issues for the balance). */
	function syncReceiptRow(record) {
		const row = receipts && receipts.payments.get(record.payment.imp_uid);
		if (!row) return;
		const left = record.payment.amount - record.payment.cancel_amount;
		row.amount = left;
		row.status = left > 0 && record.payment.paid_at ? 'paid' : record.payment.status;
	}

	function add(fields = {}) {
		if (!present(fields.imp_uid)) throw new Error('payments.add needs an imp_uid');
		if (records.has(fields.imp_uid)) throw new Error(`payment ${fields.imp_uid} exists already`);
		const payment = build(fields);
		if (
			!(
				payment.amount >= 0 &&
				payment.cancel_amount >= 0 &&
				payment.cancel_amount <= payment.amount
			)
		) {
			throw new Error(
				`payment ${fields.imp_uid}: amounts must satisfy 0 <= cancel_amount <= amount`,
			);
		}
		const record = {
			payment,
			tier: fields.tier ?? null,
			pgRefusal:
				fields.pgRefusal ?? (payment.pg_provider === FAILING_PG ? '[PG:9999] 취소 거절' : null),
			updated_at: Math.max(
				payment.started_at,
				payment.paid_at,
				payment.failed_at,
				payment.cancelled_at,
			),
		};
		records.set(payment.imp_uid, record);
		if (!byMerchant.has(payment.merchant_uid)) byMerchant.set(payment.merchant_uid, []);
		byMerchant.get(payment.merchant_uid).push(payment.imp_uid);
		if (receipts && (fields.receipt === 'issued' || fields.receipt === 'cancelled')) {
			const row = receipts.addPayment(payment.imp_uid, {
				pg: payment.pg_provider,
				amount: payment.amount - payment.cancel_amount,
				receipt: fields.receipt,
				tier: record.tier,
			});
			row.merchant_uid = payment.merchant_uid;
			row.receipt.applied_at = payment.paid_at || payment.started_at;
			syncReceiptRow(record);
		}
		return view(record);
	}

	function addMany(count, { prefix = 'imp_pay_bulk_', each, ...fields } = {}) {
		const ids = [];
		for (let n = 0; n < count; n++) {
			const impUid = `${prefix}${pad(n, 6)}`;
			add({ ...fields, ...(each ? each(n) : {}), imp_uid: impUid });
			ids.push(impUid);
		}
		return ids;
	}

	function remove(impUid) {
		const record = records.get(impUid);
		if (!record) return;
		records.delete(impUid);
		const siblings = byMerchant.get(record.payment.merchant_uid) ?? [];
		const left = siblings.filter((id) => id !== impUid);
		if (left.length) byMerchant.set(record.payment.merchant_uid, left);
		else byMerchant.delete(record.payment.merchant_uid);
		applied.delete(impUid);
	}

	const view = (record) => JSON.parse(JSON.stringify(record.payment));
	const sees = (record, { tier, includeSandbox }) =>
		record.tier === tier && (!record.payment.sandbox || includeSandbox);
	const timeOf = (record, field) =>
		field === 'updated_at' ? record.updated_at : record.payment[field];

	/** Sorts by a spec `sorting` value (±started, ±paid, ±updated), ties by imp_uid. */
	function sorted(list, sorting) {
		const descending = sorting.startsWith('-');
		const field = SORT_FIELDS[sorting.replace(/^-/, '')];
		return [...list].sort((a, b) => {
			const diff = timeOf(a, field) - timeOf(b, field);
			if (diff !== 0) return descending ? -diff : diff;
			return a.payment.imp_uid < b.payment.imp_uid ? -1 : 1;
		});
	}

	const ok = (response) => [200, { code: 0, message: null, response }];
	const fail = (status, code, message) => [status, { code, message, response: null }];
	// Look-up misses answer code -1 as the documented single look-up does (the others: guess).
	const notFound = (message = MESSAGES.notFound) => fail(404, -1, message);
	const badRequest = (message) => fail(400, 1, message);

	function readSorting(query) {
		const sorting = query.get('sorting') ?? '-started';
		if (!SORT_FIELDS[sorting.replace(/^-/, '')])
			return { error: badRequest('sorting 파라메터 값이 올바르지 않습니다.') };
		return { sorting };
	}

	/** Reads an optional integer query parameter; `min` bounds it from below. */
	function readInt(query, name, fallback, min) {
		const raw = query.get(name);
		if (raw === null || raw === '') return { value: fallback };
		if (!isIntegerText(raw) || Number(raw) < min)
			return { error: badRequest(`${name} 파라메터 값이 올바르지 않습니다.`) };
		return { value: Number(raw) };
	}

	/** One page of `list` as PagedPaymentAnnotation; a page past the end is a 400 (the spec). */
	function page(list, query, limits) {
		const pageNo = readInt(query, 'page', 1, 1);
		if (pageNo.error) return pageNo.error;
		const limit = readInt(query, 'limit', limits.default, 1);
		if (limit.error) return limit.error;
		const size = Math.min(limit.value, limits.max);
		const pages = Math.max(1, Math.ceil(list.length / size));
		if (pageNo.value > pages) return badRequest('요청하신 page가 데이터 범위를 넘어섰습니다.');
		const start = (pageNo.value - 1) * size;
		return ok({
			total: list.length,
			previous: pageNo.value > 1 ? pageNo.value - 1 : 0,
			next: pageNo.value < pages ? pageNo.value + 1 : 0,
			list: list.slice(start, start + size).map(view),
		});
	}

	function ofMerchant(merchantUid, who) {
		return (byMerchant.get(merchantUid) ?? [])
			.map((id) => records.get(id))
			.filter((r) => sees(r, who));
	}

	function readStatus(value) {
		if (value === undefined || value === '') return { status: null };
		if (!STATUSES.includes(value))
			return { error: badRequest('payment_status 파라메터 값이 올바르지 않습니다.') };
		return { status: value };
	}

	function getOne(impUid, who) {
		const record = records.get(impUid);
		if (!record || !sees(record, who)) return notFound();
		return ok(view(record));
	}

	function find(merchantUid, statusValue, query, who, all) {
		const status = readStatus(statusValue);
		if (status.error) return status.error;
		const sorting = readSorting(query);
		if (sorting.error) return sorting.error;
		const matching = ofMerchant(merchantUid, who).filter(
			(r) => !status.status || r.payment.status === status.status,
		);
		if (matching.length === 0) return notFound();
		const ordered = sorted(matching, sorting.sorting);
		return all ? page(ordered, query, FIND_ALL_PAGE) : ok(view(ordered[0]));
	}

	/** Values of `name[]`, `name[0]` and plain `name`, in the order sent. */
	function listParam(query, name) {
		const values = [];
		const pattern = new RegExp(`^${name}(\\[\\d*\\])?$`);
		for (const [key, value] of query) if (pattern.test(key)) values.push(value);
		return values;
	}

	function getMany(query, who) {
		const impUids = [...new Set(listParam(query, 'imp_uid'))];
		const merchantUids = [...new Set(listParam(query, 'merchant_uid'))];
		// guesses: no ids and more than 100 ids are both refused with a 400
		if (impUids.length + merchantUids.length === 0)
			return badRequest('imp_uid[] 또는 merchant_uid[] 파라메터가 필요합니다.');
		if (impUids.length + merchantUids.length > MULTI_MAX_IDS) {
			return badRequest(`한 번에 최대 ${MULTI_MAX_IDS}건까지 조회할 수 있습니다.`);
		}
		const found = new Map();
		for (const id of impUids) {
			const record = records.get(id);
			if (record && sees(record, who)) found.set(id, record);
		}
		for (const id of merchantUids) {
			const [latest] = sorted(ofMerchant(id, who), '-started');
			if (latest) found.set(latest.payment.imp_uid, latest);
		}
		const list = [...found.values()].map(view);
		const missing =
			impUids.filter((id) => !found.has(id)).length +
			merchantUids.filter((id) => !list.some((p) => p.merchant_uid === id)).length;
		if (list.length === 0) return notFound('해당되는 결제건을 찾지 못하였습니다.');
		// 207: some ids were not found; code 0 with the found ones is the simulator's guess.
		return [missing === 0 ? 200 : 207, { code: 0, message: null, response: list }];
	}

	function byStatus(statusValue, query, who) {
		if (statusValue !== 'all' && !STATUSES.includes(statusValue)) {
			return badRequest('payment_status 파라메터 값이 올바르지 않습니다.');
		}
		const sorting = readSorting(query);
		if (sorting.error) return sorting.error;
		const to = readInt(query, 'to', clock.now(), 0);
		if (to.error) return to.error;
		const from = readInt(query, 'from', to.value - WINDOW_MAX_S, 0);
		if (from.error) return from.error;
		if (from.value > to.value) return badRequest('from 파라메터는 to 파라메터보다 클 수 없습니다.');
		if (to.value - from.value > WINDOW_MAX_S)
			return badRequest('검색기간은 최대 90일까지 가능합니다.');
		const list = [...records.values()].filter((r) => {
			if (!sees(r, who)) return false;
			if (statusValue !== 'all' && r.payment.status !== statusValue) return false;
			const at = r.payment[STATUS_TIME[r.payment.status]];
			return at >= from.value && at <= to.value;
		});
		return page(sorted(list, sorting.sorting), query, STATUS_PAGE);
	}

	/** Form bodies carry `extra[requester]=...`; JSON bodies an object. */
	function extraOf(body) {
		if (body.extra && typeof body.extra === 'object') return body.extra;
		const extra = {};
		for (const [key, value] of Object.entries(body)) {
			const match = /^extra\[(.+)\]$/.exec(key);
			if (match) extra[match[1]] = value;
		}
		return Object.keys(extra).length ? extra : null;
	}

	/** The payment a merchant_uid cancel acts on: the latest with money left, else the latest (guess). */
	function cancellableByMerchant(merchantUid, tier) {
		const mine = sorted(ofMerchant(merchantUid, { tier, includeSandbox: true }), '-started');
		return (
			mine.find((r) => r.payment.paid_at && r.payment.amount > r.payment.cancel_amount) ?? mine[0]
		);
	}

	/** POST /payments/cancel. Refusals answer HTTP 200 with a non-zero code (the V1 refund guide). */
	function cancel(body, { tier = null, source = 'direct' } = {}) {
		const refuse = (message) => fail(200, 1, message);
		if (!present(body.imp_uid) && !present(body.merchant_uid)) {
			return refuse('imp_uid 또는 merchant_uid 파라메터가 누락되었습니다.');
		}
		// guesses: the wording of these parameter refusals
		const numbers = {};
		for (const name of ['amount', 'checksum', 'tax_free', 'vat_amount']) {
			if (!present(body[name])) continue;
			const value = ['number', 'string'].includes(typeof body[name]) ? Number(body[name]) : NaN;
			if (!Number.isFinite(value) || value < 0)
				return refuse(`${name} 파라메터 값이 올바르지 않습니다.`);
			numbers[name] = value;
		}
		// KRW has no fractions; a fractional amount is refused rather than rounded (guess).
		if (numbers.amount !== undefined && !Number.isInteger(numbers.amount))
			return refuse('amount 파라메터 값이 올바르지 않습니다.');

		let record;
		if (present(body.imp_uid)) {
			// When both are sent imp_uid wins (the spec).
			record = records.get(String(body.imp_uid));
			if (record && record.tier !== tier) record = undefined;
		} else {
			record = cancellableByMerchant(String(body.merchant_uid), tier);
		}
		if (!record) return refuse(MESSAGES.cancelNotFound);
		const payment = record.payment;
		if (!payment.paid_at) return refuse(MESSAGES.notCancellable);
		const left = payment.amount - payment.cancel_amount;
		if (left <= 0) return refuse(MESSAGES.alreadyCancelled);
		// checksum = what is left before this refund; a mismatch cancels nothing (the spec). The
		// answer (HTTP 200, code 1) and its message are the simulator's guess.
		if (numbers.checksum !== undefined && numbers.checksum !== left) {
			return refuse(
				`${MESSAGES.checksumMismatch} (checksum: ${numbers.checksum}, 취소가능 잔액: ${left})`,
			);
		}
		// amount missing or 0 means the whole balance (the spec).
		const refund = numbers.amount ? numbers.amount : left;
		if (refund > left)
			return refuse(`${MESSAGES.exceedsBalance} (요청: ${refund}, 취소가능 잔액: ${left})`);
		if ((numbers.tax_free ?? 0) > refund)
			return refuse('tax_free 파라메터가 취소요청 금액보다 큽니다.');
		if (
			payment.pay_method === 'vbank' &&
			!['refund_holder', 'refund_bank', 'refund_account'].every((f) => present(body[f]))
		) {
			return refuse(MESSAGES.vbankRefundFields);
		}
		if (record.pgRefusal) return fail(200, -1, `${MESSAGES.pgRefused} [PG] ${record.pgRefusal}`);

		const now = clock.now();
		const reason = present(body.reason) ? String(body.reason) : '';
		const entry = cancelEntry(payment.imp_uid, refund, reason, now);
		payment.cancel_amount += refund;
		// A partly refunded payment is 'cancelled' too (undocumented; i'mport's own WooCommerce plugin reads it so).
		payment.status = 'cancelled';
		payment.cancelled_at = now;
		payment.cancel_reason = reason;
		payment.cancel_history.push(entry);
		payment.cancel_receipt_urls.push(entry.receipt_url);
		record.updated_at = now;
		applied.set(payment.imp_uid, (applied.get(payment.imp_uid) ?? 0) + 1);
		refunds.push({
			imp_uid: payment.imp_uid,
			amount: refund,
			left: left - refund,
			checksum: numbers.checksum ?? null,
			reason,
			cancellation_id: entry.cancellation_id,
			tax_free: numbers.tax_free ?? null,
			vat_amount: numbers.vat_amount ?? null,
			refund_holder: body.refund_holder ?? null,
			refund_bank: body.refund_bank ?? null,
			refund_account: body.refund_account ?? null,
			refund_tel: body.refund_tel ?? null,
			enable_webhook: body.enable_webhook === true || body.enable_webhook === 'true',
			extra: extraOf(body),
			at: now,
			source,
		});
		syncReceiptRow(record);
		return ok(view(record));
	}

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

	function seed() {
		const base = clock.now();
		const ago = (days, hours = 0) => base - days * DAY_S - hours * 3600;
		add({ imp_uid: 'imp_pay_card_0001', amount: 10000, paid_at: ago(1) });
		add({ imp_uid: 'imp_pay_card_0002', amount: 50000, paid_at: ago(2) });
		add({
			imp_uid: 'imp_pay_receipt_0001',
			amount: 33000,
			pay_method: 'trans',
			paid_at: ago(3),
			receipt: 'issued',
		});
		// The docs' checksum example: 10,000 paid, 1,000 refunded, the next checksum is 9,000.
		add({
			imp_uid: 'imp_pay_partial_0001',
			amount: 10000,
			cancel_amount: 1000,
			paid_at: ago(5),
			cancelled_at: ago(4),
			cancel_reason: '부분 환불',
		});
		add({
			imp_uid: 'imp_pay_cancelled_0001',
			amount: 20000,
			status: 'cancelled',
			paid_at: ago(6),
			cancelled_at: ago(5),
			cancel_reason: '전액 환불',
		});
		add({
			imp_uid: 'imp_pay_vbank_0001',
			amount: 30000,
			pay_method: 'vbank',
			paid_at: ago(7),
			started_at: ago(8),
		});
		add({
			imp_uid: 'imp_pay_vbank_ready_0001',
			amount: 15000,
			pay_method: 'vbank',
			status: 'ready',
			started_at: ago(1, 2),
		});
		add({
			imp_uid: 'imp_pay_failed_0001',
			merchant_uid: 'order_retry_0001',
			amount: 12000,
			status: 'failed',
			failed_at: ago(8, 1),
		});
		add({
			imp_uid: 'imp_pay_retry_0001',
			merchant_uid: 'order_retry_0001',
			amount: 12000,
			paid_at: ago(8),
		});
		add({ imp_uid: 'imp_pay_sandbox_0001', amount: 1000, sandbox: true, paid_at: ago(2, 1) });
		add({
			imp_uid: 'imp_pay_pgfail_0001',
			amount: 25000,
			pg_provider: FAILING_PG,
			paid_at: ago(3, 1),
		});
		add({ imp_uid: 'imp_pay_old_0001', amount: 40000, paid_at: ago(120) });
		add({ imp_uid: 'imp_pay_tier_T01_0001', amount: 11000, tier: 'T01', paid_at: ago(4, 1) });
	}

	seed();

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
