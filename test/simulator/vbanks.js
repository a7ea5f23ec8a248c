'use strict';
/**
 * The /vbanks family, after i'mport's V1 spec (portone-io/developers.portone.io
 * src/schema/v1.openapi.json: POST /vbanks createVbank, PUT /vbanks/{imp_uid} modifyVbank,
 * DELETE /vbanks/{imp_uid} revokeVbank). A virtual account is a payment of the /payments family
 * (pay_method 'vbank', status 'ready' until deposited), so every change here is seen by
 * GET /payments/{imp_uid}; changes are counted in `simulator.changes` (vbank.issued / .modified / .revoked).
 *
 * Answers (spec statuses; codes and wording are the simulator's unless said):
 *   DELETE /vbanks/{imp_uid}  200 code 0 Payment, now status 'cancelled'
 *                             400 code 1 no imp_uid / not a virtual account / not 'ready' (paid, closed)
 *                             404 code -1 unknown imp_uid (or another Tier's)
 *   PUT /vbanks/{imp_uid}     the same 400s and 404, plus 400 code 1 for nothing to change, a bad or
 *                             past vbank_due, a bad amount, and a PG other than settle (the spec: 헥토파이낸셜 only)
 *   POST /vbanks              200 code 0 Payment (status 'ready'); refusals HTTP 200 code 1 (the spec
 *                             documents only 200 and 401 for it)
 *
 * The simulator's choices where the spec is silent: a closed account keeps cancel_amount 0 and an
 * empty cancel_history (nothing was paid, nothing refunded) and gets cancelled_at = now; PG support is
 * checked only where the spec's lists are unambiguous (PUT: settle; POST: createVbank's list).
 *
 * Seeds added to the payments store (both issued over 90 days ago, so the default /payments/status
 * windows, and the tests that count them, stay as they were):
 *   imp_vbank_settle_0001   헥토파이낸셜 (settle) fixed account, ready, due in 30 days   PUT works here
 *   imp_vbank_expired_0001  kcp, ready, its due date passed 97 days ago               DELETE still closes it
 * plus the payments family's own imp_pay_vbank_ready_0001 (kcp, ready) and imp_pay_vbank_0001 (paid).
 */
const { ok, fail, present, isIntegerText, badMethod, notFoundApi } = require('./answers');

const DAY_S = 24 * 60 * 60;
/** x-portone-supported-pgs of createVbank and modifyVbank */
const CREATE_PGS = [
	'settle',
	'nice',
	'nice_v2',
	'html5_inicis',
	'ksnet',
	'smartro_v2',
	'tosspayments',
	'welcome',
];
const MODIFY_PGS = ['settle'];
const CHANNELS = {
	'channel-key-settle': 'settle',
	'channel-key-nice': 'nice',
	'channel-key-kcp': 'kcp',
};
const BANK_NAMES = { '004': 'KB국민은행', '020': '우리은행', '088': '신한은행' };

const MESSAGES = {
	// the spec's 404 example wording (ResponseAnnotation.message)
	notFound: '존재하지 않는 결제정보입니다.',
	// documented cases (the 400s), the simulator's wording
	missingImpUid: 'imp_uid 파라메터가 누락되었습니다.',
	notVbank: '가상계좌 결제건이 아닙니다.',
	notReady: '입금대기(ready) 상태의 가상계좌가 아닙니다.',
	// guesses: neither the case's answer nor its wording is documented
	nothingToModify: '수정할 amount 또는 vbank_due 파라메터가 필요합니다.',
	pastDue: '입금기한(vbank_due)은 현재 시각 이후여야 합니다.',
	modifyUnsupported: '가상계좌 발급정보 수정은 헥토파이낸셜(settle) 가상계좌만 지원합니다.',
	createUnsupported: '가상계좌 발급을 지원하지 않는 PG사입니다.',
	merchantUsed: '이미 결제가 이뤄진 merchant_uid로는 가상계좌를 발급할 수 없습니다.',
};

