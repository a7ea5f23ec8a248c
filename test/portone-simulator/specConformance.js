'use strict';
/**
 * Checks the simulator's answers against PortOne's official OpenAPI schema
 * (portone-io/developers.portone.io `src/schema/v2.openapi.json`), when a copy of it is at hand:
 * the spec is not part of this repository, so the test that uses this module runs only with
 * PORTONE_V2_OPENAPI=<path to v2.openapi.json>. A small structural validator, enough for the
 * schema's own constructs: $ref, oneOf + discriminator, object required/properties, arrays,
 * enums (unknown values are reported: the simulator should only say what the spec allows),
 * string/integer/boolean and format date-time.
 */
const fs = require('node:fs');

function loadSpec(path = process.env.PORTONE_V2_OPENAPI) {
	if (!path || !fs.existsSync(path)) return null;
	return JSON.parse(fs.readFileSync(path, 'utf8'));
}

function createChecker(spec) {
	const schemas = spec.components.schemas;
	const resolve = (schema) => (schema.$ref ? schemas[schema.$ref.split('/').pop()] : schema);

	function check(schema, value, where, problems) {
		const s = resolve(schema);
		if (!s) return problems.push(`${where}: unknown schema ${schema.$ref}`);
		if (s.oneOf) {
			const prop = s.discriminator?.propertyName;
			const target = prop && s.discriminator.mapping[value?.[prop]];
			if (!target)
				return problems.push(
					`${where}: ${prop}=${JSON.stringify(value?.[prop])} is none of ${Object.keys(s.discriminator?.mapping ?? {})}`,
				);
			return check({ $ref: target }, value, where, problems);
		}
		if (s.enum) {
			if (!s.enum.includes(value)) problems.push(`${where}: ${JSON.stringify(value)} not in enum`);
			return undefined;
		}
		switch (s.type) {
			case 'object': {
				if (typeof value !== 'object' || value === null || Array.isArray(value))
					return problems.push(`${where}: not an object`);
				for (const name of s.required ?? [])
					if (value[name] === undefined) problems.push(`${where}.${name}: required, missing`);
				for (const [name, v] of Object.entries(value)) {
					const prop = s.properties?.[name];
					if (!prop) problems.push(`${where}.${name}: not in the schema`);
					else check(prop, v, `${where}.${name}`, problems);
				}
				return undefined;
			}
			case 'array':
				if (!Array.isArray(value)) return problems.push(`${where}: not an array`);
				value.forEach((item, n) => check(s.items, item, `${where}[${n}]`, problems));
				return undefined;
			case 'string':
				if (typeof value !== 'string') return problems.push(`${where}: not a string`);
				if (s.format === 'date-time' && Number.isNaN(Date.parse(value)))
					problems.push(`${where}: not a date-time`);
				return undefined;
			case 'integer':
				if (!Number.isInteger(value)) problems.push(`${where}: not an integer`);
				return undefined;
			case 'boolean':
				if (typeof value !== 'boolean') problems.push(`${where}: not a boolean`);
				return undefined;
			default:
				return undefined;
		}
	}

	function operation(operationId) {
		for (const [path, item] of Object.entries(spec.paths)) {
			for (const [method, op] of Object.entries(item))
				if (op.operationId === operationId) return { path, method, op };
		}
		throw new Error(`no operation ${operationId}`);
	}

	/**
	 * Problems with one answer of an operation: the status must be declared, a 2xx body must match
	 * its schema, an error body must be one of the operation's error types, declared with that
	 * `x-portone-status-code`.
	 */
	function checkAnswer(operationId, status, body) {
		const { op } = operation(operationId);
		const declared = op.responses[String(status)];
		if (!declared) return [`${operationId}: status ${status} is not declared`];
		const schema = declared.content['application/json'].schema;
		const problems = [];
		check(schema, body, `${operationId} ${status}`, problems);
		if (status >= 400) {
			const errorSchema = schemas[schema.$ref.split('/').pop()];
			const target = errorSchema.discriminator.mapping[body.type];
			const code = target && schemas[target.split('/').pop()]['x-portone-status-code'];
			if (code !== status)
				problems.push(
					`${operationId}: ${body.type} is declared with status ${code}, answered ${status}`,
				);
		}
		return problems;
	}

	/** type -> x-portone-status-code, from every *Error union's discriminator mapping. */
	function errorStatuses() {
		const out = {};
		for (const s of Object.values(schemas)) {
			for (const [type, target] of Object.entries(s.discriminator?.mapping ?? {})) {
				const code = schemas[target.split('/').pop()]['x-portone-status-code'];
				if (code) out[type] = code;
			}
		}
		return out;
	}

	return { check, checkAnswer, operation, errorStatuses, schemas };
}

module.exports = { loadSpec, createChecker };
