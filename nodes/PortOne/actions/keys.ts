import { createHash } from 'node:crypto';

/**
 * An Idempotency-Key derived from what an item intends (never random): the same on every retry
 * and every run of the same row, so PortOne answers a repeat with the stored answer for 3 hours.
 * "n8n-" and 40 hex characters: within PortOne's 16-256 ASCII characters.
 */
export function derivedKey(intent: Array<string | number | null>): string {
	return `n8n-${createHash('sha256').update(JSON.stringify(intent)).digest('hex').slice(0, 40)}`;
}
