'use strict';
/**
 * Which error `type` values @portone/server-sdk declares for one of its per-operation error
 * classes (e.g. CancelPaymentError), read from its own type declarations. In 0.19.0 the SDK
 * throws one class per operation and tells errors apart by `error.data.type`; the per-type
 * names such as PaymentNotFoundError are TypeScript types only (their .cjs files are empty), so
 * "recognised as the right error" means: the operation's class, with a `data.type` from this set.
 */
const fs = require('node:fs');
const path = require('node:path');

// The package's main file is dist/index.cjs; its generated declarations sit beside it.
const SDK_DIST = path.join(path.dirname(require.resolve('@portone/server-sdk')), 'generated');

function sdkErrorTypes(clientDts, className) {
	const file = path.join(SDK_DIST, clientDts);
	const text = fs.readFileSync(file, 'utf8');
	const imports = new Map();
	for (const [, name, from] of text.matchAll(/import type \{ (\w+) \} from "([^"]+)\.js";/g))
		imports.set(name, from);
	const declared = new RegExp(
		`class ${className} extends \\w+ \\{\\s*readonly data: ([^;]+);`,
	).exec(text);
	if (!declared) throw new Error(`${className} not found in ${clientDts}`);
	const types = new Set();
	for (const name of declared[1]
		.split('|')
		.map((s) => s.trim())
		.filter((s) => /^\w+$/.test(s))) {
		const dts = fs.readFileSync(path.join(path.dirname(file), `${imports.get(name)}.d.ts`), 'utf8');
		const literal = /type: "([A-Z_]+)"/.exec(dts);
		if (literal) types.add(literal[1]);
	}
	return types;
}

module.exports = { sdkErrorTypes };
