'use strict';
/**
 * What the test/portoneSimulatorCancel*.test.js files share: POST /payments/{paymentId}/cancel
 * against the simulator of simulatorPerTest() (./portoneHttp), how many cancellations moved money
 * for a payment, the webhooks sent, and a refund account that passes the simulator's checks.
 */

/** The cancel call and the counters of the simulator in `t`, read when called (a new one per test). */
function cancelling(t) {
	const cancel = (id, body) => t.api.post(`/payments/${encodeURIComponent(id)}/cancel`, body);
	const moved = (id) => t.sim.payments.appliedCancellations(id);
	const eventTypes = () => t.sim.webhooks.events.map((e) => `${e.type} ${e.data.paymentId}`);
	return { cancel, moved, eventTypes };
}
const REFUND_ACCOUNT = {
	bank: 'KOOKMIN',
	number: '12345678901234',
	holderName: '홍길동',
	holderPhoneNumber: '01012345678',
};

module.exports = { cancelling, REFUND_ACCOUNT };
