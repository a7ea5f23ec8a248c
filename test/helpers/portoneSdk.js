'use strict';
/**
 * What the test/portoneSimulatorSdk*.test.js files share: PortOne's own server SDK
 * (@portone/server-sdk 0.19.0) as a client of the V2 simulator, and the check that a call fails
 * the way the SDK expects: the operation's own error class (GetPaymentError, CancelPaymentError,
 * ...; in 0.19.0 the per-type names like PaymentNotFoundError are TypeScript types only) carrying
 * a `data.type` that the SDK declares for that class (read from its .d.ts, see sdkErrorTypes.js).
 */
const { PortOneClient, PortOneError, RestError } = require('@portone/server-sdk');
const { sdkErrorTypes } = require('./sdkErrorTypes');

/** A PortOneClient for the first account of the simulator in `t` (from simulatorPerTest()). */
const sdkFor = (t) =>
	PortOneClient({ secret: t.sim.accounts.list[0].apiSecret, baseUrl: t.sim.baseUrl });

/** Runs `call`, expects it to throw the operation's error class with `type`, and returns the error. */
async function expectSdkError(call, ErrorClass, declaredIn, type) {
	const error = await call().then(
		() => null,
		(e) => e,
	);
	expect(error).toBeInstanceOf(ErrorClass);
	expect(error).toBeInstanceOf(RestError);
	expect(error).toBeInstanceOf(PortOneError);
	expect(error.data.type).toBe(type);
	expect(error.message).toBe(error.data.message);
	if (declaredIn) expect(sdkErrorTypes(declaredIn, ErrorClass.name).has(type)).toBe(true);
	return error;
}
// The SDK declaration files the payment and the cash-receipt error classes are declared in.
const PAY = 'payment/client.d.ts';
const RECEIPT = 'payment/cashReceipt/client.d.ts';

module.exports = { sdkFor, expectSdkError, PAY, RECEIPT };
