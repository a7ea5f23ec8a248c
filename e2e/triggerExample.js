'use strict';
/**
 * Part of e2e/trigger.js: examples/cancel-receipt-on-console-cancel.json in a real n8n, a payment
 * cancelled in i'mport's console: its cash receipt cancelled once, the repeat stopped by Remove
 * Duplicates, a partial refund and a payment without a receipt sent to ops, "paid" not selected.
 */
const { nodeItems: itemsOf } = require('./n8n');
const { check, same } = require('./script');
const { EXAMPLE_FILE } = require('./triggerWorkflows');

/** The run's `t` and the example workflow as imported. */
async function exampleInN8n(
	{ simulator, sender, urls, nextExecution, lookupsSince, answered },
	example,
) {
	console.log(`\n${example.name} (examples/${EXAMPLE_FILE})`);
	const impUid = 'imp_pay_receipt_0001';
	const [cancelStatus, cancelAnswer] = simulator.payments.cancel(
		{ imp_uid: impUid, reason: 'cancelled in the console' },
		{ source: 'console' },
	);
	check(`the simulator cancels ${impUid} in full "from the console"`, () =>
		same({ cancelStatus, code: cancelAnswer.code }, { cancelStatus: 200, code: 0 }),
	);
	const deletesOf = (id) =>
		simulator.log.filter((e) => e.method === 'DELETE' && e.rawPath === `/receipts/${id}`).length;
	const first = await sender.notify(urls.example, impUid);
	const firstExecution = await nextExecution(example.id);
	check(
		'notification -> verified -> new event -> fully refunded -> cash receipt cancelled (Success)',
		() =>
			same(
				{
					http: first.status,
					status: firstExecution.status,
					cancelled: itemsOf(firstExecution, 'Cancel cash receipt', 0).map(
						(i) => `${i.imp_uid} ${i.outcome}`,
					),
					receiptCancelled: itemsOf(firstExecution, 'Receipt cancelled').map(
						(i) => `${i.imp_uid} ${i.merchant_uid}`,
					),
					notifyOps: itemsOf(firstExecution, 'Notify ops').length,
					deletes: deletesOf(impUid),
				},
				{
					http: 200,
					status: 'success',
					cancelled: [`${impUid} cancelled`],
					receiptCancelled: [`${impUid} order_pay_receipt_0001`],
					notifyOps: 0,
					deletes: 1,
				},
			),
	);
	const again = await sender.notify(urls.example, impUid);
	const againExecution = await nextExecution(example.id);
	check('the same notification again: Remove Duplicates stops it, no second DELETE', () =>
		same(
			{
				http: again.status,
				passed: itemsOf(againExecution, 'New events only').length,
				cancelRan: Boolean(againExecution.data.resultData.runData['Cancel cash receipt']),
				deletes: deletesOf(impUid),
			},
			{ http: 200, passed: 0, cancelRan: false, deletes: 1 },
		),
	);
	const partial = await sender.notify(urls.example, 'imp_pay_partial_0001');
	const partialExecution = await nextExecution(example.id);
	const partly = simulator.payments.get('imp_pay_partial_0001');
	const partlyText = `Payment imp_pay_partial_0001 (order_pay_partial_0001) was partly refunded (${partly.cancel_amount} of ${partly.amount} won)`;
	check('a partial refund goes to "Notify ops (partial refund)"; its receipt is left alone', () =>
		same(
			{
				http: partial.status,
				texts: itemsOf(partialExecution, 'Notify ops (partial refund)').map((i) =>
					i.text.slice(0, partlyText.length),
				),
				deletes: deletesOf('imp_pay_partial_0001'),
			},
			{ http: 200, texts: [partlyText], deletes: 0 },
		),
	);
	const card = 'imp_pay_card_0002';
	simulator.payments.cancel({ imp_uid: card, reason: 'console' }, { source: 'console' });
	const noReceipt = await sender.notify(urls.example, card);
	const noReceiptExecution = await nextExecution(example.id);
	check('a cancelled payment without a cash receipt: Failure -> "Notify ops" says why', () => {
		const texts = itemsOf(noReceiptExecution, 'Notify ops').map((i) => i.text);
		if (noReceipt.status !== 200) return answered(noReceipt);
		return texts.length === 1 &&
			texts[0].includes(card) &&
			/NOT cancelled: (not_issued|not_found)/.test(texts[0])
			? true
			: `Notify ops: ${JSON.stringify(texts)} (cancel: ${JSON.stringify(itemsOf(noReceiptExecution, 'Cancel cash receipt', 1))})`;
	});
	const mark = simulator.log.length;
	const paid = await sender.notify(urls.example, 'imp_pay_card_0001');
	check('a "paid" notification (not selected): HTTP 200, not looked up', () =>
		same({ http: paid.status, lookups: lookupsSince(mark).length }, { http: 200, lookups: 0 }),
	);
}

module.exports = { exampleInN8n };
