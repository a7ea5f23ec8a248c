/**
 * What a task returns for an item that should go again later: it failed only because the API
 * did not answer, and nothing was changed for it. `result` stands if it never goes again.
 */
export class PutBack<T> {
	constructor(readonly result: T) {}
}

/** How often one item may be put back: an item that the API keeps failing on its own is not run forever. */
const MAX_PUT_BACKS = 2;

/**
 * Runs `task(0..count-1)` with at most `concurrency` at once, filling results in input order.
 * Until `ready()` turns true (the first answer from the API, so a token is stored) items run one
 * by one: otherwise every item of the first wave would ask for its own token.
 * An item whose task returns a PutBack goes again once the API has answered some call after it
 * failed (so a short outage costs no item); if no answer comes before the other items are done,
 * it keeps the PutBack's result.
 * Once `stopped()` turns true, no new item starts; items already running finish.
 */
export async function runInOrder<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T | PutBack<T>>,
	ready: () => boolean,
	stopped: () => boolean,
	/** grows with every answer from the API: a put-back item goes again only once it grew */
	answers: () => number = () => 0,
): Promise<Array<T | undefined>> {
	const results = new Array<T | undefined>(count);
	const putBacks = new Array<number>(count).fill(0);
	const held: Array<{ index: number; answersBefore: number }> = [];
	let next = 0;
	let running = 0;
	let waiting: Array<() => void> = [];
	const finished = () => {
		const woken = waiting;
		waiting = [];
		for (const wake of woken) wake();
	};

	const take = (): number | undefined => {
		const due = held.findIndex((item) => answers() > item.answersBefore);
		if (due !== -1) return held.splice(due, 1)[0].index;
		return next < count ? next++ : undefined;
	};
	const runOne = async (index: number) => {
		running++;
		const outcome = await task(index);
		running--;
		if (outcome instanceof PutBack) {
			results[index] = outcome.result;
			if (putBacks[index]++ < MAX_PUT_BACKS) held.push({ index, answersBefore: answers() });
		} else {
			results[index] = outcome;
		}
		finished();
	};

	while (!ready() && !stopped()) {
		const index = take();
		if (index === undefined) break;
		await runOne(index);
	}
	const worker = async () => {
		while (!stopped()) {
			const index = take();
			if (index !== undefined) {
				await runOne(index);
				continue;
			}
			// Only held items are left: wait while another item may still bring an answer.
			if (held.length === 0 || running === 0) return;
			await new Promise<void>((resolve) => waiting.push(resolve));
		}
	};
	const workers = Math.max(1, Math.min(concurrency, count - next + held.length));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
