/**
 * Runs `task(0..count-1)` with at most `concurrency` at once, filling results in input order.
 * Until `ready()` turns true (the first answer from i'mport, so the token is stored) items run one
 * by one: otherwise every item of the first wave would ask for its own token.
 * Once `stopped()` turns true, no new item starts; items already running finish.
 */
export async function runInOrder<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
	ready: () => boolean,
	stopped: () => boolean,
): Promise<Array<T | undefined>> {
	const results = new Array<T | undefined>(count);
	let next = 0;
	while (next < count && !ready() && !stopped()) {
		const index = next++;
		results[index] = await task(index);
	}
	const worker = async () => {
		while (next < count && !stopped()) {
			const index = next++;
			results[index] = await task(index);
		}
	};
	const workers = Math.max(1, Math.min(concurrency, count - next));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
