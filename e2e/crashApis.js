'use strict';
/**
 * The two refund APIs of e2e/crash.js, each as an adapter the crash driver and its checks share:
 * the simulator and how it is seeded, which request is a refund and which payment a logged
 * request concerns, the refunds it applied (the money that moved), the node's type, parameters
 * and credential, and the secrets that must appear nowhere. Plus the sheet and its workflow.
 *
 *   v1  I'mport Payment Cancel (n8n-nodes-iamport.iamport) on test/simulator: POST /payments/cancel
 *   v2  PortOne Payment Cancel (n8n-nodes-iamport.portOne) on test/portone-simulator: a look-up,
 *       then POST /payments/{paymentId}/cancel with currentCancellableAmount and an Idempotency-Key
 */
const path = require('node:path');
const { ROOT, CREDENTIAL_TYPE, NODE_TYPE } = require('./n8n');
const PORTONE = require('./portoneCredential');

const V1_SIMULATOR = path.join(ROOT, 'test', 'simulator', 'server.js');
const V2_SIMULATOR = path.join(ROOT, 'test', 'portone-simulator', 'server.js');

const V1 = {
	key: 'v1',
	title: "V1 (I'mport Payment Cancel)",
	prefix: 'imp_crash_',
	/** the payment id's field in the sheet's items and in the node's output items */
	idField: 'imp_uid',
	nodeType: NODE_TYPE,
	credentialType: CREDENTIAL_TYPE,
	credential: { id: 'iamportCrashSim', name: "I'mport API (simulator, crash)" },
	workflowIds: ['iamportCrashNoRef', 'iamportCrashRef'],
	parameters: { refundBy: 'impUid', impUid: '={{ $json.imp_uid }}' },
	credentialData(baseUrl) {
		const [{ impKey, impSecret }] = require(V1_SIMULATOR).createSimulator().accounts;
		return { impKey, impSecret, tierCode: '', baseUrl };
	},
	/** A simulator holding one payment per row (10,000-60,000 won, some partly refunded before). */
	simulator(rows) {
		const simulator = require(V1_SIMULATOR).createSimulator();
		simulator.payments.addMany(rows.length, {
			prefix: this.prefix,
			each: (n) => ({ amount: rows[n].total, cancel_amount: rows[n].earlier }),
			paid_at: simulator.clock.now() - 86_400,
			cancel_reason: '고객 요청',
		});
		return simulator;
	},
	/** Every refund the simulator applied, in order (a live list): each { imp_uid, amount, ... }. */
	applied: (simulator) => simulator.payments.refunds,
	paymentOf: (refund) => refund.imp_uid,
	isRefund: (e) => e.method === 'POST' && e.rawPath === '/payments/cancel',
	heldPayment: (e) => e.body?.imp_uid,
	/** Whether a logged request is about payment `id` (its look-up or a refund of it). */
	concerns: (e, id) => e.rawPath === `/payments/${id}` || e.body?.imp_uid === id,
	heldWasApplied: (held) => held?.appliedAnswer?.code === 0,
	secretsName: 'API secret, access tokens',
	secrets: (simulator) => [simulator.accounts[0].impSecret, ...simulator.issuedTokens],
};

const V2_REFUND = /^\/payments\/[^/]+\/cancel$/;

