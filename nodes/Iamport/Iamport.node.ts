import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { SPLIT_OUTPUTS, splitOutputsField } from '../engine/fields';
import { settingsDescription } from '../engine/settings';
import { RESOURCES, router } from './actions/router';
import { testIamportCredential } from './methods/credentialTest';

export class Iamport implements INodeType {
	description: INodeTypeDescription = {
		displayName: "I'mport",
		name: 'iamport',
		icon: { light: 'file:iamport.svg', dark: 'file:iamport.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			"Refund and look up payments; cancel, look up and issue cash receipts (현금영수증); close virtual accounts; unschedule payments and delete billing keys, with i'mport (PortOne V1)",
		defaults: { name: "I'mport" },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Two outputs (Success, Failure) unless the user asks for one.
		outputs: SPLIT_OUTPUTS,
		// Tested by a function: n8n's request-based test would reuse the stored token (see testIamportCredential).
		credentials: [{ name: 'iamportApi', required: true, testedBy: 'iamportApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCES.map((resource) => resource.option),
				default: 'cashReceipt', // a literal, as n8n's linter asks
			},
			...RESOURCES.flatMap((resource) => resource.properties),
			splitOutputsField("i'mport accepted (code 0)"),
			...settingsDescription("i'mport"),
		],
	};

	methods = { credentialTest: { iamportApiTest: testIamportCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
