'use strict';
/**
 * Input checks shared by the routes. Each throws ApiError(INVALID_REQUEST) naming the field, as
 * the spec's InvalidRequestError ("요청된 입력 정보가 유효하지 않은 경우") covers every malformed
 * input. Numbers must be JSON integers (the spec's int64 fields); strings are not coerced.
 */
const { ApiError } = require('./errors');

const fail = (message) => {
	throw new ApiError('INVALID_REQUEST', message);
};

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(value, name) {
	if (!isObject(value)) fail(`${name} must be a JSON object`);
	return value;
}

/** An optional field: undefined stays undefined; null is treated as absent (JSON clients send it). */
const absent = (value) => value === undefined || value === null;

function string(value, name, { required = false, nonEmpty = false } = {}) {
	if (absent(value)) {
		if (required) fail(`${name} is required`);
		return undefined;
	}
	if (typeof value !== 'string') fail(`${name} must be a string`);
	if (nonEmpty && value.trim() === '') fail(`${name} must not be empty`);
	return value;
}

function integer(value, name, { required = false, min = -Infinity, max = Infinity } = {}) {
	if (absent(value)) {
		if (required) fail(`${name} is required`);
		return undefined;
	}
	if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(`${name} must be an integer`);
	if (value < min || value > max) fail(`${name} must be between ${min} and ${max}`);
	return value;
}

function boolean(value, name) {
	if (absent(value)) return undefined;
	if (typeof value !== 'boolean') fail(`${name} must be a boolean`);
	return value;
}

function oneOf(value, name, allowed, { required = false } = {}) {
	if (absent(value)) {
		if (required) fail(`${name} is required`);
		return undefined;
	}
	if (typeof value !== 'string' || !allowed.includes(value))
		fail(`${name} must be one of ${allowed.join(', ')}`);
	return value;
}

function list(value, name, allowed) {
	if (absent(value)) return undefined;
	if (!Array.isArray(value)) fail(`${name} must be an array`);
	return value.map((item, n) => oneOf(item, `${name}[${n}]`, allowed, { required: true }));
}

/** RFC 3339 date-time with a zone, as the spec's `format: date-time`; returns epoch ms. */
function dateTime(value, name) {
	if (absent(value)) return undefined;
	const ok =
		typeof value === 'string' &&
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value);
	const ms = ok ? Date.parse(value) : NaN;
	if (Number.isNaN(ms)) fail(`${name} must be an RFC 3339 date-time`);
	return ms;
}

/**
 * Refuses spec fields the simulator does not implement rather than ignoring them, so a test never
 * passes on a filter that was silently dropped. Fields the spec does not know are ignored.
 */
function refuseUnsimulated(input, notSimulated, name) {
	for (const key of notSimulated) {
		if (!absent(input[key])) fail(`${name}.${key} is valid for PortOne but not simulated here`);
	}
}

module.exports = {
	fail,
	isObject,
	object,
	string,
	integer,
	boolean,
	oneOf,
	list,
	dateTime,
	refuseUnsimulated,
	absent,
};
