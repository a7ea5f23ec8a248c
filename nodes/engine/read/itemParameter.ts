import type { IExecuteFunctions } from 'n8n-workflow';

/** n8n's own test: a parameter value is an expression when it is a string starting with "=". */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(holdsExpression);
	return false;
}

/** Per run (one execute context): parameter name -> its value when it holds no expression, null when it does. */
const fixedValues = new WeakMap<IExecuteFunctions, Map<string, { value: unknown } | null>>();

/**
 * A parameter's value for one item, as getNodeParameter gives it. n8n resolves, copies and
 * validates a parameter again at every call, which costs as much for a value that is the same for
 * every item; so a parameter that holds no expression is read once per run, and one that does is
 * read for each item. Callers must not modify the value they get.
 */
export function itemParameter(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: unknown,
): unknown {
	let fixed = fixedValues.get(ctx);
	if (!fixed) {
		fixed = new Map();
		fixedValues.set(ctx, fixed);
	}
	let known = fixed.get(name);
	if (known === undefined) {
		const raw = ctx.getNodeParameter(name, itemIndex, fallback, { rawExpressions: true });
		known = holdsExpression(raw)
			? null
			: { value: ctx.getNodeParameter(name, itemIndex, fallback) };
		fixed.set(name, known);
	}
	return known === null ? ctx.getNodeParameter(name, itemIndex, fallback) : known.value;
}
