import type { IExecuteFunctions } from 'n8n-workflow';

import { refuseItem } from './input';
import { itemParameter } from './itemParameter';

/**
 * A whole number from a number or from digits-only text (spaces around allowed), as a safe
 * integer of at least `min`; undefined for anything else. Text such as "0x10", "1e3", "0b11",
 * "12.0", "+5" or "1,000" is refused, never read the way JavaScript's Number() would.
 */
export function readWhole(value: unknown, min: number): number | undefined {
	const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min) return undefined;
	return number === 0 ? 0 : number; // -0 reads as 0
}

/** Whole won: `min` is 1 for an amount to move, 0 for its parts (tax-free, VAT). */
export const readWon = readWhole;

/** Reads a won parameter of one item, or refuses the item (nothing sent) saying why. */
export function readWonParameter(
	ctx: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	min: number,
): number {
	const value = itemParameter(ctx, parameter, itemIndex, '');
	const won = readWon(value, min);
	if (won === undefined) throw refuseItem(ctx, itemIndex, wonProblem(label, value, min));
	return won;
}

/** Why a value is not whole won, for the item's error. */
export function wonProblem(label: string, value: unknown, min: number): string {
	const bound = min === 0 ? '0 or more' : `${min} or more`;
	return `${label} must be a whole number of won, ${bound} (got ${JSON.stringify(value ?? null)})`;
}
