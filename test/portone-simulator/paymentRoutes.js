'use strict';
/**
 * GET /payments/{paymentId} (getPayment) and GET /payments (getPayments), after
 * portone-io/developers.portone.io `src/schema/v2.openapi.json` (GetPaymentsBody,
 * PaymentFilterInput, PaymentTextSearch, GetPaymentsResponse).
 *
 * The simulator's choices where the spec is silent (inferred): from/until include both ends;
 * sortBy defaults to the timestampType's own time (CREATED_AT -> REQUESTED_AT, else
 * STATUS_CHANGED_AT) and sortOrder to DESC (the cash-receipt list documents DESC); textSearch
 * values match as case-sensitive substrings and several entries must all match; filter fields
 * the simulator does not implement are refused with a 400 naming them, never silently ignored.
 */
const v = require('./validate');
const { error } = require('./errors');
const {
	PAYMENT_FILTER_STATUS,
	METHOD_TYPE,
	PG_PROVIDER,
	PAYMENT_TIMESTAMP_TYPE,
	PAYMENT_SORT_BY,
	SORT_ORDER,
	PORTONE_VERSION,
} = require('./enums');
const { readPage, readWindow, sortBy, pageOf, PAYMENTS_PAGE_BOUND } = require('./paging');

const NOT_SIMULATED_FILTERS = [
	'isScheduled',
	'webhookStatus',
	'platformType',
	'isEscrow',
	'escrowStatus',
	'cardBrand',
	'cardType',
	'cardOwnerType',
	'giftCertificateType',
	'cashReceiptType',
	'cashReceiptStatus',
	'cashReceiptIssuedAtRange',
	'cashReceiptCancelledAtRange',
];

/** PaymentTextSearchField -> the strings of a record it searches. */
const TEXT_FIELDS = {
	PAYMENT_ID: (r) => [r.id],
	TX_ID: (r) => [r.transactionId],
	ORDER_NAME: (r) => [r.orderName],
	CUSTOMER_NAME: (r) => [r.customer?.name],
	CUSTOMER_EMAIL: (r) => [r.customer?.email],
	CUSTOMER_PHONE_NUMBER: (r) => [r.customer?.phoneNumber],
	PG_TX_ID: (r) => [r.pgTxId],
	PG_MERCHANT_ID: (r) => [r.channel?.pgMerchantId],
	CANCEL_REASON: (r) => r.cancellations.map((c) => c.reason),
	PG_CANCELLATION_ID: (r) => r.cancellations.map((c) => c.pgCancellationId),
	FAIL_REASON: (r) => [r.failure?.reason],
	VIRTUAL_ACCOUNT_NUMBER: (r) => [
		r.method?.type === 'PaymentMethodVirtualAccount' ? r.method.accountNumber : undefined,
	],
};
TEXT_FIELDS.ALL = (r) =>
	Object.values(TEXT_FIELDS)
		.filter((f) => f !== TEXT_FIELDS.ALL)
		.flatMap((f) => f(r));
const TEXT_FIELD_ENUM = [
	'ALL',
	'PAYMENT_ID',
	'TX_ID',
	'SCHEDULE_ID',
	'FAIL_REASON',
	'CARD_ISSUER',
	'CARD_ACQUIRER',
	'CARD_BIN',
	'CARD_NUMBER',
	'CARD_APPROVAL_NUMBER',
	'CARD_RECEIPT_NAME',
	'CARD_INSTALLMENT',
	'TRANS_BANK',
	'VIRTUAL_ACCOUNT_HOLDER_NAME',
	'VIRTUAL_ACCOUNT_BANK',
	'VIRTUAL_ACCOUNT_NUMBER',
	'PG_MERCHANT_ID',
	'PG_TX_ID',
	'PG_RECEIPT_ID',
	'RECEIPT_APPROVAL_NUMBER',
	'PG_CANCELLATION_ID',
	'CANCEL_REASON',
	'ORDER_NAME',
	'CUSTOMER_NAME',
	'CUSTOMER_EMAIL',
	'CUSTOMER_PHONE_NUMBER',
	'CUSTOMER_ADDRESS',
	'CUSTOMER_ZIPCODE',
	'USER_AGENT',
	'BILLING_KEY',
	'PROMOTION_ID',
	'GIFT_CERTIFICATION_APPROVAL_NUMBER',
];

function getPayment({ sim, storeId, params }) {
	const record = sim.payments.find(params.paymentId, storeId);
	if (!record) return error('PAYMENT_NOT_FOUND', '결제 건이 존재하지 않습니다.');
	return [200, sim.payments.view(record)];
}

