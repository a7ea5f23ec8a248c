'use strict';
/**
 * readWebhookBody (nodes/PortOneTrigger/webhookBody.ts) on both webhook versions, JSON and form:
 * the documented examples, unknown types and fields, each version's own refusals, and what the
 * simulator sends.
 */
const { readWebhookBody } = require('../dist/nodes/PortOneTrigger/webhookBody.js');
const { encode, LEGACY_STATUS } = require('./portone-simulator/webhooks');
const {
	FORM_TYPE,
	TIME,
	json,
	current,
	refusal,
	refusalOf,
} = require('./helpers/portoneWebhookBody');

describe('version 2024-04-25', () => {
	test("the guide's example (no storeId) reads into the common shape", () => {
		const body = {
			type: 'Transaction.Cancelled',
			timestamp: TIME,
			data: {
				paymentId: 'example-payment-id',
				transactionId: '55451513-9763-4a7a-bb43-78a4c65be843',
				cancellationId: '0cdd91e9-4e7c-44a3-a72e-1a6511826c2b',
			},
		};
		expect(json(body)).toEqual({
			version: '2024-04-25',
			type: 'Transaction.Cancelled',
			known: true,
			timestamp: TIME,
			status: null,
			storeId: null,
			paymentId: 'example-payment-id',
			transactionId: '55451513-9763-4a7a-bb43-78a4c65be843',
			cancellationId: '0cdd91e9-4e7c-44a3-a72e-1a6511826c2b',
			billingKey: null,
			totalAmount: null,
			body,
		});
	});

	test('billing keys, Confirm with its amount, storeId when sent, as a string or a Buffer', () => {
		const billing = current('BillingKey.Issued', {
			billingKey: 'billing-key-1',
			storeId: 'store-1',
		});
		expect(billing).toMatchObject({
			billingKey: 'billing-key-1',
			storeId: 'store-1',
			paymentId: null,
		});
		const confirm = current('Transaction.Confirm', { paymentId: 'p', totalAmount: 1000 });
		expect(confirm).toMatchObject({ type: 'Transaction.Confirm', known: true, totalAmount: 1000 });
		const text = JSON.stringify({
			type: 'Transaction.Paid',
			timestamp: TIME,
			data: { paymentId: '주문 #1?' },
		});
		expect(readWebhookBody('Application/JSON; charset=utf-8', text).paymentId).toBe('주문 #1?');
	});

	test('unknown fields are ignored (and kept in body); an unknown type is not read at all', () => {
		const read = current('Transaction.Paid', { paymentId: 'p', extra: { x: 1 } }, { more: true });
		expect(read).toMatchObject({ known: true, paymentId: 'p' });
		expect(read.body.more).toBe(true);
		for (const data of [{ paymentId: 'a/b' }, 'not an object', undefined]) {
			const unknown = json({ type: 'Transaction.SomethingNew', data });
			expect(unknown).toMatchObject({
				version: '2024-04-25',
				type: 'Transaction.SomethingNew',
				known: false,
			});
			expect(unknown.paymentId).toBeNull();
		}
	});

	test.each([
		[
			{ type: 'Transaction.Paid', data: { paymentId: 'p' } },
			'timestamp must be an RFC 3339 date-time',
		],
		[
			{ type: 'Transaction.Paid', timestamp: '25/04/2024', data: { paymentId: 'p' } },
			'timestamp must be',
		],
		[
			{ type: 'Transaction.Paid', timestamp: '2024-13-01T00:00:00Z', data: { paymentId: 'p' } },
			'timestamp',
		],
		[{ type: 'Transaction.Paid', timestamp: TIME }, 'data must be an object'],
		[{ type: 'Transaction.Paid', timestamp: TIME, data: [] }, 'data must be an object'],
		[{ type: 'Transaction.Paid', timestamp: TIME, data: {} }, 'paymentId is missing'],
		[
			{ type: 'Transaction.Paid', timestamp: TIME, data: { paymentId: '' } },
			'paymentId is missing',
		],
		[
			{ type: 'BillingKey.Deleted', timestamp: TIME, data: { storeId: 's' } },
			'billingKey is missing',
		],
		[
			{
				type: 'Transaction.Confirm',
				timestamp: TIME,
				data: { paymentId: 'p', totalAmount: '1e3' },
			},
			'totalAmount must be an amount',
		],
		[{ type: '', data: {} }, 'type is missing'],
		[{ type: 7, data: {} }, 'type must be a name of at most 100 characters'],
		[{ type: 'Transaction.\nPaid', data: {} }, 'type must be a name of at most 100 characters'],
	])('%j is refused: %s', (body, message) => {
		expect(refusalOf(body)).toContain(message);
	});
});

