'use strict';
/**
 * What the PortOne (V2) Payment → Cancel engine tests share (test/portonePaymentCancel{Outcomes,
 * ReRuns,BadInput}.test.js): the refund requests that reached the simulator, each with its body,
 * and the money it moved for one payment.
 */

const cancels = (simulator) =>
	simulator.log
		.filter(
			(e) =>
				e.method === 'POST' && /\/cancel$/.test(e.rawPath) && e.rawPath.startsWith('/payments/'),
		)
		.map((e) => ({ ...e, body: JSON.parse(e.rawBody) }));
const moved = (simulator, id) => simulator.payments.moneyMoved.filter((m) => m.paymentId === id);

module.exports = { cancels, moved };
