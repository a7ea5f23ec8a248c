import type { OutcomeTable } from '../../../engine/outcome';

/**
 * GET /payments/{paymentId}/cash-receipt (getCashReceiptByPaymentId): 404 CASH_RECEIPT_NOT_FOUND
 * (portone-io/developers.portone.io `src/schema/v2.openapi.json`).
 */
export const receiptLookupOutcomes: OutcomeTable = {
	success: 'found',
	byStatus: { 400: 'invalid_request', 403: 'forbidden', 404: 'not_found' },
	byType: {
		CASH_RECEIPT_NOT_FOUND: 'not_found',
		INVALID_REQUEST: 'invalid_request',
		FORBIDDEN: 'forbidden',
	},
};

/** A payment's receipt path. */
export const RECEIPT_PATH = '/cash-receipt';
