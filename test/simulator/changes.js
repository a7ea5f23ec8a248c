'use strict';
/**
 * Counts the state changes the simulator actually applied, so a test can prove that something
 * happened once and only once (a virtual account closed, a schedule revoked, a billing key deleted),
 * whatever the client retried. A refused or repeated call that changed nothing is not counted.
 *
 *   simulator.changes.count('vbank.revoked', 'imp_pay_vbank_ready_0001')  -> 1
 *   simulator.changes.count('schedule.revoked')                           -> every revocation
 *   simulator.changes.list('billingKey.deleted')                          -> [{ kind, id, at }]
 *
 * Kinds: vbank.issued, vbank.revoked, vbank.modified, billingKey.saved, billingKey.deleted,
 * schedule.created, schedule.revoked, schedule.executed.
 */
function createChanges(clock) {
	/** every applied change, in order: { kind, id, at } */
	const log = [];
	return {
		record(kind, id) {
			log.push({ kind, id, at: clock.now() });
		},
		/** how many `kind` changes were applied, to `id` only when given */
		count(kind, id) {
			return log.filter((c) => c.kind === kind && (id === undefined || c.id === id)).length;
		},
		list(kind) {
			return log.filter((c) => !kind || c.kind === kind).map((c) => ({ ...c }));
		},
	};
}

module.exports = { createChanges };
