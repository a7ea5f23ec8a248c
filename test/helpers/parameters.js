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
	...extra,
});

/** Payment → Get Many for each item's imp_uid, 100 per request. */
const paymentGetManyByIds = (extra = {}) => ({
	resource: 'payment',
	operation: 'getMany',
	selectBy: 'impUid',
	impUid: '={{ $json.imp_uid }}',
	...extra,
});

/** Payment → Get Many by status and time window (`from`/`to` ISO text or expressions). */
const paymentGetManyByStatus = (extra = {}) => ({
	resource: 'payment',
	operation: 'getMany',
	selectBy: 'statusWindow',
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
	impUid: '={{ $json.imp_uid }}',
	refundMode: '={{ $json.mode }}',
	amount: '={{ $json.amount }}',
	refundReference: '={{ $json.ref ?? "" }}',
	reason: '={{ $json.reason ?? "" }}',
	...extra,
});

module.exports.paymentCancel = paymentCancel;

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
