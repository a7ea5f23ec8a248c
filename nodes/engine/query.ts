/** One query parameter; `undefined` values are left out. Repeat a name to send a list (`imp_uid[]`). */
export type QueryParam = [name: string, value: string | number | boolean | undefined];

/**
 * The query string for a request path ('?a=1&b=2', or '' when there is nothing to send), every
 * name and value percent-encoded. Built here rather than by n8n's request helper, whose array
 * format differs between n8n versions and set-ups (`indices` by default in n8n 2.x: imp_uid[0]=…),
 * so that lists always go out as the API documents them (i'mport V1: imp_uid[]=a&imp_uid[]=b).
 */
export function queryString(params: QueryParam[]): string {
	const parts = params
		.filter(([, value]) => value !== undefined)
		.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
	return parts.length === 0 ? '' : `?${parts.join('&')}`;
}
