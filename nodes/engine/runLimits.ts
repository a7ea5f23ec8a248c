import type { IExecuteFunctions, IDataObject, INodeProperties } from 'n8n-workflow';

import { refuseItem } from './read/input';
import { readWhole } from './read/won';

/**
 * Per-run limits on refunds: how many, and how much in total, one execution may refund. Once a row
 * would pass a limit, it and every later row that would refund come out `not_sent`, nothing sent
 * for them (so they are one clear rest to run again). Decided in input order, so which rows pass
 * does not depend on which look-up answered first.
 */
export interface RunLimits {
	/** undefined: no limit */
	maxCount?: number;
	maxTotal?: number;
	/** why these limits apply (what the output says) */
	source: 'fields' | 'tool default' | 'none';
}

/**
 * Used as an AI agent's tool, where a prompt decides the amounts, a run that sets no limit may
 * refund once and at most this much: each refund is then its own visible tool call, and a
 * misread prompt can pay out little. Set the limits to raise them (0 = no limit).
 */
export const TOOL_DEFAULT_LIMITS = { maxCount: 1, maxTotal: 100_000 };

export function runLimitsField(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Run Limits',
		name: 'runLimits',
		type: 'collection',
		placeholder: 'Add Limit',
		default: {},
		description: `Caps on what one execution may refund; rows past a cap come out not_sent with nothing sent. Used as an AI tool without limits set: ${TOOL_DEFAULT_LIMITS.maxCount} refund of at most ${TOOL_DEFAULT_LIMITS.maxTotal.toLocaleString('en-US')} won per run.`,
		displayOptions: { show },
		options: [
			{
				displayName: 'Max Refunds per Run',
				name: 'maxCount',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description: 'How many refunds one execution may send at most. 0 means no limit.',
			},
			{
				displayName: 'Max Refund Total per Run (Won)',
				name: 'maxTotal',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description: 'How many won one execution may refund in total at most. 0 means no limit.',
			},
		],
	};
}

/** The run's limits: the fields when set, else the tool default when used as an AI tool, else none. */
export function readRunLimits(ctx: IExecuteFunctions): RunLimits {
	const given = ctx.getNodeParameter('runLimits', 0, {}) as IDataObject;
	const asTool = ctx.getNode().type.endsWith('Tool');
	if (given.maxCount === undefined && given.maxTotal === undefined) {
		return asTool ? { ...TOOL_DEFAULT_LIMITS, source: 'tool default' } : { source: 'none' };
	}
	const read = (name: 'maxCount' | 'maxTotal', label: string) => {
		if (given[name] === undefined) return asTool ? TOOL_DEFAULT_LIMITS[name] : undefined;
		const value = readWhole(given[name], 0);
		if (value === undefined) {
			throw refuseItem(
				ctx,
				0,
				`${label} must be a whole number, 0 or more (got ${JSON.stringify(given[name])})`,
			);
		}
		return value === 0 ? undefined : value;
	};
	return {
		maxCount: read('maxCount', 'Max Refunds per Run'),
		maxTotal: read('maxTotal', 'Max Refund Total per Run'),
		source: 'fields',
	};
}

/** Why a row was not sent: the limit it would pass. */
export type LimitReached = { reached: string };

/**
 * The run's refund budget, taken in input order: an item waits until every earlier item has had
 * its turn (they started before it, so no one waits for a later item), then takes its amount or is
 * told the limit. A refund sent counts, whatever the answer: the budget never depends on timing.
 * Every participating item must end its turn once (`take` or `pass`), also when it fails.
 */
export class RefundBudget {
	private count = 0;
	private total = 0;
	/** set by the first row that would pass a limit: every later row is told the same */
	private reached: string | undefined;
	/** ends[i] resolves when item i had its turn; earlier[i] when every item before i had */
	private readonly ends: Array<() => void> = [];
	private readonly earlier: Array<Promise<void>> = [];

	constructor(
		readonly limits: RunLimits,
		participants: ReadonlyArray<unknown>,
	) {
		let before: Promise<void> = Promise.resolve();
		participants.forEach((participant, itemIndex) => {
			this.earlier[itemIndex] = before;
			if (participant === undefined || !this.limited) {
				this.ends[itemIndex] = () => {};
				return;
			}
			let end = () => {};
			const ended = new Promise<void>((resolve) => (end = resolve));
			this.ends[itemIndex] = end;
			before = before.then(() => ended);
		});
	}

	get limited() {
		return this.limits.maxCount !== undefined || this.limits.maxTotal !== undefined;
	}

	/** Takes one refund of `amount` from the budget, in input order; or says which limit it would pass. */
	async take(itemIndex: number, amount: number): Promise<undefined | LimitReached> {
		if (!this.limited) return undefined;
		await this.earlier[itemIndex];
		const { maxCount, maxTotal } = this.limits;
		if (this.reached === undefined && maxCount !== undefined && this.count + 1 > maxCount) {
			this.reached = `Max Refunds per Run (${maxCount}) reached at row ${itemIndex}`;
		} else if (
			this.reached === undefined &&
			maxTotal !== undefined &&
			this.total + amount > maxTotal
		) {
			this.reached = `Max Refund Total per Run (${maxTotal} won) would be passed at row ${itemIndex} (${this.total} won sent before it, it asks ${amount})`;
		}
		this.pass(itemIndex);
		if (this.reached !== undefined) {
			return {
				reached: `${this.reached}: nothing was sent for this row; run it again in another execution, or raise Run Limits`,
			};
		}
		this.count += 1;
		this.total += amount;
		return undefined;
	}

	/** Ends the item's turn without taking anything (decided without a refund, or failed). */
	pass(itemIndex: number) {
		this.ends[itemIndex]?.();
	}
}
