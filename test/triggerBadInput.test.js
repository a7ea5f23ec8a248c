'use strict';
/**
 * I'mport Trigger, bad input: a body that is not a notification is answered 400 before any
 * look-up or execution. Real n8n: e2e/trigger.js.
 */
const { triggerWorldPerTest, answerOf, SEEDED } = require('./helpers/triggerWorld');

const world = triggerWorldPerTest();
const { serve, lookups } = world;

describe('bad input: 400, no look-up, no execution', () => {
	const cases = [
		['an empty JSON body', '', 'application/json', /empty/],
		['an empty form body', '', 'application/x-www-form-urlencoded', /empty/],
		['an empty JSON object', '{}', 'application/json', /empty/],
		[
			'a JSON array',
			'[{"imp_uid":"imp_1","status":"paid"}]',
			'application/json',
			/must be an object/,
		],
		['a JSON string', '"imp_pay_card_0001"', 'application/json', /must be an object/],
		[
			'no imp_uid',
			{ merchant_uid: 'order_1', status: 'paid' },
			'application/json',
			/imp_uid is missing/,
		],
		['no status', { imp_uid: SEEDED.paid }, 'application/json', /status is missing/],
		['a numeric imp_uid', '{"imp_uid":123,"status":"paid"}', 'application/json', /single string/],
		[
			'imp_uid given twice (form)',
			'imp_uid=imp_a&imp_uid=imp_b&status=paid',
			'application/x-www-form-urlencoded',
			/single string/,
		],
		[
			'imp_uid with a slash',
			{ imp_uid: '../receipts/imp_pay_card_0001', status: 'paid' },
			'application/json',
			/imp_uid may only hold/,
		],
		['imp_uid "..', { imp_uid: '..', status: 'paid' }, 'application/json', /imp_uid may only hold/],
		[
			'imp_uid with %2F',
			{ imp_uid: 'imp_1%2F..%2Fbanks', status: 'paid' },
			'application/json',
			/imp_uid may only hold/,
		],
		[
			'imp_uid with ? and #',
			{ imp_uid: 'imp_1?include_sandbox=true#x', status: 'paid' },
			'application/json',
			/imp_uid may only hold/,
		],
		[
			'a status that is not a word',
			{ imp_uid: SEEDED.paid, status: 'PAID; DROP' },
			'application/json',
			/status must be/,
		],
		['text/plain', 'imp_uid=imp_pay_card_0001&status=paid', 'text/plain', /Content-Type must be/],
		[
			'XML',
			'<x><imp_uid>imp_pay_card_0001</imp_uid><status>paid</status></x>',
			'application/xml',
			/Content-Type must be/,
		],
		[
			'no Content-Type',
			'{"imp_uid":"imp_pay_card_0001","status":"paid"}',
			'',
			/Content-Type must be/,
		],
		[
			'a control character in merchant_uid',
			{ imp_uid: SEEDED.paid, merchant_uid: 'a\u0000b', status: 'paid' },
			'application/json',
			/merchant_uid must be/,
		],
	];

	test.each(cases)('%s', async (_name, body, contentType, message) => {
		const { url, emitted, calls } = await serve();
		const result = await world.sender.post(
			url,
			body,
			contentType ? { contentType } : { headers: { 'content-type': undefined } },
		);
		expect(result.status).toBe(400);
		expect(answerOf(result).error).toMatch(message);
		expect(lookups()).toEqual([]);
		expect(emitted()).toEqual([]);
		expect(calls[0].error).toBeUndefined();
	});
});
