import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { testPortOneCredential } from '../PortOne/methods/credentialTest';
import { triggerProperties } from './description';
import { lookUpPayment } from './lookup';
import { verifySignature } from './signature';
import type { WebhookHeaders } from './signature';
import {
	BadWebhookBody,
	isSelectedEvent,
	LEGACY_CONFIRM_EVENT,
	readWebhookBody,
} from './webhookBody';

const DEFAULT_LOOKUP_TIMEOUT_MS = 10_000;

/** Writes the whole answer here, so n8n adds nothing to it (it gets `noWebhookResponse`). */
function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

/** The credential's webhook secrets: the current one, and the previous one while rotating. */
async function webhookSecrets(ctx: IWebhookFunctions): Promise<string[]> {
	const credentials = await ctx.getCredentials('portOneApi');
	return [credentials.webhookSecret, credentials.previousWebhookSecret]
		.map((secret) => String(secret ?? '').trim())
		.filter((secret) => secret !== '');
}

export class PortOneTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PortOne Trigger',
		name: 'portOneTrigger',
		icon: { light: 'file:portoneTrigger.svg', dark: 'file:portoneTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts the workflow on PortOne V2 webhooks, only those PortOne really signed',
		defaults: { name: 'PortOne Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'portOneApi', required: true, testedBy: 'portOneApiTest' }],
		eventTriggerDescription: 'Waiting for PortOne to send a webhook to the test URL',
		activationMessage:
			'Set the production URL as the webhook URL (V2) in the PortOne console, and its webhook secret in the credential: signed webhooks now start this workflow.',
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	methods = { credentialTest: { portOneApiTest: testPortOneCredential } };

	// PortOne V2 has no API for registering a webhook URL: it is set in the console.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				this.logger.info(
					`PortOne Trigger "${this.getNode().name}" is listening; the webhook URL to set in the PortOne console is ${this.getNodeWebhookUrl('default')}`,
				);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & {
			rawBody?: Buffer;
			headersDistinct?: WebhookHeaders;
		};
		const name = this.getNode().name;
		const secrets = await webhookSecrets(this);
		if (secrets.length === 0) {
			this.logger.error(
				`PortOne Trigger "${name}": the credential has no Webhook Secret, so no webhook can be verified; refused one`,
			);
			return answer(this, 401, { error: 'The webhook could not be verified' });
		}
		// The signature covers the body exactly as sent: n8n keeps it as rawBody beside what it parsed.
		const rawBody = req.rawBody ?? Buffer.alloc(0);
		const verdict = verifySignature({
			rawBody,
			headers: req.headersDistinct ?? (req.headers as WebhookHeaders),
			secrets,
			nowSeconds: Date.now() / 1000,
		});
		if (!verdict.verified) {
			this.logger.warn(
				`PortOne Trigger "${name}": refused a webhook (${verdict.reason}: ${verdict.detail})`,
			);
			return answer(this, 401, { error: 'The webhook signature could not be verified' });
		}
		if (verdict.secretIndex > 0) {
			this.logger.info(
				`PortOne Trigger "${name}": a webhook was signed with the previous secret; finish the rotation once none are`,
			);
		}

		let event;
		try {
			event = readWebhookBody(req.headers['content-type'], rawBody);
		} catch (error) {
			const message =
				error instanceof BadWebhookBody ? error.message : 'The webhook body could not be read';
			return answer(this, 400, { error: message });
		}
		if (event.type === LEGACY_CONFIRM_EVENT) {
			// The confirm process waits for an approval; this trigger never gives one blindly.
			this.logger.error(
				`PortOne Trigger "${name}": refused a Transaction.Confirm: this trigger does not approve payments; point the confirm process at a Webhook node that answers with Respond to Webhook`,
			);
			return answer(this, 409, { error: 'This endpoint does not approve payments' });
		}
		const events = this.getNodeParameter('events', []) as string[];
		if (!isSelectedEvent(event, events)) return answer(this, 200, { received: true });

		const json: IDataObject = {};
		const options = this.getNodeParameter('options', {}) as IDataObject;
		if (this.getNodeParameter('lookUp', true) === true && event.paymentId) {
			const timeoutMs =
				typeof options.timeoutMs === 'number' ? options.timeoutMs : DEFAULT_LOOKUP_TIMEOUT_MS;
			const lookup = await lookUpPayment(this, event.paymentId, event.storeId, timeoutMs);
			if (lookup.kind === 'failed') {
				// Nothing can be decided: say so, so PortOne sends it again (up to 5 times over ~5.5 h).
				this.logger.error(
					`PortOne Trigger "${name}": could not look up ${event.paymentId} (${lookup.detail}); the webhook was not processed`,
				);
				return answer(this, 503, {
					error: 'The payment could not be looked up; the webhook was not processed',
				});
			}
			if (lookup.kind === 'found') Object.assign(json, lookup.payment);
			json.payment_found = lookup.kind === 'found';
		}
		json.event_key = verdict.webhookId;
		json.webhook = {
			id: verdict.webhookId,
			type: event.type,
			version: event.version,
			timestamp: event.timestamp,
			status: event.status,
			paymentId: event.paymentId,
			transactionId: event.transactionId,
			cancellationId: event.cancellationId,
			storeId: event.storeId,
			billingKey: event.billingKey,
			signed_at: new Date(verdict.timestamp * 1000).toISOString(),
			received_at: new Date().toISOString(),
			body: event.body,
		};
		answer(this, 200, { received: true });
		return { noWebhookResponse: true, workflowData: [[{ json }]] };
	}
}
