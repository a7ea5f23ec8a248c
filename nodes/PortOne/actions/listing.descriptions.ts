import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The fields every V2 listing shares: the window, statuses, test, sort, Return All / Limit; the
 * operation's own Window On field (what the window applies to) goes right after Until.
 */
export function listingFields(spec: {
	windowOn: INodeProperties;
	statuses: INodePropertyOptions[];
	what: string;
}): INodeProperties[] {
	return [
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			default: '',
			description: "Start of the window, in the workflow's time zone. Empty: 90 days before Until.",
		},
		{
			displayName: 'Until',
			name: 'until',
			type: 'dateTime',
			default: '',
			description: "End of the window, in the workflow's time zone. Empty: now.",
		},
		spec.windowOn,
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			default: [],
			description: `Only ${spec.what} in these statuses. None: any status.`,
			options: spec.statuses,
		},
		{
			displayName: 'Include Test',
			name: 'includeTest',
			type: 'boolean',
			default: false,
			description: `Whether to list ${spec.what} of test channels too. Off: live ones only (isTest: false).`,
		},
		{
			displayName: 'Sort',
			name: 'sortOrder',
			type: 'options',
			default: 'DESC',
			options: [
				{ name: 'Newest First', value: 'DESC' },
				{ name: 'Oldest First', value: 'ASC' },
			],
		},
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}
