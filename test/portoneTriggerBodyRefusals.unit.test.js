'use strict';
/**
 * readWebhookBody's refusals (nodes/PortOneTrigger/webhookBody.ts): bodies that are empty, not
 * JSON or not UTF-8, broken forms, the wrong Content-Type, and ids that could not be a path segment.
 */
const {
	JSON_TYPE,
	FORM_TYPE,
	TIME,
	current,
	refusal,
	refusalOf,
} = require('./helpers/portoneWebhookBody');

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
