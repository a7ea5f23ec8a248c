import type { ItemResult, OutcomeTable } from './outcome';
import { ALREADY_CANCELLED, WOULD_CANCEL, isSuccess, resultOf } from './outcome';
import type { IamportAnswer, IamportTransport } from './transport';
import type { Target } from './types';
import { IamportRequestError } from './transport';

/** A receipt to cancel: GET on its path looks it up, DELETE cancels it. */
export interface CancelTarget extends Target {
	cancelTable: OutcomeTable;
	lookupTable: OutcomeTable;
}

export interface CancelOptions {
	dryRun: boolean;
	skipAlreadyCancelled: boolean;
}

export interface CancelRequest {
	target: CancelTarget;
	options: CancelOptions;
}

const isAnswer = (sent: IamportAnswer | IamportRequestError): sent is IamportAnswer =>
	!(sent instanceof IamportRequestError);
const isCancelled = (answer: IamportAnswer) => isSuccess(answer) && Number(answer.envelope.response?.cancelled_at) > 0;

/**
 * Cancels one receipt, for payment (imp_uid) and external (merchant_uid) receipts alike.
 *
 * Calls made, per item:
 * - Dry Run: GET only. Success `would_cancel` / `already_cancelled`; a failed lookup goes to Failure.
 * - Skip Already Cancelled (default): GET first; a receipt with `cancelled_at` is `already_cancelled`
 *   (no DELETE); otherwise DELETE. If i'mport refuses the DELETE of a receipt the GET had found,
 *   one more GET tells whether it was cancelled in between (then `already_cancelled`).
 * - Both off: DELETE only.
 * A DELETE that may have reached i'mport but got no answer (connection reset, timeout, 502/504)
 * is never blindly repeated: a GET first finds out whether the cancel went through.
 */
async function cancelReceipt(
	transport: IamportTransport,
	itemIndex: number,
	target: CancelTarget,
	options: CancelOptions,
): Promise<ItemResult> {
	const lookupRequest = { method: 'GET' as const, path: target.path, idempotent: true };

	let foundBefore = false;
	if (options.dryRun || options.skipAlreadyCancelled) {
		const found = await transport.send(lookupRequest, itemIndex);
		foundBefore = isSuccess(found);
		if (isCancelled(found)) return resultOf(target, found, target.lookupTable, ALREADY_CANCELLED);
		if (options.dryRun) {
			return resultOf(target, found, target.lookupTable, isSuccess(found) ? WOULD_CANCEL : undefined);
		}
		// Any other lookup answer (not found, PG without lookup support) leaves the verdict to the
		// DELETE, whose documented statuses tell "never issued" from "unknown payment".
	}

	for (let attempt = 0; ; attempt++) {
		const answer = await transport.trySend({ method: 'DELETE', path: target.path, idempotent: false }, itemIndex);
		if (answer instanceof IamportRequestError) {
			if (!answer.mayHaveReachedIamport) throw answer;
			// The cancel may have gone through: look before trying again, so nothing is cancelled twice.
			const check = await transport.trySend(lookupRequest, itemIndex);
			if (isAnswer(check) && isCancelled(check)) {
				return resultOf(target, check, target.cancelTable, target.cancelTable.success);
			}
			if (!isAnswer(check) || !isSuccess(check) || attempt >= transport.retries) {
				answer.description = `${answer.description ?? ''} The cancel may or may not have gone through: look the receipt up (Get, or Dry Run) before cancelling again.`.trim();
				throw answer;
			}
			await transport.pauseBeforeRetry(attempt);
			continue;
		}
		if (!isSuccess(answer) && foundBefore) {
			// i'mport refused a receipt it had just shown as not cancelled: if it is cancelled now
			// (by someone else in between), that is what the user wanted.
			const check = await transport.trySend(lookupRequest, itemIndex);
			if (isAnswer(check) && isCancelled(check)) {
				return resultOf(target, check, target.lookupTable, ALREADY_CANCELLED);
			}
		}
		return resultOf(target, answer, target.cancelTable);
	}
}

/** The `run` of both Cancel operations: their prepared request already names paths and tables. */
export async function runCancel(request: CancelRequest, itemIndex: number, transport: IamportTransport) {
	return await cancelReceipt(transport, itemIndex, request.target, request.options);
}
