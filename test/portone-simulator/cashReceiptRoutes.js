'use strict';
/**
 * The cash-receipt operations (portone-io/developers.portone.io `src/schema/v2.openapi.json`,
 * category payment.cashReceipt): getCashReceiptByPaymentId, getCashReceipts, issueCashReceipt,
 * cancelCashReceiptByPaymentId.
 *
 * Inferred where the spec only names the errors: cancel answers CASH_RECEIPT_NOT_FOUND when there
 * is no receipt for the payment at all (the only 404 the look-up declares for that case) and
 * CASH_RECEIPT_NOT_ISSUED when there is one that is not in ISSUED state (ISSUE_FAILED, or
 * CANCELLED already); issue refuses only over an ISSUED receipt (CANCELLED or ISSUE_FAILED ones
 * may be issued again) and records ISSUE_FAILED when the PG refuses; list filters on a time the
 * receipt lacks (e.g. CANCELLED_AT of an issued one) leave it out, except ISSUE_FAILED receipts,
 * which have no issuedAt and are placed by statusUpdatedAt; orderName matches as a substring.
 */
const v = require('./validate');
const { error } = require('./errors');
const { PG_REFUSAL } = require('./accounts');
const E = require('./enums');
const { readPage, readWindow, sortBy, pageOf } = require('./paging');

const TIME_FIELD = {
	ISSUED_AT: 'issuedAt',
	CANCELLED_AT: 'cancelledAt',
	STATUS_UPDATED_AT: 'statusUpdatedAt',
};

function getCashReceiptByPaymentId({ sim, storeId, params }) {
	const record = sim.cashReceipts.find(params.paymentId, storeId);
	if (!record) return error('CASH_RECEIPT_NOT_FOUND', '현금영수증이 존재하지 않습니다.');
	return [200, sim.cashReceipts.view(record)];
}

function cancelCashReceiptByPaymentId({ sim, storeId, params }) {
	const record = sim.cashReceipts.find(params.paymentId, storeId);
	if (!record) return error('CASH_RECEIPT_NOT_FOUND', '현금영수증이 존재하지 않습니다.');
	if (record.status !== 'ISSUED')
		return error(
			'CASH_RECEIPT_NOT_ISSUED',
			`현금영수증이 발급된 상태가 아닙니다 (${record.status}).`,
		);
	if (record.channel?.cashReceipt === 'refuse')
		return error('PG_PROVIDER', 'PG사에서 오류를 전달했습니다.', PG_REFUSAL);
	sim.cashReceipts.cancel(record);
	return [
		200,
		{ cancelledAmount: record.amount, cancelledAt: new Date(record.cancelledAt).toISOString() },
	];
}

function readIssueBody(body) {
	const input = v.object(body, 'request body');
	const amount = v.object(input.amount, 'amount');
	const customer = v.object(input.customer, 'customer');
	const out = {
		paymentId: v.string(input.paymentId, 'paymentId', { required: true, nonEmpty: true }),
		channelKey: v.string(input.channelKey, 'channelKey', { required: true, nonEmpty: true }),
		type: v.oneOf(input.type, 'type', E.CASH_RECEIPT_TYPE, { required: true }),
		orderName: v.string(input.orderName, 'orderName', { required: true }),
		currency: v.string(input.currency, 'currency', { required: true }),
		total: v.integer(amount.total, 'amount.total', { required: true, min: 1 }),
		taxFree: v.integer(amount.taxFree, 'amount.taxFree', { min: 0 }) ?? 0,
		vat: v.integer(amount.vat, 'amount.vat', { min: 0 }),
		productType: v.oneOf(input.productType, 'productType', E.PAYMENT_PRODUCT_TYPE),
		identityNumber: v.string(customer.identityNumber, 'customer.identityNumber', {
			required: true,
			nonEmpty: true,
		}),
		identityNumberType: v.oneOf(
			customer.identityNumberType,
			'customer.identityNumberType',
			E.IDENTITY_NUMBER_TYPE,
		),
		paidAt: v.dateTime(input.paidAt, 'paidAt'),
		businessRegistrationNumber: v.string(
			input.businessRegistrationNumber,
			'businessRegistrationNumber',
		),
		paymentMethod: v.oneOf(
			input.paymentMethod,
			'paymentMethod',
			E.ISSUE_CASH_RECEIPT_PAYMENT_METHOD,
		),
	};
	// Currency: an ISO 4217 code (the spec's enum has 181; their shape is checked, not the list).
	if (!/^[A-Z]{3}$/.test(out.currency)) v.fail('currency must be an ISO 4217 code');
	if (out.taxFree > out.total) v.fail('amount.taxFree must not exceed amount.total');
	if (out.vat !== undefined && out.taxFree + out.vat > out.total)
		v.fail('amount.taxFree + amount.vat must not exceed amount.total');
	return out;
}

