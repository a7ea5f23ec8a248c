'use strict';
/**
 * Part of the /payments family (test/simulator/payments.js): the wording of its refusals and
 * misses, which the look-ups, the refund and the tests share.
 */

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

module.exports = { MESSAGES };
