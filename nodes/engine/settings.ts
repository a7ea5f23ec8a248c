import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TransportSettings } from './requestSender';

export interface RunSettings extends TransportSettings {
	concurrency: number;
}

/**
 * The Options collection, its texts naming the API. Defaults and limits live only here (the README
 * documents the defaults).
 */
export function settingsDescription(api: string): INodeProperties[] {
	const Api = api.charAt(0).toUpperCase() + api.slice(1);
	return [
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
					description: `How many items are sent to ${api} at the same time (1-50). The first item always goes alone, so one access token serves the whole run.`,
				},
				{
					displayName: 'Max Outage Wait (Ms)',
					name: 'maxOutageWaitMs',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 3600000, numberPrecision: 0 },
					default: 60000,
					description: `How long the run waits in total for ${api} to come back once it looks unavailable (see Outage Window). Items hit by the outage wait and then go again; after this long the run stops sending, and items not sent come out as "Not sent" errors, so a re-run picks them up. 0 stops at once.`,
				},
				{
					displayName: 'Max Requests per Second',
					name: 'maxRequestsPerSecond',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 1000, numberPrecision: 0 },
					default: 0,
					description:
						'Upper limit on requests started per second, for PGs that throttle (e.g. Daou asks for at most 50). 0 means no limit beyond Concurrency.',
				},
				{
					displayName: 'Outage Failure Percent',
					name: 'outageFailurePercent',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
					default: 80,
					description: `${Api} looks unavailable when at least this share of the last Outage Window calls failed transiently (HTTP 429, 502, 503, 504, connection refused or reset, timeout). Then no item is sent and nothing is retried; one probe call at a time checks whether ${api} is back.`,
				},
				{
					displayName: 'Outage Window (Calls)',
					name: 'outageWindow',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 1000, numberPrecision: 0 },
					default: 10,
					description: `How many of the run's most recent calls, across all items, are judged to tell whether ${api} is down. 0 turns this off: each item then only retries on its own.`,
				},
				{
					displayName: 'Retries',
					name: 'retries',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
					default: 2,
					description: `Extra attempts after a transient failure (HTTP 429, 502, 503, 504, connection reset, timeout, a body that is not ${api}'s JSON). A cancel is looked up before it is sent again; an issue is sent again only if the first attempt never reached ${api}. While ${api} looks unavailable (see Outage Window) failures do not use up retries: the item waits with the run.`,
				},
				{
					displayName: 'Retry Wait (Ms)',
					name: 'retryWaitMs',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 60000, numberPrecision: 0 },
					default: 500,
					description: `First wait before a retry, doubled at each attempt (with jitter). A Retry-After header from ${api} takes precedence.`,
				},
				{
					displayName: 'Timeout (Ms)',
					name: 'timeoutMs',
					type: 'number',
					typeOptions: { minValue: 100, maxValue: 300000, numberPrecision: 0 },
					default: 30000,
					description: `How long to wait for each answer from ${api}`,
				},
			],
		},
	];
}

type Setting = keyof RunSettings;

/** Default and allowed range of each setting, read from its field above. */
const SETTING_FIELDS = new Map<Setting, { default: number; min: number; max: number }>(
	(settingsDescription('the API')[0].options as INodeProperties[]).map((field) => [
		field.name as Setting,
		{
			default: field.default as number,
			min: field.typeOptions?.minValue ?? 0,
			max: field.typeOptions?.maxValue ?? Number.MAX_SAFE_INTEGER,
		},
	]),
);

/** The run's settings from the Options collection, checked (expressions can bypass the UI limits). */
export function readSettings(ctx: IExecuteFunctions): RunSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const settings = {} as RunSettings;
	for (const [name, field] of SETTING_FIELDS) {
		settings[name] = field.default;
		if (options[name] === undefined) continue;
		const value = Number(options[name]);
		if (!Number.isInteger(value) || value < field.min || value > field.max) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Option "${name}" must be a whole number from ${field.min} to ${field.max}`,
				{
					description: `Got ${JSON.stringify(options[name])}`,
				},
			);
		}
		settings[name] = value;
	}
	return settings;
}
