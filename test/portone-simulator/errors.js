'use strict';
/**
 * PortOne V2 error answers: `{ type, message }` (+ `pgCode`, `pgMessage` for PG_PROVIDER), sent
 * with the HTTP status the error schema declares in `x-portone-status-code`
 * (portone-io/developers.portone.io `src/schema/v2.openapi.json`, components.schemas.*Error).
 * Only the types the simulated operations can answer are listed; a type missing here is a bug in
 * the simulator, so `error()` throws instead of guessing a status.
 */

/** type -> HTTP status, copied from the spec's `x-portone-status-code` of each *Error schema. */
const STATUS_OF = {
	INVALID_REQUEST: 400,
	NEGATIVE_PROMOTION_ADJUSTED_CANCEL_AMOUNT: 400,
	PROMOTION_DISCOUNT_RETAIN_OPTION_SHOULD_NOT_BE_CHANGED: 400,
	UNAUTHORIZED: 401,
	FORBIDDEN: 403,
	PAYMENT_NOT_FOUND: 404,
	CASH_RECEIPT_NOT_FOUND: 404,
	CASH_RECEIPT_NOT_ISSUED: 404,
	CHANNEL_NOT_FOUND: 404,
	PAYMENT_NOT_PAID: 409,
	PAYMENT_ALREADY_CANCELLED: 409,
	CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN: 409,
	CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT: 409,
	SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT: 409,
	CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT: 409,
	CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT: 409,
	MAX_CANCEL_COUNT_REACHED: 409,
	CASH_RECEIPT_ALREADY_ISSUED: 409,
	PG_PROVIDER: 502,
	// Not in the spec: the API overview's `#idempotency-key` section names this 409 answer.
	IDEMPOTENCY_OUTSTANDING_REQUEST: 409,
	// Not in the spec (inferred): an unknown route, and reusing an idempotency key for another
	// request, which draft-ietf-httpapi-idempotency-key-header §2.7 answers with 422.
	NOT_FOUND: 404,
	IDEMPOTENCY_KEY_REUSED: 422,
};

/** Which error types each simulated operation declares (spec `*Error` discriminator mappings). */
const DECLARED = {
	getPayment: ['INVALID_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'PAYMENT_NOT_FOUND'],
	getPayments: ['INVALID_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN'],
	cancelPayment: [
		'INVALID_REQUEST',
		'NEGATIVE_PROMOTION_ADJUSTED_CANCEL_AMOUNT',
		'PROMOTION_DISCOUNT_RETAIN_OPTION_SHOULD_NOT_BE_CHANGED',
		'UNAUTHORIZED',
		'FORBIDDEN',
		'PAYMENT_NOT_FOUND',
		'PAYMENT_NOT_PAID',
		'PAYMENT_ALREADY_CANCELLED',
		'CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN',
		'CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT',
		'SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT',
		'CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT',
		'CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT',
		'MAX_CANCEL_COUNT_REACHED',
		'PG_PROVIDER',
	],
	getCashReceiptByPaymentId: [
		'INVALID_REQUEST',
		'UNAUTHORIZED',
		'FORBIDDEN',
		'CASH_RECEIPT_NOT_FOUND',
	],
	getCashReceipts: ['INVALID_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN'],
	issueCashReceipt: [
		'INVALID_REQUEST',
		'UNAUTHORIZED',
		'FORBIDDEN',
		'CHANNEL_NOT_FOUND',
		'CASH_RECEIPT_ALREADY_ISSUED',
		'PG_PROVIDER',
	],
	cancelCashReceiptByPaymentId: [
		'INVALID_REQUEST',
		'UNAUTHORIZED',
		'FORBIDDEN',
		'CASH_RECEIPT_NOT_ISSUED',
		'CASH_RECEIPT_NOT_FOUND',
		'PG_PROVIDER',
	],
};

/** Returns [httpStatus, body] for an error type. */
function error(type, message, extra = {}) {
	const status = STATUS_OF[type];
	if (!status) throw new Error(`the simulator has no status for error type ${type}`);
	if (
		type === 'PG_PROVIDER' &&
		(typeof extra.pgCode !== 'string' || typeof extra.pgMessage !== 'string')
	) {
		throw new Error('PG_PROVIDER needs pgCode and pgMessage (both required by PgProviderError)');
	}
	return [status, { type, message, ...extra }];
}

const invalid = (message) => error('INVALID_REQUEST', message);

/** Thrown by validators deep inside a route; the server turns it into its answer. */
class ApiError extends Error {
	constructor(type, message, extra) {
		super(message);
		this.answer = error(type, message, extra);
	}
}

module.exports = { STATUS_OF, DECLARED, error, invalid, ApiError };
