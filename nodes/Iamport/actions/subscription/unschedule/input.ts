import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readBoolean, readId, readIdList, refuseItem } from '../../../../engine/read/input';
import { itemParameter } from '../../../../engine/read/itemParameter';
import { readWhole } from '../../../../engine/read/won';

/** At most this many merchant_uids per item: each is looked up on its own before the unschedule. */
export const MAX_MERCHANT_UIDS = 100;
const LOOK_AHEAD = { default: 365, max: 3650 };

/** One row: whose schedules, which of them (none named: all), and how far ahead to look. */
export interface UnscheduleItem {
	customerUid: string;
	/** empty: every payment still scheduled */
	merchantUids: string[];
	lookAheadDays: number;
	dryRun: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): UnscheduleItem {
	const customerUid = readId(this, 'customerUid', 'customer_uid', itemIndex);
	const merchantUids = readIdList(
		this,
		'merchantUids',
		'Merchant UIDs',
		itemIndex,
		MAX_MERCHANT_UIDS,
	);
	const fields = itemParameter(this, 'unscheduleFields', itemIndex, {}) as IDataObject;
	let lookAheadDays = LOOK_AHEAD.default;
	if (fields.lookAheadDays !== undefined) {
		const days = readWhole(fields.lookAheadDays, 1);
		if (days === undefined || days > LOOK_AHEAD.max) {
			throw refuseItem(
				this,
				itemIndex,
				`Look Ahead (Days) must be a whole number from 1 to ${LOOK_AHEAD.max} (got ${JSON.stringify(fields.lookAheadDays)})`,
			);
		}
		lookAheadDays = days;
	}
	const dryRun = readBoolean(this, 'dryRun', 'Dry Run', itemIndex, false);
	return { customerUid, merchantUids, lookAheadDays, dryRun };
}
