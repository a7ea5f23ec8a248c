import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { testIamportCredential } from '../Iamport/methods/credentialTest';
import { triggerProperties } from './description';
import { lookUpPayment } from './lookup';
import {
	BadNotification,
	DOCUMENTED_SENDERS,
	eventKeyOf,
	unverifiedKeyOf,
	NOTIFIED_STATUSES,
	parseAllowList,
	readNotification,
	senderAllowed,
	verdictOf,
} from './notification';

const DEFAULT_LOOKUP_TIMEOUT_MS = 10_000;

/** Writes the whole answer here, so n8n adds nothing to it (it gets `noWebhookResponse`). */
function answer(ctx: IWebhookFunctions, status: number, body: IDataObject) {
	const res = ctx.getResponseObject();
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(text);
}

export class IamportTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: "I'mport Trigger",
		name: 'iamportTrigger',
		icon: { light: 'file:iamportTrigger.svg', dark: 'file:iamportTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["statuses"] || []).join(", ") }}',
		description:
			"Starts the workflow on i'mport (PortOne V1) payment notifications, each checked against i'mport first",
		defaults: { name: "I'mport Trigger" },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// The same credential test as the I'mport node: n8n asks every node that uses the credential.
		credentials: [{ name: 'iamportApi', required: true, testedBy: 'iamportApiTest' }],
		eventTriggerDescription: "Waiting for i'mport to post a payment notification to the test URL",
		activationMessage:
			"Set the production URL as the notification (webhook) URL in the PortOne console: notifications now start this workflow once i'mport confirms them.",
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = { credentialTest: { iamportApiTest: testIamportCredential } };

	// i'mport V1 has no API for registering a notification URL: it is set in the PortOne console, so there is nothing to create or remove remotely.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				this.logger.info(
					`I'mport Trigger "${this.getNode().name}" is listening; the notification URL to set in the PortOne console is ${this.getNodeWebhookUrl('default')}`,
				);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const nodeName = this.getNode().name;

		if (this.getNodeParameter('checkSender', false) as boolean) {
			const allowList = parseAllowList(this.getNodeParameter('allowedSenders', DOCUMENTED_SENDERS));
			if (allowList.invalid.length > 0) {
				this.logger.warn(
					`I'mport Trigger "${nodeName}": Allowed Sender Addresses holds invalid entries (${allowList.invalid.join(', ')}); every request is refused`,
				);
			}
			if (!senderAllowed(req.ip, allowList)) {
				this.logger.warn(
					`I'mport Trigger "${nodeName}": refused a notification from ${String(req.ip)} (not an allowed sender)`,
				);
				answer(this, 403, { error: 'This sender is not allowed' });
				return { noWebhookResponse: true };
			}
		}

		let notification;
		try {
			notification = readNotification(
				(req as { contentType?: string }).contentType ?? req.headers['content-type'],
				this.getBodyData(),
			);
		} catch (error) {
			answer(this, 400, {
				error:
					error instanceof BadNotification ? error.message : 'The notification could not be read',
			});
			return { noWebhookResponse: true };
		}

		const statuses = this.getNodeParameter('statuses', NOTIFIED_STATUSES) as string[];
		if (!statuses.includes(notification.status)) {
			answer(this, 200, { received: true });
			return { noWebhookResponse: true };
		}

		const options = this.getNodeParameter('options', {}) as IDataObject;
		const lookup = await lookUpPayment(this, notification.imp_uid, {
			includeSandbox: options.includeSandbox === true,
			timeoutMs:
				typeof options.timeoutMs === 'number' ? options.timeoutMs : DEFAULT_LOOKUP_TIMEOUT_MS,
		});
		if (lookup.kind === 'failed') {
			// Nothing can be decided: say so, so a sender with retries enabled tries again.
			this.logger.error(
				`I'mport Trigger "${nodeName}": could not look up ${notification.imp_uid} (${lookup.detail}); the notification was not processed`,
			);
			answer(this, 503, {
				error: "The notification could not be checked with i'mport; it was not processed",
			});
			return { noWebhookResponse: true };
		}

		const payment = lookup.kind === 'found' ? lookup.payment : null;
		const verdict = verdictOf(notification, payment);
		const onUnverified = this.getNodeParameter('onUnverified', 'drop') as string;
		// The same 200 whatever was decided, so the answer tells a prober nothing about the payment.
		answer(this, 200, { received: true });
		if (!verdict.verified && onUnverified !== 'emit') {
			this.logger.warn(
				`I'mport Trigger "${nodeName}": dropped an unverified notification for ${notification.imp_uid} (${verdict.reason}: ${verdict.explanation})`,
			);
			return { noWebhookResponse: true };
		}

		const json: IDataObject = {
			...(payment ?? {}),
			verified: verdict.verified,
			...(verdict.verified ? {} : { reason: verdict.reason, reason_detail: verdict.explanation }),
			event_key: verdict.verified ? eventKeyOf(notification) : unverifiedKeyOf(notification),
			notification: { ...notification, received_at: new Date().toISOString() },
		};
		return { noWebhookResponse: true, workflowData: [[{ json }]] };
	}
}