describe('version 2024-01-01', () => {
	test("the guide's example, as JSON and as a form", () => {
		const fields = {
			payment_id: 'example-payment-id',
			tx_id: '55451513-9763-4a7a-bb43-78a4c65be843',
			status: 'Ready',
		};
		const expected = {
			version: '2024-01-01',
			type: 'Transaction.Ready',
			known: true,
			timestamp: null,
			status: 'Ready',
			storeId: null,
			paymentId: 'example-payment-id',
			transactionId: '55451513-9763-4a7a-bb43-78a4c65be843',
			cancellationId: null,
			billingKey: null,
			totalAmount: null,
			body: fields,
		};
		expect(json(fields)).toEqual(expected);
		expect(readWebhookBody(FORM_TYPE, new URLSearchParams(fields).toString())).toEqual(expected);
	});

	test('form bodies: + is a space, escapes are UTF-8, empty pairs and unknown fields ignored', () => {
		const read = readWebhookBody(
			FORM_TYPE,
			Buffer.from('payment_id=%EC%A3%BC%EB%AC%B8+1&&status=Paid&extra&__proto__=x&'),
		);
		expect(read).toMatchObject({
			type: 'Transaction.Paid',
			paymentId: '주문 1',
			transactionId: null,
		});
		expect(read.body).toEqual({
			payment_id: '주문 1',
			status: 'Paid',
			extra: '',
			['__proto__']: 'x',
		});
		expect(Object.getPrototypeOf(read.body)).toBe(Object.prototype);
	});

	test('the confirm process sends total_amount and no status: Transaction.Confirm', () => {
		const body = 'payment_id=example-payment-id&tx_id=55451513&total_amount=1000';
		expect(readWebhookBody(FORM_TYPE, body)).toMatchObject({
			type: 'Transaction.Confirm',
			known: true,
			status: null,
			totalAmount: 1000,
		});
		expect(json({ payment_id: 'p', total_amount: 1000 }).totalAmount).toBe(1000);
		expect(refusal(FORM_TYPE, 'payment_id=p&total_amount=-1')).toBe(
			'total_amount must be an amount',
		);
	});

	test('an unknown status is not an error: known false, no event name, nothing else read', () => {
		expect(json({ payment_id: 'a/b', status: 'Refunded' })).toMatchObject({
			version: '2024-01-01',
			type: null,
			known: false,
			status: 'Refunded',
			paymentId: null,
		});
		expect(json({ payment_id: 'p', status: 'constructor' }).known).toBe(false);
	});

	test.each([
		[{ payment_id: 'p' }, 'status is missing'],
		[{ payment_id: 'p', status: 3 }, 'status must be a name of at most 100 characters'],
		[{ tx_id: 't', status: 'Paid' }, 'payment_id is missing'],
		[{ payment_id: ['p'], status: 'Paid' }, 'payment_id must be a string'],
		[{ payment_id: 'p', tx_id: 'a/b', status: 'Paid' }, 'tx_id holds a path or control character'],
	])('%j is refused: %s', (body, message) => {
		expect(refusalOf(body)).toBe(message);
	});
});

describe('what the simulator sends reads back as the event it sent', () => {
	const events = Object.keys(LEGACY_STATUS).map((type) => ({
		type,
		timestamp: TIME,
		data: {
			paymentId: 'pay-card-0001',
			storeId: 'store-1',
			transactionId: 'tx-1',
			cancellationId: 'c-1',
		},
	}));
	test.each([
		['2024-04-25', 'json'],
		['2024-01-01', 'json'],
		['2024-01-01', 'form'],
	])('%s %s', (version, format) => {
		for (const event of events) {
			const { contentType, text } = encode(event, version, format);
			const read = readWebhookBody(contentType, Buffer.from(text));
			expect(read).toMatchObject({
				version,
				type: event.type,
				known: true,
				paymentId: 'pay-card-0001',
				transactionId: 'tx-1',
			});
			expect(read.cancellationId).toBe(version === '2024-04-25' ? 'c-1' : null);
		}
	});
});
