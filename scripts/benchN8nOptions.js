'use strict';
/**
 * The command-line options of the benchmark in real n8n (scripts/bench-n8n.js; its top comment
 * shows them in use), and the names its workflows and credentials share.
 */
/** The PortOne node and its credential type (as e2e/portoneCredential.js names them). */
const V2_NODE_TYPE = 'n8n-nodes-iamport.portOne';
const V2_CREDENTIAL_TYPE = 'portOneApi';

function arg(name, fallback) {
	const at = process.argv.indexOf(`--${name}`);
	return at === -1 ? fallback : process.argv[at + 1];
}
const ITEMS = Number(arg('items', '500'));
const LATENCY_MS = Number(arg('latency', '20'));
/** spread of the latency around L (uniform, L ± JITTER/2); 0 = every answer after exactly L */
const JITTER_MS = Number(arg('jitter', '0'));
const ROUNDS = Number(arg('rounds', '3'));
const CONCURRENCY = arg('concurrency', '10,50').split(',').map(Number);
const PROFILE = arg('profile', undefined);
const WRITE_TO = arg('write', undefined);
const KEEP = process.argv.includes('--keep');
/** n8n's expression engine (N8N_EXPRESSION_ENGINE: vm, its default in 2.x, legacy or quickjs); unset = n8n's default */
const EXPRESSION_ENGINE = arg('expression-engine', undefined);
/** Which groups of workflows: receipts (Cash Receipt → Cancel), refunds (Payment → Cancel, V1 and V2). */
const CASES = arg('cases', 'receipts,refunds').split(',');
const REFUND_ITEMS = Number(arg('refund-items', '1000'));
const REFUND_C = Number(arg('refund-concurrency', '10'));

const CREDENTIAL_ID = 'benchIamport';
const CREDENTIAL_NAME = "I'mport API (bench simulator)";
const V2_CREDENTIAL_ID = 'benchPortOne';
const V2_CREDENTIAL_NAME = 'PortOne V2 API (bench simulator)';
const ID_PREFIX = 'bench_';
const REFUND_PREFIX = { v1: 'bench_v1_refund_', v2: 'bench_v2_refund_' };
const MEASURED = { node: 'Cancel', recipe: 'DELETE receipt', lookUp: 'Look up', refund: 'Refund' };

module.exports = {
	V2_NODE_TYPE,
	V2_CREDENTIAL_TYPE,
	ITEMS,
	LATENCY_MS,
	JITTER_MS,
	ROUNDS,
	CONCURRENCY,
	PROFILE,
	WRITE_TO,
	KEEP,
	EXPRESSION_ENGINE,
	CASES,
	REFUND_ITEMS,
	REFUND_C,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	V2_CREDENTIAL_ID,
	V2_CREDENTIAL_NAME,
	ID_PREFIX,
	REFUND_PREFIX,
	MEASURED,
};
