/**
 * Work on one key (one payment) runs one piece after the other, in the order it was asked for;
 * different keys run side by side. Made once per run (an operation's beforeRuns), so two rows
 * refunding one payment each see the balance the other left.
 */
export class KeyedQueue {
	private readonly tails = new Map<string, Promise<unknown>>();

	async run<T>(key: string, work: () => Promise<T>): Promise<T> {
		const before = this.tails.get(key) ?? Promise.resolve();
		const mine = before.then(work, work);
		const settled = mine.catch(() => undefined);
		this.tails.set(key, settled);
		try {
			return await mine;
		} finally {
			if (this.tails.get(key) === settled) this.tails.delete(key);
		}
	}
}
