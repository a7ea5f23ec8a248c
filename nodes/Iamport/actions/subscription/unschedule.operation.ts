import type { IExecuteFunctions } from 'n8n-workflow';

import { RequestError } from '../../../engine/failure';
import { actGuarded } from '../../../engine/guardedAction';
import { KeyedQueue } from '../../../engine/keyedQueue';
import { outcomeOf } from '../../../engine/outcome';
import type { ItemResult } from '../../../engine/types';
import type { IamportAnswer } from '../../transport/answer';
import type { IamportTransport } from '../../transport/client';
import { listingOutcomes, scheduleOutcomes } from './shared';
import type { UnscheduleItem } from './unschedule/input';
import { unscheduleOutcomes, unscheduleResult } from './unschedule/result';
import type { Targets } from './unschedule/targets';
import {
	isScheduled,
	merchantUidOf,
	readTargets,
	schedulesIn,
	targetsAnswer,
} from './unschedule/targets';

export { description } from './unschedule/description';
export { prepare } from './unschedule/input';

const UNSURE_HINT =
	'The unschedule may or may not have gone through: look the schedules up (Get Schedules, or Dry Run) before sending it again.';

/** Rows of one customer_uid in one run go one after the other, so each sees what the one before left. */
export function beforeRuns(this: IExecuteFunctions): KeyedQueue {
	return new KeyedQueue();
}

/** The look-up of the item's schedules as the guarded flow's look-up: one answer, or the failure. */
function lookUpTargets(
	ctx: IExecuteFunctions,
	transport: IamportTransport,
	item: UnscheduleItem,
	looks: WeakSet<IamportAnswer>,
) {
	return async (itemIndex: number): Promise<IamportAnswer | RequestError> => {
		const read = await readTargets(ctx, transport, itemIndex, item);
		if (read.done) {
			const answer = targetsAnswer(read.targets);
			looks.add(answer);
			return answer;
		}
		return 'error' in read ? read.error : read.failed;
	};
}

/**
 * Looks the schedules up first; unknown or another customer's named merchant_uids refuse the item;
 * nothing scheduled is Success (nothing_scheduled); Dry Run stops here (would_unschedule). Otherwise
 * POST /subscribe/payments/unschedule (the named ones still scheduled, or the customer_uid alone for
 * all) on the guarded flow: a lost answer is looked up, and the POST goes again only while one of
 * them is still scheduled; a refusal is looked at again.
 */
async function unschedule(
	ctx: IExecuteFunctions,
	item: UnscheduleItem,
	itemIndex: number,
	transport: IamportTransport,
): Promise<ItemResult> {
	const read = await readTargets(ctx, transport, itemIndex, item);
	if (!read.done) {
		if ('error' in read) throw read.error;
		const table = item.merchantUids.length > 0 ? scheduleOutcomes : listingOutcomes;
		return unscheduleResult(item, outcomeOf(read.failed, table), false, {
			schedules: [],
			answer: read.failed,
		});
	}
	const before: Targets = read.targets;
	const looked = targetsAnswer(before);
	if (before.missing.length > 0) {
		return unscheduleResult(item, 'schedule_not_found', false, {
			schedules: [],
			answer: looked,
			targets: before,
			extra: { missing: before.missing },
		});
	}
	const foreign = before.schedules.filter((s) => s.customer_uid !== item.customerUid);
	if (foreign.length > 0) {
		return unscheduleResult(item, 'customer_mismatch', false, {
			schedules: [],
			answer: looked,
			targets: before,
			extra: {
				other_customer: foreign.map((s) => ({
					merchant_uid: s.merchant_uid,
					customer_uid: s.customer_uid ?? null,
				})),
			},
		});
	}
	const targets = before.schedules.filter(isScheduled);
	const ids = new Set(targets.map(merchantUidOf));
	const basis = { answer: looked, targets: before };
	if (targets.length === 0 && (item.dryRun || item.merchantUids.length > 0))
		return unscheduleResult(item, 'nothing_scheduled', true, { ...basis, schedules: [] });
	if (item.dryRun)
		return unscheduleResult(item, 'would_unschedule', true, { ...basis, schedules: targets });

	/** The targets as a look-up answer shows them: still scheduled, and withdrawn since. */
	const seen = (check: IamportAnswer) => {
		const now = schedulesIn(check).filter((s) => ids.has(merchantUidOf(s)));
		return {
			still: now.filter(isScheduled),
			revoked: now.filter((s) => s.schedule_status === 'revoked'),
		};
	};
	const looks = new WeakSet<IamportAnswer>();
	const body =
		item.merchantUids.length > 0
			? { customer_uid: item.customerUid, merchant_uid: [...ids] }
			: { customer_uid: item.customerUid };
	const unscheduled = (answer: IamportAnswer) => {
		// The POST's answer lists what it withdrew; a look-up after a lost answer shows the targets withdrawn.
		const response = answer.envelope.response as unknown;
		const schedules = looks.has(answer)
			? seen(answer).revoked
			: Array.isArray(response)
				? response
				: [];
		return unscheduleResult(item, 'unscheduled', true, { ...basis, schedules, answer });
	};
	return await actGuarded(transport, itemIndex, {
		action: {
			method: 'POST',
			path: '/subscribe/payments/unschedule',
			body,
			idempotent: false,
		},
		lookup: lookUpTargets(ctx, transport, item, looks),
		// Without targets (none in the window) a look-up cannot show it done: the POST goes again.
		isDone: (check) => {
			const { still, revoked } = seen(check);
			return targets.length > 0 && still.length === 0 && revoked.length > 0;
		},
		unsureHint: UNSURE_HINT,
		// Nothing in the window to look for: a refusal is i'mport finding nothing left either.
		lookAgainAfterRefusal: targets.length > 0,
		acted: unscheduled,
		refused: (answer, now, lostAnswers) => {
			const failed = (extra = {}) =>
				unscheduleResult(item, outcomeOf(answer, unscheduleOutcomes), false, {
					...basis,
					schedules: [],
					answer,
					extra,
				});
			const onHttp2xx = answer.httpStatus >= 200 && answer.httpStatus < 300;
			if (targets.length === 0 && onHttp2xx) {
				return unscheduleResult(item, 'nothing_scheduled', true, {
					...basis,
					schedules: [],
					answer,
				});
			}
			if (!now) return failed();
			const { still } = seen(now);
			if (still.length > 0) return failed({ still_scheduled: still });
			// An attempt whose answer was lost withdrew them, and the one after it found nothing left.
			if (lostAnswers > 0 && seen(now).revoked.length > 0) return unscheduled(now);
			// Withdrawn or run in between, or nothing was ever scheduled: nothing left, as asked.
			return unscheduleResult(item, 'nothing_scheduled', true, {
				...basis,
				schedules: [],
				answer,
			});
		},
	});
}

export async function run(
	this: IExecuteFunctions,
	item: UnscheduleItem,
	itemIndex: number,
	transport: IamportTransport,
	queue: KeyedQueue,
): Promise<ItemResult> {
	return await queue.run(item.customerUid, async () =>
		unschedule(this, item, itemIndex, transport),
	);
}