function readTextSearch(value) {
	if (v.absent(value)) return [];
	if (!Array.isArray(value)) v.fail('filter.textSearch must be an array');
	return value.map((item, n) => {
		v.object(item, `filter.textSearch[${n}]`);
		const field = v.oneOf(item.field, `filter.textSearch[${n}].field`, TEXT_FIELD_ENUM, {
			required: true,
		});
		const text = v.string(item.value, `filter.textSearch[${n}].value`, { required: true });
		if (!TEXT_FIELDS[field])
			v.fail(`filter.textSearch field ${field} is valid for PortOne but not simulated here`);
		return { field, text };
	});
}

/** Reads GetPaymentsBody into a predicate, an order and a page; throws ApiError on bad input. */
function readQuery(body, { account, sim }) {
	const input = v.absent(body) ? {} : v.object(body, 'request body');
	const page = readPage(input.page, { bound: PAYMENTS_PAGE_BOUND });
	const filter = v.absent(input.filter) ? {} : v.object(input.filter, 'filter');
	v.refuseUnsimulated(filter, NOT_SIMULATED_FILTERS, 'filter');
	const merchantId = v.string(filter.merchantId, 'filter.merchantId');
	if (merchantId !== undefined && merchantId !== account.merchantId)
		return { forbidden: `merchant ${merchantId}` };
	let stores = account.storeIds;
	if (!v.absent(filter.storeId)) {
		const found = sim.accounts.storeFor(account, v.string(filter.storeId, 'filter.storeId'));
		if (found.error) return { forbidden: found.error };
		stores = [found.storeId];
	}
	const timestampType =
		v.oneOf(filter.timestampType, 'filter.timestampType', PAYMENT_TIMESTAMP_TYPE) ??
		'STATUS_CHANGED_AT';
	const window = readWindow(filter, sim.clock.nowMs());
	const statuses = v
		.list(filter.status, 'filter.status', Object.keys(PAYMENT_FILTER_STATUS))
		?.map((s) => PAYMENT_FILTER_STATUS[s]);
	const methods = v
		.list(filter.methods, 'filter.methods', Object.keys(METHOD_TYPE))
		?.map((m) => METHOD_TYPE[m]);
	const pgProviders = v.list(filter.pgProvider, 'filter.pgProvider', PG_PROVIDER);
	const isTest = v.boolean(filter.isTest, 'filter.isTest');
	const version = v.oneOf(filter.version, 'filter.version', PORTONE_VERSION);
	const currency = v.string(filter.currency, 'filter.currency');
	const sortField =
		v.oneOf(filter.sortBy, 'filter.sortBy', PAYMENT_SORT_BY) ??
		(timestampType === 'CREATED_AT' ? 'REQUESTED_AT' : 'STATUS_CHANGED_AT');
	const order = v.oneOf(filter.sortOrder, 'filter.sortOrder', SORT_ORDER) ?? 'DESC';
	const searches = readTextSearch(filter.textSearch);
	const timeOf = (r) => (timestampType === 'CREATED_AT' ? r.requestedAt : r.statusChangedAt);
	const matches = (r) => {
		const t = timeOf(r);
		if (!stores.includes(r.storeId) || t < window.from || t > window.until) return false;
		if (statuses && !statuses.includes(sim.payments.statusOf(r))) return false;
		if (methods && !methods.includes(r.method?.type)) return false;
		if (pgProviders && !pgProviders.includes(r.channel?.pgProvider)) return false;
		if (isTest !== undefined && (r.channel?.type === 'TEST') !== isTest) return false;
		if (version && r.version !== version) return false;
		if (currency && r.currency !== currency) return false;
		return searches.every(({ field, text }) =>
			TEXT_FIELDS[field](r).some((s) => typeof s === 'string' && s.includes(text)),
		);
	};
	const sortTime = (r) => (sortField === 'REQUESTED_AT' ? r.requestedAt : r.statusChangedAt);
	return { page, matches, sortTime, order };
}

function getPayments(ctx) {
	const query = readQuery(ctx.body, ctx);
	if (query.forbidden) return error('FORBIDDEN', `접근 권한이 없습니다: ${query.forbidden}`);
	const { sim } = ctx;
	const found = [...sim.payments.records.values()].filter(query.matches);
	const ordered = sortBy(found, query.sortTime, query.order, (r) => `${r.storeId} ${r.id}`);
	const { items, page } = pageOf(ordered, query.page, sim.options.totalCount);
	return [200, { items: items.map((r) => sim.payments.view(r)), page }];
}

module.exports = { getPayment, getPayments, TEXT_FIELDS };
