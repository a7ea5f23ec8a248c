import type { INodePropertyOptions } from 'n8n-workflow';

/*
 * The events PortOne V2 sends (portone-io/developers.portone.io
 * `src/routes/(root)/opi/ko/integration/webhook/readme-v2.mdx`; Transaction.Confirm:
 * `src/routes/(root)/opi/ko/extra/confirm-process/readme-v2.mdx`), named as in version 2024-04-25.
 * Version 2024-01-01 sends a `status` instead; LEGACY_STATUS_EVENTS names it the same way, so one
 * Events filter serves both versions.
 */

/** The options of the trigger's Events multi-select, sorted by name (n8n's rule for options). */
export const WEBHOOK_EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Billing Key Deleted',
		value: 'BillingKey.Deleted',
		description: 'A billing key was deleted',
	},
	{
		name: 'Billing Key Failed',
		value: 'BillingKey.Failed',
		description: 'Issuing a billing key failed',
	},
	{
		name: 'Billing Key Issued',
		value: 'BillingKey.Issued',
		description: 'A billing key was issued',
	},
	{
		name: 'Billing Key Ready',
		value: 'BillingKey.Ready',
		description: 'The billing key window was opened',
	},
	{
		name: 'Billing Key Updated',
		value: 'BillingKey.Updated',
		description: 'A billing key was updated',
	},
	{
		name: 'Transaction Cancel Pending',
		value: 'Transaction.CancelPending',
		description: 'A cancellation was requested and runs asynchronously',
	},
	{
		name: 'Transaction Cancelled',
		value: 'Transaction.Cancelled',
		description: 'A payment was cancelled in full',
	},
	{
		name: 'Transaction Confirm',
		value: 'Transaction.Confirm',
		description:
			'Confirm process only: PortOne asks before approving a payment, and a success answer lets it go ahead',
	},
	{
		name: 'Transaction Dispute Created',
		value: 'Transaction.DisputeCreated',
		description: 'A dispute was opened on a payment',
	},
	{
		name: 'Transaction Dispute Resolved',
		value: 'Transaction.DisputeResolved',
		description: 'A dispute on a payment was resolved',
	},
	{
		name: 'Transaction Failed',
		value: 'Transaction.Failed',
		description: 'A payment (scheduled ones included) failed',
	},
	{
		name: 'Transaction Paid',
		value: 'Transaction.Paid',
		description:
			'A payment (scheduled ones included) was approved; for a virtual account, the deposit arrived',
	},
	{
		name: 'Transaction Partially Cancelled',
		value: 'Transaction.PartialCancelled',
		description: 'Part of a payment was cancelled',
	},
	{
		name: 'Transaction Pay Pending',
		value: 'Transaction.PayPending',
		description: 'A payment awaits approval (possible for payments abroad)',
	},
	{
		name: 'Transaction Ready',
		value: 'Transaction.Ready',
		description: 'The payment window was opened (most are never paid)',
	},
	{
		name: 'Transaction Virtual Account Issued',
		value: 'Transaction.VirtualAccountIssued',
		description: 'A virtual account was issued and awaits the deposit',
	},
];

/** Every event type this package knows; anything else is answered 2xx and dropped (PortOne's rule). */
export const KNOWN_EVENT_TYPES: readonly string[] = WEBHOOK_EVENT_OPTIONS.map(
	(option) => option.value as string,
);

/**
 * The Events selected in a new trigger: what changes money or what a merchant must act on, from
 * both webhook versions. Left out: Transaction.Ready (every opened payment window, most never paid:
 * noise), the two Pending states (a Paid or Cancelled follows), disputes (rare, chosen knowingly),
 * billing keys (subscriptions only) and Transaction.Confirm, which only the confirm process sends (to
 * its own confirmUrl) and where the answer decides whether the payment goes ahead (the guide has a
 * failure answer refuse it; a success answer, we infer, lets it through), so a trigger that answers
 * 2xx to the events it drops lets every Confirm it drops through.
 */
export const DEFAULT_EVENTS: readonly string[] = [
	'Transaction.Paid',
	'Transaction.VirtualAccountIssued',
	'Transaction.PartialCancelled',
	'Transaction.Cancelled',
	'Transaction.Failed',
];

/** Version 2024-01-01's `status` values and the 2024-04-25 event each one is. */
export const LEGACY_STATUS_EVENTS: Readonly<Record<string, string>> = {
	Ready: 'Transaction.Ready',
	Paid: 'Transaction.Paid',
	VirtualAccountIssued: 'Transaction.VirtualAccountIssued',
	PartialCancelled: 'Transaction.PartialCancelled',
	Cancelled: 'Transaction.Cancelled',
	Failed: 'Transaction.Failed',
	PayPending: 'Transaction.PayPending',
	CancelPending: 'Transaction.CancelPending',
};

/** A 2024-01-01 confirm-process body has no `status`, only `total_amount` (confirm-process guide). */
export const LEGACY_CONFIRM_EVENT = 'Transaction.Confirm';
