import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CancelOptions } from '../shared/cancelFlow';

/** The Dry Run and Skip Already Cancelled fields, shared by both Cancel operations. */
export function cancelSafetyFields(showFor: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description:
				'Whether to only look each receipt up and report what would happen (would_cancel, already_cancelled, or why not), cancelling nothing',
			displayOptions: { show: showFor },
		},
		{
			displayName: 'Skip Already Cancelled',
			name: 'skipAlreadyCancelled',
			type: 'boolean',
			default: true,
			description:
				'Whether to look each receipt up first and report one that is already cancelled as Success (already_cancelled) without cancelling again, so re-running the same list is harmless. Costs one extra lookup per item.',
			displayOptions: { show: { ...showFor, dryRun: [false] } },
		},
	];
}

export function readCancelOptions(ctx: IExecuteFunctions, itemIndex: number): CancelOptions {
	const dryRun = ctx.getNodeParameter('dryRun', itemIndex, false) as boolean;
	return {
		dryRun,
		skipAlreadyCancelled: !dryRun && (ctx.getNodeParameter('skipAlreadyCancelled', itemIndex, true) as boolean),
	};
}
