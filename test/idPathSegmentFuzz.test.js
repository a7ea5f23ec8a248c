'use strict';
/**
 * 10,000 generated ids through Cancel: none may reach a path other than /receipts/{one segment},
 * each must arrive exactly as given, and the ones that cannot be sent fail without a request.
 */
const { expectEachItemOnce } = require('./helpers/itemsOut');
const { seededRandom } = require('./simulator/faults');
const {
	startWorld,
	expectNoSecrets,
	receiptRequests,
	resetCapturedLogs,
} = require('./helpers/setup');
const { cancel } = require('./helpers/parameters');

// Each test scans only the logs of its own runs for secrets.
beforeEach(resetCapturedLogs);

const COUNT = 10_000;
const PIECES = [
	'/',
	'..',
	'.',
	'%2F',
	'%2e%2e',
	'?',
	'#',
	' ',
	'\\',
	'%',
	'+',
	'&',
	'=',
	';',
	'\t',
	'\n',
	'\u0000',
	'영수증',
	'😀',
	'é',
	'e\u0301',
	'imp_',
	'../',
	'/..',
	'?a=b',
	'#frag',
	'%00',
];

/** Seeded id generator: mixes the dangerous pieces with random BMP/astral characters and lengths. */
function generateIds(count, seed) {
	const random = seededRandom(seed);
	const pick = (list) => list[Math.floor(random() * list.length)];
	const randomChar = () => {
		const r = random();
		if (r < 0.5) return String.fromCharCode(0x20 + Math.floor(random() * 0x5f)); // printable ASCII
		if (r < 0.8) {
			let code = 0xa0 + Math.floor(random() * (0xd7ff - 0xa0));
			return String.fromCharCode(code);
		}
		return String.fromCodePoint(0x10000 + Math.floor(random() * 0xffff)); // astral
	};
	const ids = [];
	for (let n = 0; n < count; n++) {
		const kind = random();
		let id = '';
		if (kind < 0.01) id = 'x'.repeat(1000 - 6) + pick(PIECES).slice(0, 1) + 'imp_1';
		else {
			const parts = 1 + Math.floor(random() * 8);
			for (let p = 0; p < parts; p++) id += random() < 0.5 ? pick(PIECES) : randomChar();
		}
		ids.push(id);
	}
	// Ids that must be refused before any request.
	ids.push('', '   ', '.', '..', '\t\n', 'imp_\uD800broken');
	return ids;
}

const refused = (id) =>
	id.trim() === '' || id === '.' || id === '..' || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(id);

test('10,000 generated ids: one path segment each, exact round trip, refusals send nothing', async () => {
	const world = await startWorld();
	try {
		const ids = generateIds(COUNT, 20261124);
		const { success, failure, error } = await world.engine.run(
			ids.map((imp_uid) => ({ imp_uid })),
			cancel({ options: { concurrency: 20 } }),
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		// Exactly one output item per input item.
		expectEachItemOnce([success, failure], ids.length);
		const all = [...success, ...failure];

		const requests = receiptRequests(world.simulator);
		for (const request of requests) {
			expect(request.rawPath.split('/')).toHaveLength(3);
			expect(request.segments[0]).toBe('receipts');
			expect(request.rawUrl).toBe(request.rawPath);
		}
		// Every sendable id arrived exactly as given, once per call made for it (GET, then DELETE).
		const arrived = new Map();
		for (const request of requests)
			arrived.set(request.segments[1], (arrived.get(request.segments[1]) ?? 0) + 1);
		const sendable = ids.filter((id) => !refused(id));
		const expected = new Map();
		for (const id of sendable) expected.set(id, (expected.get(id) ?? 0) + 2);
		expect(arrived).toEqual(expected);

		for (const item of all) {
			const id = ids[item.pairedItem.item];
			if (refused(id)) {
				expect(item.json.outcome).toBe('error');
			} else {
				expect(item.json.imp_uid).toBe(id);
				expect(item.json.outcome).toBe('not_found');
			}
		}
		expect(world.simulator.tokenRequests()).toHaveLength(1);
		expectNoSecrets(world.simulator, failure.slice(0, 50));
	} finally {
		await world.simulator.stop();
	}
	// 20,000 requests: over a minute on a busy 2-core machine. The limit only stops a run that hangs.
}, 300_000);
