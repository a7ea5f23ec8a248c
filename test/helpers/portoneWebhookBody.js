'use strict';
/**
 * What test/portoneTriggerBody*.unit.test.js and portoneTriggerEventList.unit.test.js share:
 * readWebhookBody (nodes/PortOneTrigger/webhookBody.ts) called on JSON and form bodies, and the
 * refusal it throws.
 */
const {
	readWebhookBody,
	BadWebhookBody,
} = require('../../dist/nodes/PortOneTrigger/webhookBody.js');

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

module.exports = { JSON_TYPE, FORM_TYPE, TIME, json, current, refusal, refusalOf };
