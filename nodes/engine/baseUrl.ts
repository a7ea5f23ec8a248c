/**
 * An API base URL, checked: https anywhere, plain http only to a loopback address (a local
 * simulator or proxy), so secrets and tokens never travel in clear text. No user name, password,
 * query or fragment. Trailing slashes are dropped; empty is the API's own address.
 */
export function checkedApiBaseUrl(
	value: unknown,
	fallback: string,
	makeError: (message: string) => Error,
): string {
	const text =
		String(value ?? '')
			.trim()
			.replace(/\/+$/, '') || fallback;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw makeError(`The Base URL "${text}" is not a valid URL`);
	}
	if (url.username || url.password || url.search || url.hash) {
		throw makeError('The Base URL must not contain a user name, password, query or fragment');
	}
	if (url.protocol === 'https:') return text;
	if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return text;
	throw makeError(
		'The Base URL must start with https:// (plain http:// is only allowed for a loopback address such as 127.0.0.1, so the API secret never travels unencrypted)',
	);
}

export function isLoopbackHost(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