function createVbanks({ clock, store, families }) {
	const payments = families.get('payments');
	if (!payments) throw new Error('the /vbanks family needs the /payments family created before it');
	const changes = store.changes;
	let serial = 0;
	let accounts = 0;

	/** Sets the vbank_* fields of a live record (PaymentAnnotation), with an account number of its own. */
	function setAccount(record, { code, holder, due, issuedAt }) {
		accounts += 1;
		Object.assign(record.payment, {
			vbank_code: code,
			vbank_name: BANK_NAMES[code] ?? null,
			vbank_num: `5621${String(70000000 + accounts)}`,
			vbank_holder: holder,
			vbank_date: due,
			vbank_issued_at: issuedAt,
		});
	}

	/** The live record a call acts on, or the documented 400/404 answer. */
	function readyAccount(impUid, tier) {
		if (!present(impUid)) return { error: fail(400, 1, MESSAGES.missingImpUid) };
		const record = payments.record(impUid);
		if (!record || record.tier !== tier) return { error: fail(404, -1, MESSAGES.notFound) };
		if (record.payment.pay_method !== 'vbank') return { error: fail(400, 1, MESSAGES.notVbank) };
		if (record.payment.status !== 'ready') {
			return { error: fail(400, 1, `${MESSAGES.notReady} (현재 상태: ${record.payment.status})`) };
		}
		return { record };
	}

	function revoke(impUid, tier) {
		const { record, error } = readyAccount(impUid, tier);
		if (error) return error;
		const now = clock.now();
		record.payment.status = 'cancelled';
		record.payment.cancelled_at = now;
		record.updated_at = now;
		changes.record('vbank.revoked', impUid);
		return ok(payments.get(impUid));
	}

	function modify(impUid, body, tier) {
		const { record, error } = readyAccount(impUid, tier);
		if (error) return error;
		if (!MODIFY_PGS.includes(record.payment.pg_provider))
			return fail(400, 1, MESSAGES.modifyUnsupported);
		const hasDue = present(body.vbank_due);
		const hasAmount = present(body.amount);
		if (!hasDue && !hasAmount) return fail(400, 1, MESSAGES.nothingToModify);
		if (hasDue && !isIntegerText(body.vbank_due))
			return fail(400, 1, 'vbank_due 파라메터 값이 올바르지 않습니다.');
		if (hasDue && Number(body.vbank_due) <= clock.now()) return fail(400, 1, MESSAGES.pastDue);
		if (hasAmount && !(isIntegerText(body.amount) && Number(body.amount) > 0))
			return fail(400, 1, 'amount 파라메터 값이 올바르지 않습니다.');
		if (hasDue) record.payment.vbank_date = Number(body.vbank_due);
		if (hasAmount) record.payment.amount = Number(body.amount);
		record.updated_at = clock.now();
		changes.record('vbank.modified', impUid);
		return ok(payments.get(impUid));
	}

	function merchantUidPaid(merchantUid) {
		return payments.ids().some((id) => {
			const p = payments.record(id).payment;
			return p.merchant_uid === merchantUid && p.paid_at > 0;
		});
	}

	/** POST /vbanks: issues an account as a new 'ready' payment. */
	function issue(body, tier) {
		const refuse = (message) => fail(200, 1, message);
		for (const name of ['channel_key', 'merchant_uid', 'amount', 'vbank_code', 'vbank_due']) {
			if (!present(body[name])) return refuse(`필수 파라메터(${name})가 누락되었습니다.`);
		}
		const pg = CHANNELS[body.channel_key];
		if (!pg) return refuse('유효하지 않은 channel_key입니다.');
		if (!CREATE_PGS.includes(pg)) return refuse(`${MESSAGES.createUnsupported} (${pg})`);
		if (!(isIntegerText(body.amount) && Number(body.amount) > 0))
			return refuse('amount 파라메터 값이 올바르지 않습니다.');
		if (!isIntegerText(body.vbank_due) || Number(body.vbank_due) <= clock.now())
			return refuse(MESSAGES.pastDue);
		if (!BANK_NAMES[body.vbank_code]) return refuse('vbank_code 파라메터 값이 올바르지 않습니다.');
		if (merchantUidPaid(String(body.merchant_uid))) return refuse(MESSAGES.merchantUsed);
		serial += 1;
		const now = clock.now();
		const impUid = `imp_vbank_new_${String(serial).padStart(6, '0')}`;
		payments.add({
			imp_uid: impUid,
			merchant_uid: String(body.merchant_uid),
			amount: Number(body.amount),
			pay_method: 'vbank',
			status: 'ready',
			pg_provider: pg,
			started_at: now,
			name: present(body.name) ? String(body.name) : undefined,
			tier,
		});
		setAccount(payments.record(impUid), {
			code: String(body.vbank_code),
			holder: present(body.vbank_holder) ? String(body.vbank_holder) : '(주)예시상점',
			due: Number(body.vbank_due),
			issuedAt: now,
		});
		changes.record('vbank.issued', impUid);
		return ok(payments.get(impUid));
	}

	function route({ method, segments, body, tier }) {
		if (body === null || typeof body !== 'object' || Array.isArray(body))
			return fail(400, 1, '요청 본문을 해석할 수 없습니다.');
		if (segments.length === 1) return method === 'POST' ? issue(body, tier) : badMethod();
		if (segments.length !== 2) return notFoundApi();
		if (method === 'DELETE') return revoke(segments[1], tier);
		if (method === 'PUT') return modify(segments[1], body, tier);
		// GET /vbanks/holder is not in the spec this simulator follows.
		return method === 'GET' ? notFoundApi() : badMethod();
	}

	function seed() {
		const now = clock.now();
		payments.add({
			imp_uid: 'imp_vbank_settle_0001',
			amount: 45000,
			pay_method: 'vbank',
			status: 'ready',
			pg_provider: 'settle',
			started_at: now - 100 * DAY_S,
		});
		setAccount(payments.record('imp_vbank_settle_0001'), {
			code: '004',
			holder: '(주)예시상점',
			due: now + 30 * DAY_S,
			issuedAt: now - 100 * DAY_S,
		});
		payments.add({
			imp_uid: 'imp_vbank_expired_0001',
			amount: 8000,
			pay_method: 'vbank',
			status: 'ready',
			started_at: now - 100 * DAY_S,
		});
		setAccount(payments.record('imp_vbank_expired_0001'), {
			code: '088',
			holder: '(주)예시상점',
			due: now - 97 * DAY_S,
			issuedAt: now - 100 * DAY_S,
		});
	}

	seed();
	return { route, revoke, modify, MESSAGES };
}

module.exports = { prefix: 'vbanks', create: createVbanks, MESSAGES };
