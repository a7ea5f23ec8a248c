'use strict';
/**
 * What the I'mport node's Payment Cancel (refund) tests share (test/paymentCancelRefunds,
 * …NothingSent, …Refusals, …LostAnswers, …Reference, …MerchantUid.test.js): the refund's
 * parameters with quick retries, the requests and refunds the simulator saw, and the reference a
 * partial refund without one carries.
 */
const { paymentCancel } = require('./parameters');

const refund = (extra = {}) => paymentCancel({ options: { retryWaitMs: 1 }, ...extra });

/** Requests that reached /payments, as "METHOD path" (the token request left out). */
const paymentCalls = (simulator) =>
	simulator.log
		.filter((e) => e.rawPath.startsWith('/payments'))
		.map((e) => `${e.method} ${e.rawUrl}`);
/** The refund requests, each with the body as sent (also when a fault answered it). */
const cancels = (simulator) =>
	simulator.log
		.filter((e) => e.method === 'POST' && e.rawPath === '/payments/cancel')
		.map((e) => ({ ...e, body: JSON.parse(e.rawBody) }));
const refundsOf = (simulator, impUid) =>
	simulator.payments.refunds.filter((r) => r.imp_uid === impUid);
/**
 * The reference a partial refund without one carries: sha256 of its intent (payment, amount),
 * pinned here so that it stays the same across versions (a changed derivation would let a re-run
 * after an upgrade pay twice).
 */
const derivedToken = (impUid, amount) =>
	`[ref:auto-${require('node:crypto')
		.createHash('sha256')
		.update(JSON.stringify(['partial-refund', impUid, amount]))
		.digest('hex')
		.slice(0, 16)}]`;

module.exports = { refund, paymentCalls, cancels, refundsOf, derivedToken };
