import type { IExecuteFunctions } from 'n8n-workflow';

import { RequestError } from '../../../../engine/failure';
import type { IamportAnswer } from '../../../transport/answer';
import { iamportAnswer } from '../../../transport/answer';
import type { IamportTransport } from '../../../transport/client';
import type { Schedule } from '../shared';
import { customerSchedulesPath, readScheduleListing, schedulePath } from '../shared';
import type { UnscheduleItem } from './input';

const DAY_S = 24 * 60 * 60;
/** A schedule whose time just passed may not have run yet: the customer's look-up starts a day back. */
const LOOK_BACK_S = DAY_S;

/** The schedules an item is about, as i'mport shows them now. */
export interface Targets {
	/** the named ones i'mport knows, or the customer's within the look-ahead window */
	schedules: Schedule[];
	/** named merchant_uids i'mport does not know (404) */
	missing: string[];
	/** the customer's window that was looked at (without named merchant_uids) */
	window?: { from: number; to: number };
}

export type TargetsRead =
	| { done: true; targets: Targets }
	| { done: false; failed: IamportAnswer }
	| { done: false; error: RequestError };

/**
 * Looks the item's schedules up: each named merchant_uid (GET /subscribe/payments/schedule/{merchant_uid}),
 * or the customer's schedules of every status from a day back to Look Ahead days ahead
 * (GET /subscribe/payments/schedule/customers/{customer_uid}, 90-day slices, every page).
 */
export async function readTargets(
	ctx: IExecuteFunctions,
	transport: IamportTransport,
	itemIndex: number,
	item: UnscheduleItem,
): Promise<TargetsRead> {
	const schedules: Schedule[] = [];
	if (item.merchantUids.length > 0) {
		const missing: string[] = [];
		for (const merchantUid of item.merchantUids) {
			const sent = await transport.trySend(
				{ method: 'GET', path: schedulePath(merchantUid), idempotent: true },
				itemIndex,
			);
			if (sent instanceof RequestError) return { done: false, error: sent };
			if (sent.ok) schedules.push(sent.envelope.response as Schedule);
			else if (sent.httpStatus === 404) missing.push(merchantUid);
			else return { done: false, failed: sent };
		}
		return { done: true, targets: { schedules, missing } };
	}
	const now = Math.floor(Date.now() / 1000);
	const window = { from: now - LOOK_BACK_S, to: now + item.lookAheadDays * DAY_S };
	const read = await readScheduleListing(ctx, transport, itemIndex, {
		path: customerSchedulesPath(item.customerUid),
		names: { from: 'from', to: 'to', status: 'schedule-status' },
		...window,
		params: [],
		newestFirst: false,
		take: (schedule) => schedules.push(schedule),
	});
	if (read.done) return { done: true, targets: { schedules, missing: [], window } };
	return 'error' in read ? read : { done: false, failed: read.failed };
}

/** Schedules as one accepted answer, for the guarded flow's look-up (see `asLookUp`). */
export function targetsAnswer(targets: Targets): IamportAnswer {
	return iamportAnswer(200, { code: 0, message: null, response: { list: targets.schedules } });
}

export const isScheduled = (schedule: Schedule) => schedule.schedule_status === 'scheduled';
export const merchantUidOf = (schedule: Schedule) => String(schedule.merchant_uid);

/** The schedules of a look-up answer made by `targetsAnswer`. */
export const schedulesIn = (answer: IamportAnswer): Schedule[] =>
	((answer.envelope.response as { list?: Schedule[] } | null)?.list ?? []) as Schedule[];
