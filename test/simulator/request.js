'use strict';
/** Reading a request to the simulator: its body as text, that body parsed, and its path segments. */

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseBody(req, raw) {
	if (!raw) return {};
	const type = req.headers['content-type'] ?? '';
	if (type.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(raw));
	}
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}

/** Splits the raw request path into decoded segments, exactly as a strict server would. */
function segmentsOf(rawPath) {
	return rawPath
		.split('/')
		.slice(1)
		.map((s) => {
			try {
				return decodeURIComponent(s);
			} catch {
				return s;
			}
		});
}

module.exports = { readBody, parseBody, segmentsOf };
