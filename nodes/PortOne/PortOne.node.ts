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
import { testPortOneCredential } from './methods/credentialTest';

export class PortOne implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PortOne',
		name: 'portOne',
		icon: { light: 'file:portone.svg', dark: 'file:portone.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Refund and look up payments, and issue, look up and cancel cash receipts, with PortOne V2 (api.portone.io)',
		defaults: { name: 'PortOne' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Two outputs (Success, Failure) unless the user asks for one.
		outputs: SPLIT_OUTPUTS,
		credentials: [{ name: 'portOneApi', required: true, testedBy: 'portOneApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCES.map((resource) => resource.option),
				default: 'payment', // a literal, as n8n's linter asks
			},
			...RESOURCES.flatMap((resource) => resource.properties),
			splitOutputsField('PortOne accepted (and refunds done or under way)'),
			...settingsDescription('PortOne'),
		],
	};

	methods = { credentialTest: { portOneApiTest: testPortOneCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
