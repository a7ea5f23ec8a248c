'use strict';
/**
 * readWebhookBody and the event lists (nodes/PortOneTrigger/webhookBody.ts, events.ts): both webhook
 * versions, JSON and form, the documented examples, unknown types and fields, every refusal.
 */
const { Webhook } = require('@portone/server-sdk');
const {
	readWebhookBody,
	isSelectedEvent,
	BadWebhookBody,
	WEBHOOK_EVENT_OPTIONS,
	KNOWN_EVENT_TYPES,
	DEFAULT_EVENTS,
	LEGACY_STATUS_EVENTS,
} = require('../dist/nodes/PortOneTrigger/webhookBody.js');
const { encode, LEGACY_STATUS } = require('./portone-simulator/webhooks');

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const TIME = '2024-04-25T10:00:00.000Z';
const json = (body) => readWebhookBody(JSON_TYPE, Buffer.from(JSON.stringify(body)));
const current = (type, data, extra = {}) => json({ type, timestamp: TIME, data, ...extra });
/** The BadWebhookBody message readWebhookBody throws, or 'read' when it reads the body. */
function refusal(contentType, rawBody) {
	try {
		readWebhookBody(contentType, rawBody);
		return 'read';
	} catch (error) {
		expect(error).toBeInstanceOf(BadWebhookBody);
		return error.message;
	}
}
const refusalOf = (body) => refusal(JSON_TYPE, JSON.stringify(body));

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

describe('refusals', () => {
	test.each([
		['', 'The body is empty'],
		['  \n', 'The body is empty'],
		[Buffer.alloc(0), 'The body is empty'],
		[undefined, 'The body is missing'],
		['{"type": "Transaction.Paid",', 'The body is not valid JSON'],
		['payment_id=p&status=Paid', 'The body is not valid JSON'],
		['[]', 'The body must be a JSON object'],
		['"Transaction.Paid"', 'The body must be a JSON object'],
		['null', 'The body must be a JSON object'],
		['{}', 'The body is neither {type, timestamp, data}'],
		[Buffer.from([0x7b, 0xff, 0x7d]), 'The body is not UTF-8'],
		[Buffer.from('{"payment_id":"\xe9"}', 'latin1'), 'The body is not UTF-8'],
		['{"a":"' + 'x'.repeat(256 * 1024) + '"}', 'The body is too large'],
	])('JSON %j: %s', (rawBody, message) => {
		expect(refusal(JSON_TYPE, rawBody)).toContain(message);
	});

	test.each([
		[
			'type=Transaction.Paid&timestamp=x',
			'Webhook version 2024-04-25 is sent as JSON only, not as a form',
		],
		['payment_id=%E0%A4%A&status=Paid', 'The form body holds broken percent-encoding'],
		['payment_id=%FF&status=Paid', 'The form body holds broken percent-encoding'],
		['payment_id=a&payment_id=b&status=Paid', 'The form body gives a field more than once'],
		['{"payment_id":"p","status":"Paid"}', 'The body is neither'],
		['payment_id=.&status=Paid', 'payment_id holds a path or control character'],
	])('form %j: %s', (rawBody, message) => {
		expect(refusal(FORM_TYPE, rawBody)).toContain(message);
	});

	test.each([undefined, '', 'text/plain', 'application/jsonp', 'multipart/form-data; boundary=x'])(
		'Content-Type %j',
		(contentType) => {
			expect(refusal(contentType, '{"type":"Transaction.Paid"}')).toBe(
				'Content-Type must be application/json or application/x-www-form-urlencoded',
			);
		},
	);

	test.each([
		['.', 'holds a path or control character'],
		['..', 'holds a path or control character'],
		['a/b', 'holds a path or control character'],
		['a\\b', 'holds a path or control character'],
		['a\nb', 'holds a path or control character'],
		['a\u0000', 'holds a path or control character'],
		['a\u0085b', 'holds a path or control character'],
		['evil\u202egnp.exe', 'holds a path or control character'],
		['a\ud800b', 'holds broken Unicode'],
		['\udc00', 'holds broken Unicode'],
		['x'.repeat(257), 'is longer than 256 characters'],
		[123, 'must be a string'],
	])('paymentId %j: %s, without echoing it', (paymentId, message) => {
		const text = refusalOf({ type: 'Transaction.Paid', timestamp: TIME, data: { paymentId } });
		expect(text).toBe(`paymentId ${message}`);
		for (const field of ['storeId', 'transactionId', 'cancellationId'])
			expect(
				refusalOf({
					type: 'Transaction.Paid',
					timestamp: TIME,
					data: { paymentId: 'p', [field]: paymentId },
				}),
			).toBe(`${field} ${message}`);
	});

	test('ids that are fine in one encoded segment: "%", "?", "#", spaces, dots inside, 256 characters', () => {
		for (const paymentId of ['50%off', 'a?b#c', 'order 1', '.a', 'a..b', '...', 'x'.repeat(256)])
			expect(current('Transaction.Paid', { paymentId }).paymentId).toBe(paymentId);
	});
});

describe('the Events list', () => {
	test('16 events, the SDK recognises each one, sorted by display name', () => {
		expect(KNOWN_EVENT_TYPES).toHaveLength(16);
		expect(WEBHOOK_EVENT_OPTIONS.map((option) => option.value)).toEqual(KNOWN_EVENT_TYPES);
		for (const type of KNOWN_EVENT_TYPES)
			expect(Webhook.isUnrecognizedWebhook({ type })).toBe(false);
		expect(Webhook.isUnrecognizedWebhook({ type: 'Transaction.SomethingNew' })).toBe(true);
		const names = WEBHOOK_EVENT_OPTIONS.map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		for (const option of WEBHOOK_EVENT_OPTIONS)
			expect(option.description).toEqual(expect.any(String));
	});

	test('the default: money and what to act on; not Ready, Pending, disputes, billing keys or Confirm', () => {
		expect([...DEFAULT_EVENTS].sort()).toEqual([
			'Transaction.Cancelled',
			'Transaction.Failed',
			'Transaction.Paid',
			'Transaction.PartialCancelled',
			'Transaction.VirtualAccountIssued',
		]);
		for (const type of DEFAULT_EVENTS) expect(KNOWN_EVENT_TYPES).toContain(type);
	});

	test("2024-01-01 statuses map onto the same names (the simulator's mapping, inverted)", () => {
		expect(LEGACY_STATUS_EVENTS).toEqual(
			Object.fromEntries(Object.entries(LEGACY_STATUS).map(([type, status]) => [status, type])),
		);
	});

	test('isSelectedEvent: one filter for both versions; an unknown event is never selected', () => {
		const paidNow = current('Transaction.Paid', { paymentId: 'p' });
		const paidThen = json({ payment_id: 'p', status: 'Paid' });
		const ready = json({ payment_id: 'p', status: 'Ready' });
		const unknown = json({ type: 'Transaction.SomethingNew' });
		expect(
			[paidNow, paidThen, ready, unknown].map((e) => isSelectedEvent(e, DEFAULT_EVENTS)),
		).toEqual([true, true, false, false]);
		expect(isSelectedEvent(unknown, ['Transaction.SomethingNew'])).toBe(false);
		expect(isSelectedEvent(json({ payment_id: 'p', status: 'Refunded' }), [null])).toBe(false);
	});
});
