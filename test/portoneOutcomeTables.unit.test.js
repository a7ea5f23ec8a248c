'use strict';
/**
 * Every error type PortOne's V2 schema declares for an operation the node makes has an outcome
 * word of its own (UNAUTHORIZED is the credential's error instead: it stops the run). The declared
 * lists are the simulator's, which test/portoneSimulatorSpec.test.js checks against the schema.
 */
const path = require('node:path');
const { DECLARED, STATUS_OF } = require('./portone-simulator/errors');

const ACTIONS = path.join(__dirname, '..', 'dist', 'nodes', 'PortOne', 'actions');
const TABLES = {
	getPayment: require(path.join(ACTIONS, 'payment', 'shared.js')).lookupOutcomes,
	getPayments: require(path.join(ACTIONS, 'payment', 'shared.js')).lookupOutcomes,
	cancelPayment: require(path.join(ACTIONS, 'payment', 'cancel', 'result.js')).cancelOutcomes,
	getCashReceiptByPaymentId: require(path.join(ACTIONS, 'cashReceipt', 'shared.js'))
		.receiptLookupOutcomes,
	getCashReceipts: require(path.join(ACTIONS, 'cashReceipt', 'shared.js')).receiptLookupOutcomes,
	issueCashReceipt: require(path.join(ACTIONS, 'cashReceipt', 'issue.operation.js')).outcomes,
	cancelCashReceiptByPaymentId: require(path.join(ACTIONS, 'cashReceipt', 'cancel.operation.js'))
		.outcomes,
};
const { outcomeOf } = require('../dist/nodes/engine/outcome.js');
const { portOneAnswer } = require('../dist/nodes/PortOne/transport/answer.js');

const cases = Object.entries(DECLARED).flatMap(([operation, types]) =>
	types.filter((type) => type !== 'UNAUTHORIZED').map((type) => [operation, type]),
);

test('every operation the node makes has a table', () => {
	expect(Object.keys(TABLES).sort()).toEqual(Object.keys(DECLARED).sort());
});

test.each(cases)('%s: %s has its own outcome word', (operation, type) => {
	const answer = portOneAnswer(STATUS_OF[type], { type, message: '…' });
	const word = outcomeOf(answer, TABLES[operation]);
	expect(TABLES[operation].byType[type]).toBe(word);
	expect(['failed', 'rejected']).not.toContain(word);
});
