'use strict';
/**
 * What the simulator's raw-HTTP /vbanks tests (test/simulatorVbanks*.test.js) share: the clock's
 * start, an issue body, and calls on the current test's `world` (from rawSimulatorPerTest).
 */
const START = 1_790_000_000;
const DAY = 24 * 60 * 60;

const issueBody = (fields = {}) => ({
	channel_key: 'channel-key-settle',
	merchant_uid: 'order_vbank_issue_0001',
	amount: 27000,
	vbank_code: '004',
	vbank_due: START + 3 * DAY,
	vbank_holder: '예시상점',
	name: '가상계좌 주문',
	...fields,
});

/** Calls on `world`, read when a test makes them. */
function vbankCalls(world) {
	const close = (impUid) => world.http.delete(`/vbanks/${encodeURIComponent(impUid)}`);
	const modify = (impUid, body) => world.http.put(`/vbanks/${encodeURIComponent(impUid)}`, body);
	const payment = async (impUid) =>
		(await world.http.get(`/payments/${encodeURIComponent(impUid)}`)).data.response;
	const closedCount = (impUid) => world.sim.changes.count('vbank.revoked', impUid);
	return { close, modify, payment, closedCount };
}

module.exports = { START, DAY, issueBody, vbankCalls };
