'use strict';
/**
 * What the Virtual Account tests (test/virtualAccount*.test.js) share: items from ids (setup.js), ISO dates
 * from UNIX seconds, and, on the current test's simulator, the calls made, the state changes
 * counted and a few extra payments.
 */
const { items } = require('./setup');

const DAY_S = 24 * 60 * 60;

const iso = (unixSeconds) => new Date(unixSeconds * 1000).toISOString();

/** Helpers on `world` (from freshWorldPerTest), read when a test calls them. */
function vbankTools(world) {
	const calls = () =>
		world.simulator.log
			.filter((e) => e.rawPath !== '/users/getToken')
			.map((e) => `${e.method} ${e.rawUrl}`);
	const changes = (kind) => world.simulator.changes.count(kind);

	/** Extra payments: a failed issuance, a refunded account, a test-channel one, an odd id. */
	function seedMore() {
		const { payments } = world.simulator;
		payments.add({ imp_uid: 'imp_vb_failed', pay_method: 'vbank', status: 'failed' });
		payments.add({ imp_uid: 'imp_vb_refunded', pay_method: 'vbank', status: 'cancelled' });
		payments.add({
			imp_uid: 'imp_vb_sandbox',
			pay_method: 'vbank',
			status: 'ready',
			sandbox: true,
		});
		payments.add({ imp_uid: 'vb/../x?y#z %', pay_method: 'vbank', status: 'ready' });
	}

	return { calls, changes, seedMore };
}

module.exports = { DAY_S, items, iso, vbankTools };
