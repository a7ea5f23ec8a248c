'use strict';
/**
 * Envelope and parameter helpers shared by the /payments, /vbanks and /subscribe families. Every
 * V1 answer is `{ code, message, response }`; a non-zero code is a failure even on HTTP 200.
 */
const ok = (response, status = 200) => [status, { code: 0, message: null, response }];
const fail = (status, code, message) => [status, { code, message, response: null }];
const notFoundApi = () => fail(404, 1, '요청하신 API를 찾을 수 없습니다.');
const badMethod = () => fail(405, 1, '지원하지 않는 메소드입니다.');

const present = (v) => v !== undefined && v !== null && String(v).trim() !== '';
const isIntegerText = (v) =>
	(typeof v === 'number' && Number.isInteger(v)) ||
	(typeof v === 'string' && /^-?\d+$/.test(v.trim()));
const isFormBody = (entry) =>
	String(entry.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');

/** Values of `name[]`, `name[0]` and plain `name` among `pairs` (a URLSearchParams or entries), in the order sent. */
function valuesOf(pairs, name) {
	const values = [];
	const pattern = new RegExp(`^${name}(\\[\\d*\\])?$`);
	for (const [key, value] of pairs) if (pattern.test(key)) values.push(value);
	return values;
}

/**
 * A list parameter of a request body: a JSON array or a single value, or in a form body
 * `name[]=a&name[]=b` (read again from the raw text: the server's form parsing keeps one value per key).
 */
function bodyList(body, entry, name) {
	if (isFormBody(entry)) return valuesOf(new URLSearchParams(entry.rawBody), name);
	const value = body[name] ?? body[`${name}[]`];
	if (value === undefined || value === null) return [];
	return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** Reads an optional integer query parameter bounded by [min, max]; `error` carries a 400 answer. */
function readInt(
	query,
	name,
	{ fallback, min = -Infinity, max = Infinity, required = false } = {},
) {
	const raw = query.get(name);
	if (raw === null || raw === '') {
		if (required) return { error: fail(400, 1, `${name} 파라메터가 누락되었습니다.`) };
		return { value: fallback };
	}
	if (!isIntegerText(raw) || Number(raw) < min || Number(raw) > max) {
		return { error: fail(400, 1, `${name} 파라메터 값이 올바르지 않습니다.`) };
	}
	return { value: Number(raw) };
}

module.exports = {
	ok,
	fail,
	notFoundApi,
	badMethod,
	present,
	isIntegerText,
	isFormBody,
	valuesOf,
	bodyList,
	readInt,
};