function issueCashReceipt({ sim, storeId, body }) {
	const input = readIssueBody(body);
	const channel = sim.accounts.channelByKey(storeId, input.channelKey);
	if (!channel)
		return error(
			'CHANNEL_NOT_FOUND',
			`채널 ${input.channelKey.slice(0, 80)}이(가) 존재하지 않습니다.`,
		);
	const existing = sim.cashReceipts.find(input.paymentId, storeId);
	if (existing?.status === 'ISSUED')
		return error('CASH_RECEIPT_ALREADY_ISSUED', '현금영수증이 이미 발급되었습니다.');
	const fields = {
		storeId,
		paymentId: input.paymentId,
		channel,
		amount: input.total,
		taxFreeAmount: input.taxFree,
		vatAmount: input.vat,
		currency: input.currency,
		orderName: input.orderName,
		type: input.type,
		isManual: true,
	};
	if (channel.cashReceipt === 'refuse') {
		sim.cashReceipts.put({ ...fields, status: 'ISSUE_FAILED' });
		return error('PG_PROVIDER', 'PG사에서 오류를 전달했습니다.', PG_REFUSAL);
	}
	const record = sim.cashReceipts.put(fields);
	return [
		200,
		{
			cashReceipt: {
				issueNumber: record.issueNumber,
				url: record.url,
				pgReceiptId: record.pgReceiptId,
			},
		},
	];
}

function readListQuery(body, { account, sim }) {
	const input = v.absent(body) ? {} : v.object(body, 'request body');
	const page = readPage(input.page);
	const sort = v.absent(input.sort) ? {} : v.object(input.sort, 'sort');
	const by = v.oneOf(sort.by, 'sort.by', E.CASH_RECEIPT_SORT_BY) ?? 'ISSUED_AT';
	const order = v.oneOf(sort.order, 'sort.order', E.SORT_ORDER) ?? 'DESC';
	const filter = v.absent(input.filter) ? {} : v.object(input.filter, 'filter');
	v.refuseUnsimulated(filter, ['pgCompanies'], 'filter');
	let stores = account.storeIds;
	if (!v.absent(filter.storeId)) {
		const found = sim.accounts.storeFor(account, v.string(filter.storeId, 'filter.storeId'));
		if (found.error) return { forbidden: found.error };
		stores = [found.storeId];
	}
	const rangeField =
		v.oneOf(filter.timeRangeField, 'filter.timeRangeField', E.CASH_RECEIPT_TIME_RANGE_FIELD) ??
		'ISSUED_AT';
	const window = readWindow(filter, sim.clock.nowMs());
	const statuses = v
		.list(filter.statuses, 'filter.statuses', Object.keys(E.CASH_RECEIPT_FILTER_STATUS))
		?.map((s) => E.CASH_RECEIPT_FILTER_STATUS[s]);
	const types = v.list(filter.types, 'filter.types', E.CASH_RECEIPT_TYPE);
	const pgProviders = v.list(filter.pgProviders, 'filter.pgProviders', E.PG_PROVIDER);
	const exact = {
		paymentId: v.string(filter.paymentId, 'filter.paymentId'),
		pgReceiptId: v.string(filter.pgReceiptId, 'filter.pgReceiptId'),
		version: v.oneOf(filter.version, 'filter.version', E.PORTONE_VERSION),
		isManual: v.boolean(filter.isManual, 'filter.isManual'),
	};
	const isTest = v.boolean(filter.isTest, 'filter.isTest');
	const pgMerchantId = v.string(filter.pgMerchantId, 'filter.pgMerchantId');
	const orderName = v.string(filter.orderName, 'filter.orderName');
	const timeOf = (field) => (r) =>
		r[TIME_FIELD[field]] ??
		(field === 'ISSUED_AT' && r.status === 'ISSUE_FAILED' ? r.statusUpdatedAt : undefined);
	const rangeTime = timeOf(rangeField);
	const matches = (r) => {
		const t = rangeTime(r);
		if (!stores.includes(r.storeId) || t === undefined || t < window.from || t > window.until)
			return false;
		if (statuses && !statuses.includes(r.status)) return false;
		if (types && !types.includes(r.type)) return false;
		if (pgProviders && !pgProviders.includes(r.channel?.pgProvider)) return false;
		if (Object.entries(exact).some(([k, want]) => want !== undefined && r[k] !== want))
			return false;
		if (isTest !== undefined && (r.channel?.type === 'TEST') !== isTest) return false;
		if (pgMerchantId !== undefined && r.channel?.pgMerchantId !== pgMerchantId) return false;
		return orderName === undefined || r.orderName.includes(orderName);
	};
	return { page, matches, sortTime: timeOf(by), order };
}

function getCashReceipts(ctx) {
	const query = readListQuery(ctx.body, ctx);
	if (query.forbidden) return error('FORBIDDEN', `접근 권한이 없습니다: ${query.forbidden}`);
	const { sim } = ctx;
	const found = [...sim.cashReceipts.records.values()].filter(query.matches);
	const ordered = sortBy(found, query.sortTime, query.order, (r) => `${r.storeId} ${r.paymentId}`);
	const { items, page } = pageOf(ordered, query.page, sim.options.totalCount);
	return [200, { items: items.map((r) => sim.cashReceipts.view(r)), page }];
}

module.exports = {
	getCashReceiptByPaymentId,
	getCashReceipts,
	issueCashReceipt,
	cancelCashReceiptByPaymentId,
};
