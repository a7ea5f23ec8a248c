'use strict';
/** Pure functions of the Payment look-ups: 90-day slices, n8n date values as UNIX seconds, query strings, id batches. */
const GET_MANY = '../dist/nodes/Iamport/actions/payment/getMany';
const { windowSlices, SLICE_S, windowSeconds: toUnixSeconds } = require(`${GET_MANY}/items.js`);
const { IdBatches } = require(`${GET_MANY}/idBatches.js`);
const { queryString } = require('../dist/nodes/engine/query.js');

const DAY_S = 24 * 60 * 60;

describe('windowSlices', () => {
	test.each([
		[0, 1],
		[DAY_S, 1],
		[90 * DAY_S, 1],
		[90 * DAY_S + 1, 2],
		[180 * DAY_S + 1, 2],
		[180 * DAY_S + 2, 3],
		[200 * DAY_S, 3],
		[365 * DAY_S, 5],
	])(
		'a window of %i seconds is %i slice(s) that cover it exactly, none longer than 90 days',
		(length, count) => {
			const from = 1_700_000_000;
			const to = from + length;
			for (const newestFirst of [false, true]) {
				const slices = windowSlices(from, to, newestFirst);
				expect(slices).toHaveLength(count);
				const ordered = newestFirst ? [...slices].reverse() : slices;
				expect(ordered[0].from).toBe(from);
				expect(ordered[ordered.length - 1].to).toBe(to);
				for (const [n, slice] of ordered.entries()) {
					expect(slice.to - slice.from).toBeLessThanOrEqual(SLICE_S);
					expect(slice.to).toBeGreaterThanOrEqual(slice.from);
					// every second once: the next slice starts right after this one ends
					if (n > 0) expect(slice.from).toBe(ordered[n - 1].to + 1);
				}
			}
		},
	);
});

describe('toUnixSeconds', () => {
	test.each([
		// text without an offset is a wall-clock time in the workflow's time zone
		['2026-11-01T00:00:00', 'Asia/Seoul', Date.UTC(2026, 9, 31, 15) / 1000],
		['2026-11-01T00:00:00', 'UTC', Date.UTC(2026, 10, 1) / 1000],
		['2026-11-01', 'Asia/Seoul', Date.UTC(2026, 9, 31, 15) / 1000],
		['2026-11-01 09:30', 'Asia/Seoul', Date.UTC(2026, 10, 1, 0, 30) / 1000],
		// New York: EDT (-4) until 1 November 2026 02:00, then EST (-5)
		['2026-10-31T12:00:00', 'America/New_York', Date.UTC(2026, 9, 31, 16) / 1000],
		['2026-11-02T12:00:00', 'America/New_York', Date.UTC(2026, 10, 2, 17) / 1000],
		// a time in the spring-forward gap moves forward, as clocks do
		['2026-03-08T02:30:00', 'America/New_York', Date.UTC(2026, 2, 8, 7, 30) / 1000],
		// a time that happens twice (clocks set back) is its first occurrence (EDT)
		['2026-11-01T01:30:00', 'America/New_York', Date.UTC(2026, 10, 1, 5, 30) / 1000],
		// with Z or an offset: one instant, whatever the zone
		['2026-11-01T00:00:00Z', 'Asia/Seoul', Date.UTC(2026, 10, 1) / 1000],
		['2026-11-01T09:00:00.500+09:00', 'UTC', Date.UTC(2026, 10, 1) / 1000],
		// UNIX seconds, as number or digits; JS dates; Luxon-like values ($now)
		[1_767_225_600, 'Asia/Seoul', 1_767_225_600],
		['1767225600', 'Asia/Seoul', 1_767_225_600],
		[new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 999)), 'Asia/Seoul', Date.UTC(2026, 0, 1) / 1000],
		[
			{ toMillis: () => Date.UTC(2026, 0, 1) + 1500 },
			'Asia/Seoul',
			Date.UTC(2026, 0, 1) / 1000 + 1,
		],
	])('%j in %s is %i', (value, zone, expected) => {
		expect(toUnixSeconds(value, zone)).toBe(expected);
	});

	test.each([
		[1_767_225_600_000, /milliseconds/],
		[-1, /not a date/],
		['2026-02-30T00:00:00', /not a valid date/],
		['2026-13-01', /not a valid date/],
		['2026-01-01T24:00:00', /not a valid date/],
		['yesterday', /not a date n8n or i'mport knows/],
		['01/02/2026', /not a date n8n or i'mport knows/],
		[true, /must be a date, not boolean/],
		[null, /must be a date, not null/],
		[new Date('nope'), /not a valid date/],
	])('%j is refused', (value, problem) => {
		expect(toUnixSeconds(value, 'Asia/Seoul').problem).toMatch(problem);
	});
});

describe('queryString', () => {
	test('names and values are percent-encoded, lists repeat the name, undefined is left out', () => {
		expect(queryString([])).toBe('');
		expect(queryString([['a', undefined]])).toBe('');
		expect(
			queryString([
				['imp_uid[]', 'x&y=z'],
				['imp_uid[]', '한#/'],
				['page', 2],
				['on', true],
				['skip', undefined],
			]),
		).toBe('?imp_uid%5B%5D=x%26y%3Dz&imp_uid%5B%5D=%ED%95%9C%23%2F&page=2&on=true');
	});
});

describe('IdBatches', () => {
	const item = (id, includeSandbox = false) => ({
		mode: 'ids',
		target: { idField: 'imp_uid', id, path: '/payments' },
		includeSandbox,
	});

	test('distinct ids in first-seen order, 100 per batch; repeated ids join the batch of their first', () => {
		const ids = Array.from({ length: 230 }, (_, n) => `imp_${n}`);
		const prepared = [...ids.map((id) => item(id)), item('imp_0'), undefined, item('imp_229')];
		const { batches } = new IdBatches(prepared);
		expect(batches.map((b) => b.ids.length)).toEqual([100, 100, 30]);
		expect(batches.flatMap((b) => b.ids)).toEqual(ids);
	});

	test('with and without sandbox are never mixed in one request', () => {
		const { batches } = new IdBatches([item('a'), item('b', true), item('c'), item('a', true)]);
		expect(batches.map((b) => [b.includeSandbox, b.ids])).toEqual([
			[false, ['a', 'c']],
			[true, ['b', 'a']],
		]);
	});

	test('long ids start a new batch before the request line gets too long', () => {
		const long = (n) => `imp_${String(n).padStart(996, '0')}`;
		const { batches } = new IdBatches(Array.from({ length: 12 }, (_, n) => item(long(n))));
		expect(batches.length).toBeGreaterThan(1);
		for (const batch of batches) expect(batch.queryChars).toBeLessThanOrEqual(6000);
		expect(batches.flatMap((b) => b.ids)).toHaveLength(12);
	});
});