const V2 = {
	key: 'v2',
	title: 'V2 (PortOne Payment Cancel)',
	prefix: 'pay-crash-',
	idField: 'paymentId',
	nodeType: PORTONE.NODE_TYPE,
	credentialType: PORTONE.CREDENTIAL_TYPE,
	credential: { id: 'portoneCrashSim', name: 'PortOne V2 API (simulator, crash)' },
	workflowIds: ['portoneCrashNoRef', 'portoneCrashRef'],
	parameters: { paymentId: '={{ $json.paymentId }}' },
	credentialData(baseUrl) {
		const simulator = require(V2_SIMULATOR).createPortOneSimulator({ seed: false });
		const [{ apiSecret }] = simulator.accounts.list;
		return { apiSecret, storeId: '', webhookSecret: '', previousWebhookSecret: '', baseUrl };
	},
	simulator(rows) {
		const simulator = require(V2_SIMULATOR).createPortOneSimulator({ seed: false });
		const paidAt = simulator.clock.nowMs() - 86_400_000;
		simulator.payments.addMany(rows.length, {
			prefix: this.prefix,
			each: (n) => ({
				total: rows[n].total,
				cancellations: rows[n].earlier
					? [{ totalAmount: rows[n].earlier, reason: '고객 요청', cancelledAt: paidAt + 3600_000 }]
					: [],
			}),
			requestedAt: paidAt - 60_000,
			paidAt,
		});
		return simulator;
	},
	/** Every cancellation that moved money, in order (a live list): each { paymentId, amount, ... }. */
	applied: (simulator) => simulator.payments.moneyMoved,
	paymentOf: (refund) => refund.paymentId,
	isRefund: (e) => e.method === 'POST' && V2_REFUND.test(e.rawPath),
	heldPayment: (e) => decodeURIComponent(e.rawPath.split('/')[2]),
	concerns: (e, id) => e.rawPath.split('/')[2] === encodeURIComponent(id),
	heldWasApplied: (held) =>
		held?.appliedStatus === 200 && held.appliedAnswer?.cancellation?.status === 'SUCCEEDED',
	secretsName: 'API secret',
	secrets: (simulator) => [simulator.accounts.list[0].apiSecret],
};

const APIS = { v1: V1, v2: V2 };

/**
 * `count` rows, one payment each, the same for both APIs: 10,000-60,000 won, a quarter partly
 * refunded before (`earlier`), Full or Partial; `asked` is what the row should refund in all.
 */
function sheet(count, seededRandom) {
	const random = seededRandom(7);
	const rows = [];
	for (let n = 0; n < count; n++) {
		const total = 10_000 + 1_000 * Math.floor(random() * 51);
		const earlier = n % 4 === 1 ? 1_000 * (1 + Math.floor(random() * 5)) : 0;
		const left = total - earlier;
		const mode = random() < 0.5 ? 'full' : 'partial';
		// At most 40% of what is left: a second refund of the same amount would go through.
		const part = 100 * Math.floor((left * (0.1 + 0.3 * random())) / 100);
		rows.push({
			row_id: `R-${String(n + 1).padStart(4, '0')}`,
			n: String(n).padStart(6, '0'),
			mode,
			amount: mode === 'partial' ? part : null,
			total,
			earlier,
			asked: mode === 'partial' ? part : left,
		});
	}
	return rows;
}

/** The sheet's rows for one API: each with its payment id (`id`) as the API's simulator names it. */
const rowsFor = (api, rows) => rows.map((row) => ({ ...row, id: `${api.prefix}${row.n}` }));

/** Manual Trigger -> Code (the sheet) -> the API's refund node, named `cancel`, default options. */
function workflow(api, variant, rows, cancel) {
	const items = rows.map(({ row_id, id, mode, amount }) => ({
		json: { row_id, [api.idField]: id, mode, amount },
	}));
	const parameters = {
		resource: 'payment',
		operation: 'cancel',
		...api.parameters,
		refundMode: '={{ $json.mode }}',
		amount: '={{ $json.amount }}',
		...(variant.reference ? { refundReference: variant.reference } : {}),
		options: {},
	};
	const node = (n, name, type, extra) => ({
		id: `c0c0c0c0-0000-4000-8000-00000000000${n}`,
		name,
		type,
		typeVersion: 1,
		position: [220 * (n - 1), 0],
		parameters: {},
		...extra,
	});
	const credential = { id: api.credential.id, name: api.credential.name };
	return {
		id: api.workflowIds[variant.index],
		name: `${api.title}: refund sheet, killed mid-run (${variant.name})`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			'Manual Trigger': { main: [[{ node: 'Sheet', type: 'main', index: 0 }]] },
			Sheet: { main: [[{ node: cancel, type: 'main', index: 0 }]] },
		},
		nodes: [
			node(1, 'Manual Trigger', 'n8n-nodes-base.manualTrigger'),
			node(2, 'Sheet', 'n8n-nodes-base.code', {
				typeVersion: 2,
				parameters: { jsCode: `return ${JSON.stringify(items)};` },
			}),
			node(3, cancel, api.nodeType, {
				credentials: { [api.credentialType]: credential },
				parameters,
			}),
		],
	};
}

module.exports = { APIS, sheet, rowsFor, workflow };
