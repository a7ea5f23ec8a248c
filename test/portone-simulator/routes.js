'use strict';
/**
 * The operations the simulator answers, one line each: method, path (`:name` = one decoded path
 * segment), the spec's operationId (portone-io/developers.portone.io `src/schema/v2.openapi.json`),
 * where it takes storeId (a query parameter, a body field, or its list filter) and its handler
 * `run(ctx) -> [httpStatus, body]`.
 */
const paymentRoutes = require('./paymentRoutes');
const cashReceiptRoutes = require('./cashReceiptRoutes');
const { cancelPayment } = require('./cancel');

const ROUTES = [
	{
		method: 'GET',
		path: ['payments'],
		op: 'getPayments',
		storeIn: 'filter',
		listBody: true,
		run: paymentRoutes.getPayments,
	},
	{
		method: 'GET',
		path: ['payments', ':paymentId'],
		op: 'getPayment',
		storeIn: 'query',
		run: paymentRoutes.getPayment,
	},
	{
		method: 'POST',
		path: ['payments', ':paymentId', 'cancel'],
		op: 'cancelPayment',
		storeIn: 'body',
		run: cancelPayment,
	},
	{
		method: 'GET',
		path: ['payments', ':paymentId', 'cash-receipt'],
		op: 'getCashReceiptByPaymentId',
		storeIn: 'query',
		run: cashReceiptRoutes.getCashReceiptByPaymentId,
	},
	{
		method: 'POST',
		path: ['payments', ':paymentId', 'cash-receipt', 'cancel'],
		op: 'cancelCashReceiptByPaymentId',
		storeIn: 'query',
		noBody: true,
		run: cashReceiptRoutes.cancelCashReceiptByPaymentId,
	},
	{
		method: 'GET',
		path: ['cash-receipts'],
		op: 'getCashReceipts',
		storeIn: 'filter',
		listBody: true,
		run: cashReceiptRoutes.getCashReceipts,
	},
	{
		method: 'POST',
		path: ['cash-receipts'],
		op: 'issueCashReceipt',
		storeIn: 'body',
		run: cashReceiptRoutes.issueCashReceipt,
	},
];

/** The route and its decoded path parameters for a method and decoded segments, or null. */
function match(method, segments) {
	for (const route of ROUTES) {
		if (route.method !== method || route.path.length !== segments.length) continue;
		const params = {};
		const ok = route.path.every((part, n) => {
			if (part.startsWith(':')) {
				params[part.slice(1)] = segments[n];
				return segments[n] !== '';
			}
			return part === segments[n];
		});
		if (ok) return { route, params };
	}
	return null;
}

module.exports = { ROUTES, match };
