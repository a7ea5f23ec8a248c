import type { INodeProperties } from 'n8n-workflow';

/** The Split Success and Failure switch; `accepted` says what Success means for this API. */
export function splitOutputsField(accepted: string): INodeProperties {
	return {
		displayName: 'Split Success and Failure',
		name: 'splitOutputs',
		type: 'boolean',
		default: true,
		description: `Whether to send items ${accepted} to the Success output and all others to the Failure output. Off: one output, each item with its outcome.`,
	};
}

/** The node's outputs: Success and Failure, or one when the user switched the split off. */
export const SPLIT_OUTPUTS = `={{ $parameter.splitOutputs === false ? [{ "type": "main" }] : [{ "type": "main", "displayName": "Success" }, { "type": "main", "displayName": "Failure" }] }}`;
