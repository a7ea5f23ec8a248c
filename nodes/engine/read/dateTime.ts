import type { IExecuteFunctions } from 'n8n-workflow';

import { refuseItem } from './input';
import { itemParameter } from './itemParameter';

/** UNIX seconds above this are surely milliseconds (it is the year 5138). */
const MAX_UNIX_SECONDS = 1e11;
/** A date and time without a UTC offset, as n8n's date picker saves it: 2026-11-01T09:30:00 */
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
/** A date and time with Z or a UTC offset: one instant, whatever the time zone. */
const WITH_OFFSET =
	/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** How far `timeZone`'s wall clock is ahead of UTC at `instantMs`, in ms. */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	const format = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	});
	for (const part of format.formatToParts(new Date(instantMs)))
		parts[part.type] = Number(part.value);
	const wall = Date.UTC(
		parts.year,
		parts.month - 1,
		parts.day,
		parts.hour,
		parts.minute,
		parts.second,
	);
	return wall - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant (UNIX seconds) a wall-clock time names in `timeZone`. A time that happens twice (clocks
 * set back) is its first occurrence; a time that never happens (clocks set forward) moves forward by
 * the gap, as clocks do.
 */
export function wallTimeToUnix(fields: number[], timeZone: string): number {
	const [year, month, day, hour = 0, minute = 0, second = 0] = fields;
	const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
	const first = asUtc - zoneOffsetMs(asUtc, timeZone);
	const otherGuess = asUtc - zoneOffsetMs(first, timeZone);
	const fits = [first, otherGuess].filter(
		(instant) => instant + zoneOffsetMs(instant, timeZone) === asUtc,
	);
	const instant = fits.length > 0 ? Math.min(...fits) : Math.max(first, otherGuess);
	return Math.floor(instant / 1000);
}

/** The value as UNIX seconds, or a reason it is not a date; `apiName` names who else reads it. */
export function toUnixSeconds(
	value: unknown,
	timeZone: string,
	apiName: string,
): number | { problem: string } {
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value < 0) return { problem: 'is not a date' };
		if (value >= MAX_UNIX_SECONDS)
			return { problem: 'looks like milliseconds: give UNIX seconds (divide by 1000) or a date' };
		return Math.floor(value);
	}
	if (value instanceof Date) {
		return Number.isNaN(value.getTime())
			? { problem: 'is not a valid date' }
			: Math.floor(value.getTime() / 1000);
	}
	// A Luxon DateTime, which is what n8n's $now, $today and date expressions give.
	if (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	) {
		const ms = (value as { toMillis: () => number }).toMillis();
		return Number.isFinite(ms) ? Math.floor(ms / 1000) : { problem: 'is not a valid date' };
	}
	if (typeof value !== 'string')
		return { problem: `must be a date, not ${value === null ? 'null' : typeof value}` };
	const text = value.trim();
	if (/^\d+$/.test(text)) return toUnixSeconds(Number(text), timeZone, apiName);
	const wall = WALL_TIME.exec(text);
	if (wall) {
		const fields = wall
			.slice(1)
			.filter((f) => f !== undefined)
			.map(Number);
		const [year, month, day, hour = 0, minute = 0, second = 0] = fields;
		// Date.UTC rolls 2026-02-30 over to March 2: compare back to catch dates that do not exist.
		const asUtc = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
		if (
			asUtc.getUTCMonth() !== month - 1 ||
			asUtc.getUTCDate() !== day ||
			hour > 23 ||
			minute > 59 ||
			second > 59
		) {
			return { problem: 'is not a valid date' };
		}
		return wallTimeToUnix(fields, timeZone);
	}
	if (WITH_OFFSET.test(text)) {
		const ms = Date.parse(text);
		return Number.isNaN(ms) ? { problem: 'is not a valid date' } : Math.floor(ms / 1000);
	}
	return {
		problem: `is not a date n8n or ${apiName} knows (use the date picker, an ISO 8601 text, or UNIX seconds)`,
	};
}

/**
 * Reads an optional n8n dateTime parameter as UNIX seconds (undefined when empty). Text without a
 * UTC offset (what the date picker saves) is a wall-clock time in the workflow's time zone, as n8n
 * shows it; text with Z or an offset, JS dates, Luxon DateTimes ($now) and UNIX seconds are instants.
 */
export function readUnixSeconds(
	ctx: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	apiName: string,
): number | undefined {
	const value = itemParameter(ctx, parameter, itemIndex, '');
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	const seconds = toUnixSeconds(value, ctx.getTimezone(), apiName);
	if (typeof seconds === 'number') return seconds;
	throw refuseItem(ctx, itemIndex, `${label} ${seconds.problem} (got ${JSON.stringify(value)})`);
}
