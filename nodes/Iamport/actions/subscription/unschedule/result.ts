import type { IDataObject } from 'n8n-workflow';

import type { OutcomeTable } from '../../../../engine/outcome';
import type { ItemResult } from '../../../../engine/types';
import type { IamportAnswer } from '../../../transport/answer';
import type { Schedule } from '../shared';
import { isoOf, totalsOf } from '../shared';
import type { UnscheduleItem } from './input';
import type { Targets } from './targets';

/**
 * POST /subscribe/payments/unschedule (unschedule): the spec documents only 200 (the withdrawn
 * schedules) and 401; i'mport refuses with HTTP 200 and a non-zero code, e.g. when nothing is left
 * to withdraw, which the look-up after the refusal tells from other refusals.
 */
export const unscheduleOutcomes: OutcomeTable = { success: 'unscheduled', byStatus: {} };

/** What an outcome rests on: the schedules it is about, and the answer whose code it reports. */
export interface Basis {
	/** the schedules unscheduled (or that would be) */
	schedules: Schedule[];
	answer: IamportAnswer;
	targets?: Targets;
	extra?: IDataObject;
}

/** The named merchant_uids that were not scheduled any more, and their status: left as they are. */
export function skippedOf(item: UnscheduleItem, targets: Targets | undefined) {
	if (!targets || item.merchantUids.length === 0) return [];
	return targets.schedules
		.filter((s) => s.schedule_status !== 'scheduled')
		.map((s) => ({ merchant_uid: s.merchant_uid, schedule_status: s.schedule_status ?? null }));
}

/** One item's output: what was (or would be) unscheduled, its count and sum, and the answer. */
export function unscheduleResult(
	item: UnscheduleItem,
	outcome: string,
	success: boolean,
	{ schedules, answer, targets, extra }: Basis,
): ItemResult {
	const window = targets?.window;
	return {
		success,
		json: {
			customer_uid: item.customerUid,
			outcome,
			merchant_uids: item.merchantUids.length > 0 ? item.merchantUids : null,
			schedules,
			...totalsOf(schedules),
			skipped: skippedOf(item, targets),
			looked_up: window ? { from: isoOf(window.from), to: isoOf(window.to) } : null,
			...extra,
			code: answer.envelope.code,
			message: answer.envelope.message ?? null,
			http_status: answer.httpStatus,
		},
	};
}
