'use strict';
/** Starts the i'mport simulator on its own: `npm run simulator [-- --port 8787]`. */
const { createSimulator } = require('./server');

const portArg = process.argv.indexOf('--port');
const port = portArg === -1 ? 8787 : Number(process.argv[portArg + 1]);

const simulator = createSimulator();
simulator.start(port).then((baseUrl) => {
	const [account] = simulator.accounts;
	console.log(`i'mport simulator listening on ${baseUrl}`);
	console.log(`credential: Base URL ${baseUrl}, API key ${account.impKey}, API secret ${account.impSecret}, tiers ${account.tiers.join(', ')}`);
	console.log(`seeded imp_uids: ${[...simulator.store.payments.keys()].join(', ')}`);
	console.log(`seeded merchant_uids: ${[...simulator.store.external.keys()].join(', ')}`);
});
process.on('SIGINT', () => simulator.stop().then(() => process.exit(0)));
