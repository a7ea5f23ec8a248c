import type { IExecuteFunctions } from 'n8n-workflow';

import { readUnixSeconds } from '../../../../engine/read/dateTime';
import { readChoice, readId, refuseItem } from '../../../../engine/read/input';
import { itemParameter } from '../../../../engine/read/itemParameter';
import { readWhole } from '../../../../engine/read/won';
import type { Target } from '../../../../engine/types';
import { customerSchedulesPath, isoOf, SCHEDULE_STATUSES, schedulePath, SLICE_S } from '../shared';

const DAY_S = 24 * 60 * 60;
/** A longer window is surely a mistake (e.g. an empty From read as 1970): refused, not sent as 40+ slices. */
const MAX_WINDOW_DAYS = 3650;

export type ScheduleItem =
	| { by: 'merchantUid'; target: Target }
	| {
			by: 'customerUid' | 'window';
			/** the customer's path, or the window listing's */
			path: string;
			customerUid?: string;
			status?: string;
			/** [from, to) in UNIX seconds: the user's To is inclusive */
			from: number;
			to: number;
			newestFirst: boolean;
			/** undefined: Return All */
			limit: number | undefined;
	  };

function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (itemParameter(ctx, 'returnAll', itemIndex, false) === true) return undefined;
	const value = itemParameter(ctx, 'limit', itemIndex, 50);
	const limit = readWhole(value, 1);
	if (limit === undefined) {
		throw refuseItem(
			ctx,
			itemIndex,
			`Limit must be a whole number, 1 or more (got ${JSON.stringify(value)})`,
		);
	}
	return limit;
}

/** From (empty: now) and To (empty: 90 days after From, one listing call), both inclusive, as [from, to + 1). */
function readWindow(ctx: IExecuteFunctions, itemIndex: number) {
	const fromGiven = readUnixSeconds(ctx, 'scheduleFrom', 'From', itemIndex, "i'mport");
	const toGiven = readUnixSeconds(ctx, 'scheduleTo', 'To', itemIndex, "i'mport");
	const from = fromGiven ?? Math.floor(Date.now() / 1000);
	const to = toGiven ?? from + SLICE_S - 1;
	if (from > to)
		throw refuseItem(ctx, itemIndex, `From (${isoOf(from)}) is after To (${isoOf(to)})`);
	if (to - from > MAX_WINDOW_DAYS * DAY_S) {
		throw refuseItem(
			ctx,
			itemIndex,
			`The window from ${isoOf(from)} to ${isoOf(to)} is longer than ${MAX_WINDOW_DAYS} days`,
		);
	}
	return { from, to: to + 1 };
}

export function prepare(this: IExecuteFunctions, itemIndex: number): ScheduleItem {
	const by = readChoice(
		this,
		'scheduleBy',
		'Look Up By',
		itemIndex,
		['merchantUid', 'customerUid', 'window'],
		'merchantUid',
	) as ScheduleItem['by'];
	if (by === 'merchantUid') {
		const id = readId(this, 'merchantUid', 'merchant_uid', itemIndex);
		return { by, target: { idField: 'merchant_uid', id, path: schedulePath(id) } };
	}
	const customerUid =
		by === 'customerUid' ? readId(this, 'customerUid', 'customer_uid', itemIndex) : undefined;
	const status = readChoice(
		this,
		'scheduleStatus',
		'Schedule Status',
		itemIndex,
		['', ...SCHEDULE_STATUSES],
		'',
	);
	const sort =
		by === 'window'
			? readChoice(this, 'scheduleSort', 'Sort', itemIndex, ['newest', 'oldest'], 'newest')
			: 'newest';
	return {
		by,
		path:
			customerUid === undefined
				? '/subscribe/payments/schedule'
				: customerSchedulesPath(customerUid),
		customerUid,
		status: status === '' ? undefined : status,
		...readWindow(this, itemIndex),
		newestFirst: sort === 'newest',
		limit: readLimit(this, itemIndex),
	};
}
