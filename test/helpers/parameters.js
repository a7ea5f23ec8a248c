'use strict';
/** Node parameters for each operation, as the editor would save them; `extra` overrides or adds fields. */

const cancel = (extra = {}) => ({
	resource: 'cashReceipt',
	operation: 'cancel',
	impUid: '={{ $json.imp_uid }}',
	...extra,
});

const get = (extra = {}) => ({
	resource: 'cashReceipt',
	operation: 'get',
	impUid: '={{ $json.imp_uid }}',
	...extra,
});

const issue = (extra = {}) => ({
	resource: 'cashReceipt',
	operation: 'issue',
	impUid: '={{ $json.imp_uid }}',
	identifier: '={{ $json.phone }}',
	...extra,
});

const external = (operation, extra = {}) => ({
	resource: 'externalCashReceipt',
	operation,
	merchantUid: '={{ $json.merchant_uid }}',
	...extra,
});

const externalIssue = (extra = {}) =>
	external('issue', {
		channelKey: '={{ $json.channel_key }}',
		orderName: 'Refund correction',
		amount: '={{ $json.amount }}',
		identifier: '01099998888',
		...extra,
	});

/** The Options collection with a short first retry wait, so retry tests stay quick. */
const quickRetries = (extra = {}) => ({ retryWaitMs: 10, ...extra });

module.exports = { cancel, get, issue, external, externalIssue, quickRetries };

/** Payment → Get by imp_uid (or `lookUpBy` merchantUid / merchantUidAll with `merchantUid`). */
const paymentGet = (extra = {}) => ({
	resource: 'payment',
	operation: 'get',
	impUid: '={{ $json.imp_uid }}',
	simplify: false,
	...extra,
});

/** Payment → Get Many for each item's imp_uid, 100 per request. */
const paymentGetManyByIds = (extra = {}) => ({
	resource: 'payment',
	operation: 'getMany',
	selectBy: 'impUid',
	// The full PaymentAnnotation, as these tests read it; Simplify has tests of its own.
	simplify: false,
	impUid: '={{ $json.imp_uid }}',
	...extra,
});

/** Payment → Get Many by status and time window (`from`/`to` ISO text or expressions). */
const paymentGetManyByStatus = (extra = {}) => ({
	resource: 'payment',
	operation: 'getMany',
	selectBy: 'statusWindow',
	// The full PaymentAnnotation, as these tests read it; Simplify has tests of its own.
	simplify: false,
	...extra,
});

module.exports.paymentGet = paymentGet;
module.exports.paymentGetManyByIds = paymentGetManyByIds;
module.exports.paymentGetManyByStatus = paymentGetManyByStatus;

/** Payment Cancel (refund): mode, amount, reference and reason from each item (`mode` 'full' | 'partial'). */
const paymentCancel = (extra = {}) => ({
	resource: 'payment',
	operation: 'cancel',
	refundBy: 'impUid',
	// The full PaymentAnnotation, as these tests read it; Simplify has tests of its own.
	simplify: false,
	impUid: '={{ $json.imp_uid }}',
	refundMode: '={{ $json.mode }}',
	amount: '={{ $json.amount }}',
	refundReference: '={{ $json.ref ?? "" }}',
	reason: '={{ $json.reason ?? "" }}',
	...extra,
});

module.exports.paymentCancel = paymentCancel;

/** PortOne (V2) Payment → Get by each item's paymentId. */
module.exports.portOnePaymentGet = (extra = {}) => ({
	resource: 'payment',
	operation: 'get',
	simplify: false,
	paymentId: '={{ $json.paymentId }}',
	...extra,
});

/** PortOne (V2) Payment → Cancel (refund): mode, amount, reference and reason from each item. */
module.exports.portOneRefund = (extra = {}) => ({
	resource: 'payment',
	operation: 'cancel',
	simplify: false,
	paymentId: '={{ $json.paymentId }}',
	refundMode: '={{ $json.mode }}',
	amount: '={{ $json.amount }}',
	refundReference: '={{ $json.ref ?? "" }}',
	reason: '={{ $json.reason ?? "" }}',
	options: { retryWaitMs: 1 },
	...extra,
});

/** PortOne (V2) Cash Receipt operations by each item's paymentId. */
module.exports.portOneReceipt = (operation, extra = {}) => ({
	resource: 'cashReceipt',
	operation,
	paymentId: '={{ $json.paymentId }}',
	...extra,
});
/** Virtual Account → Cancel Issuance (DELETE /vbanks/{imp_uid}, after the payment's look-up). */
const vbankCancel = (extra = {}) => ({
	resource: 'virtualAccount',
	operation: 'cancelIssuance',
	impUid: '={{ $json.imp_uid }}',
	...extra,
});

/** Virtual Account → Update Due Date (PUT /vbanks/{imp_uid}): `due` from each item; `amount` via vbankFields. */
const vbankUpdateDueDate = (extra = {}) => ({
	resource: 'virtualAccount',
	operation: 'updateDueDate',
	impUid: '={{ $json.imp_uid }}',
	dueDate: '={{ $json.due }}',
	...extra,
});

/** Virtual Account → Get (GET /payments/{imp_uid}, with a virtual_account summary). */
const vbankGet = (extra = {}) => ({
	resource: 'virtualAccount',
	operation: 'get',
	impUid: '={{ $json.imp_uid }}',
	...extra,
});

module.exports.vbankCancel = vbankCancel;
module.exports.vbankUpdateDueDate = vbankUpdateDueDate;
module.exports.vbankGet = vbankGet;

/** Subscription → Get Schedules by merchant_uid (one schedule). */
const scheduleGet = (extra = {}) => ({
	resource: 'subscription',
	operation: 'getSchedules',
	scheduleBy: 'merchantUid',
	merchantUid: '={{ $json.merchant_uid }}',
	...extra,
});

/** Subscription → Get Schedules of each item's customer_uid (`scheduleFrom`/`scheduleTo`, `scheduleStatus`). */
const schedulesOfCustomer = (extra = {}) => ({
	resource: 'subscription',
	operation: 'getSchedules',
	scheduleBy: 'customerUid',
	customerUid: '={{ $json.customer_uid }}',
	...extra,
});

/** Subscription → Get Schedules in a time window (`scheduleFrom`/`scheduleTo`, `scheduleStatus`, `scheduleSort`). */
const schedulesInWindow = (extra = {}) => ({
	resource: 'subscription',
	operation: 'getSchedules',
	scheduleBy: 'window',
	...extra,
});

/** Subscription → Unschedule: each item's customer_uid and (optional) merchant_uids, text or a list. */
const unschedule = (extra = {}) => ({
	resource: 'subscription',
	operation: 'unschedule',
	customerUid: '={{ $json.customer_uid }}',
	merchantUids: '={{ $json.merchant_uids ?? "" }}',
	...extra,
});

/** Subscription → Get Billing Key of each item's customer_uid. */
const billingKeyGet = (extra = {}) => ({
	resource: 'subscription',
	operation: 'getBillingKey',
	customerUid: '={{ $json.customer_uid }}',
	...extra,
});

/** Subscription → Delete Billing Key of each item's customer_uid (look-up first). */
const billingKeyDelete = (extra = {}) => ({
	resource: 'subscription',
	operation: 'deleteBillingKey',
	customerUid: '={{ $json.customer_uid }}',
	...extra,
});

Object.assign(module.exports, {
	scheduleGet,
	schedulesOfCustomer,
	schedulesInWindow,
	unschedule,
	billingKeyGet,
	billingKeyDelete,
});
