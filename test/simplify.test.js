'use strict';
/** Simplify (on by default, n8n's convention): the payment in short on the look-up and refund operations of both nodes. */
const { startWorld, outcomes } = require('./helpers/setup');
const { startPortOneWorld } = require('./helpers/portoneSetup');
const { paymentGet, paymentCancel, paymentGetManyByIds } = require('./helpers/parameters');
const { portOnePaymentGet, portOneRefund } = require('./helpers/parameters');

const V1_KEYS = [
	'imp_uid',
	'merchant_uid',
	'status',
	'amount',
	'refunded_amount',
	'remaining_amount',
	'pay_method',
	'paid_at',
	'name',
	'receipt_url',
];
const V2_KEYS = [
	'paymentId',
	'transactionId',
	'status',
	'total',
	'cancelled',
	'remaining',
	'method',
	'paidAt',
	'orderName',
	'receiptUrl',
];
const withoutSimplify = ({ simplify, ...parameters }) => parameters;

let world;
afterEach(async () => world?.simulator.stop());

describe("I'mport node", () => {
	beforeEach(async () => {
		world = await startWorld();
	});

	test('Get: the default is the short form, ten fields an operator decides on', async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_partial_0001' }],
			withoutSimplify(paymentGet()),
		);
		expect(Object.keys(success[0].json.response)).toEqual(V1_KEYS);
		expect(success[0].json.response).toMatchObject({
			amount: 10000,
			refunded_amount: 1000,
			remaining_amount: 9000,
			status: 'cancelled',
		});
		expect(success[0].json.response.paid_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
	});

	test('Get with Simplify off: the whole PaymentAnnotation', async () => {
		const { success } = await world.engine.run([{ imp_uid: 'imp_pay_partial_0001' }], paymentGet());
		expect(success[0].json.response.cancel_history).toBeDefined();
	});

	test('every attempt under a merchant_uid, and Get Many, in short too', async () => {
		const all = await world.engine.run(
			[{ merchant_uid: 'order_retry_0001' }],
			withoutSimplify(
				paymentGet({ lookUpBy: 'merchantUidAll', merchantUid: '={{ $json.merchant_uid }}' }),
			),
		);
		expect(all.success[0].json.response.list.map((p) => Object.keys(p))).toEqual([
			V1_KEYS,
			V1_KEYS,
		]);
		const many = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0001' }],
			withoutSimplify(paymentGetManyByIds()),
		);
		expect(Object.keys(many.success[0].json.response)).toEqual(V1_KEYS);
	});

	test('Cancel (refund): the payment after the refund, in short', async () => {
		const { success } = await world.engine.run(
			[{ imp_uid: 'imp_pay_card_0002', mode: 'partial', amount: 5000 }],
			withoutSimplify(paymentCancel()),
		);
		expect(outcomes(success)).toEqual(['partially_refunded']);
		expect(success[0].json.payment).toMatchObject({
			refunded_amount: 5000,
			remaining_amount: 45000,
		});
		expect(Object.keys(success[0].json.payment)).toEqual(V1_KEYS);
	});
});

describe('PortOne node', () => {
	beforeEach(async () => {
		world = await startPortOneWorld();
	});

	test('Get and Cancel (refund): the short form by default, the whole Payment with Simplify off', async () => {
		const got = await world.engine.run(
			[{ paymentId: 'pay-partial-0001' }],
			withoutSimplify(portOnePaymentGet()),
		);
		expect(Object.keys(got.success[0].json.response)).toEqual(V2_KEYS);
		expect(got.success[0].json.response).toMatchObject({
			total: 10000,
			cancelled: 3000,
			remaining: 7000,
			method: 'PaymentMethodCard',
		});
		const full = await world.engine.run([{ paymentId: 'pay-partial-0001' }], portOnePaymentGet());
		expect(full.success[0].json.response.cancellations).toBeDefined();
		const refunded = await world.engine.run(
			[{ paymentId: 'pay-card-0001', mode: 'full' }],
			withoutSimplify(portOneRefund()),
		);
		expect(Object.keys(refunded.success[0].json.payment)).toEqual(V2_KEYS);
	});

	test('as an AI tool the short form is kept', async () => {
		const { success } = await world.engine.run(
			[{ paymentId: 'pay-card-0001' }],
			withoutSimplify(portOnePaymentGet()),
			{
				nodeSettings: { type: 'n8n-nodes-iamport.portOneTool' },
			},
		);
		expect(Object.keys(success[0].json.response)).toEqual(V2_KEYS);
	});
});
