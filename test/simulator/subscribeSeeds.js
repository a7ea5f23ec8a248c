'use strict';
/**
 * The /subscribe family's seeds (subscribe.js plants them once per simulator), times on the
 * simulator's clock at start; d = days:
 *   billing key          card, PG          schedules (merchant_uid: status at start)
 *   cust_card_0001       신한카드, kcp      sch_0001_m1 executed paid -60d, sch_0001_m2 executed paid -30d,
 *                                          sch_0001_m0 revoked (was due -10d), sch_0001_m3 scheduled +1d,
 *                                          sch_0001_m4 scheduled +31d
 *   cust_card_0002       BC카드, nice       sch_0002_m1 executed failed -5d, sch_0002_m2 scheduled +2d
 *   cust_nosched_0003    삼성카드, kcp      none
 *   cust_tier_T01_0001   KB국민카드, kcp    sch_tier_T01_m1 scheduled +3d (seen only with Tier T01)
 */
const DAY_S = 24 * 60 * 60;

/**
 * @param {object} family  the parts of subscribe.js the seeds go through: the clock, writeKey(uid,
 *   fields, tier, pg) for a billing key, and the schedules (schedules.js) for their add()
 */
function seedSubscribe({ clock, writeKey, schedules }) {
	const now = clock.now();
	const day = (n) => now + n * DAY_S;
	const addCustomer = (uid, card, pg, tier = null) =>
		writeKey(
			uid,
			{
				card_number: card,
				customer_name: '홍길동',
				customer_email: 'buyer@example.test',
				inserted: day(-200),
				updated: day(-30),
			},
			tier,
			pg,
		);
	const addSchedule = (customer_uid, merchant_uid, at, amount, extra = {}) =>
		schedules.add({
			customer_uid,
			merchant_uid,
			schedule_at: day(at),
			amount,
			name: '월 정기구독',
			...extra,
		});
	addCustomer('cust_card_0001', '4140-0300-1234-5678', 'kcp');
	addCustomer('cust_card_0002', '9410-2000-0000-4321', 'nice');
	addCustomer('cust_nosched_0003', '3560-1111-2222-3333', 'kcp');
	addCustomer('cust_tier_T01_0001', '5365-1000-2000-3000', 'kcp', 'T01');
	addSchedule('cust_card_0001', 'sch_0001_m1', -60, 9900, {
		schedule_status: 'executed',
		payment_status: 'paid',
	});
	addSchedule('cust_card_0001', 'sch_0001_m2', -30, 9900, {
		schedule_status: 'executed',
		payment_status: 'paid',
	});
	addSchedule('cust_card_0001', 'sch_0001_m0', -10, 9900, {
		schedule_status: 'revoked',
		revoked_at: day(-15),
	});
	addSchedule('cust_card_0001', 'sch_0001_m3', 1, 9900);
	addSchedule('cust_card_0001', 'sch_0001_m4', 31, 9900);
	addSchedule('cust_card_0002', 'sch_0002_m1', -5, 29000, {
		schedule_status: 'executed',
		payment_status: 'failed',
		fail_reason: '[PG] 카드 한도초과',
	});
	addSchedule('cust_card_0002', 'sch_0002_m2', 2, 29000);
	schedules.add({
		customer_uid: 'cust_tier_T01_0001',
		tier: 'T01',
		merchant_uid: 'sch_tier_T01_m1',
		schedule_at: day(3),
		amount: 5000,
		name: '월 정기구독',
	});
}

module.exports = { seedSubscribe };
