import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TransportSettings } from './transport';

export interface RunSettings extends TransportSettings {
	concurrency: number;
}

/** Defaults, documented in the README: gentle on the API, quick on a sheet of thousands (the fields below repeat them as literals for n8n's linter). */
export const DEFAULTS: RunSettings = {
	concurrency: 5,
	maxRequestsPerSecond: 0,
	retries: 2,
	retryWaitMs: 500,
	timeoutMs: 30_000,
};

const LIMITS: Record<keyof RunSettings, [number, number]> = {
	concurrency: [1, 50],
	maxRequestsPerSecond: [0, 1000],
	retries: [0, 10],
	retryWaitMs: [0, 60_000],
	timeoutMs: [100, 300_000],
};

export const settingsDescription: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50, numberPrecision: 0 },
				default: 5,
				description: 'How many items are sent to i\'mport at the same time (1-50). The first item always goes alone, so one access token serves the whole run.',
			},
			{
				displayName: 'Max Requests per Second',
				name: 'maxRequestsPerSecond',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1000, numberPrecision: 0 },
				default: 0,
				description: 'Upper limit on requests started per second, for PGs that throttle (e.g. Daou asks for at most 50). 0 means no limit beyond Concurrency.',
			},
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
				default: 2,
				description:
					'Extra attempts after a transient failure (HTTP 429, 502, 503, 504, connection reset, timeout, a body that is not i\'mport\'s JSON). A cancel is looked up before it is sent again; an issue is sent again only if the first attempt never reached i\'mport.',
			},
			{
				displayName: 'Retry Wait (Ms)',
				name: 'retryWaitMs',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 60000, numberPrecision: 0 },
				default: 500,
				description: 'First wait before a retry, doubled at each attempt (with jitter). A Retry-After header from i\'mport takes precedence.',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				typeOptions: { minValue: 100, maxValue: 300000, numberPrecision: 0 },
				default: 30000,
				description: 'How long to wait for each answer from i\'mport',
			},
		],
	},
];

/** The run's settings from the Options collection, checked (expressions can bypass the UI limits). */
export function readSettings(ctx: IExecuteFunctions): RunSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const settings = { ...DEFAULTS };
	for (const name of Object.keys(DEFAULTS) as Array<keyof RunSettings>) {
		if (options[name] === undefined) continue;
		const value = Number(options[name]);
		const [min, max] = LIMITS[name];
		if (!Number.isInteger(value) || value < min || value > max) {
			throw new NodeOperationError(ctx.getNode(), `Option "${name}" must be a whole number from ${min} to ${max}`, {
				description: `Got ${JSON.stringify(options[name])}`,
			});
		}
		settings[name] = value;
	}
	return settings;
}
