/**
 * The restricted candidate list of a randomised greedy (GRASP, Feo & Resende, 1995): in one pass
 * over the candidates it keeps the few best offered, by score and then by a tie-break (higher
 * first; fully equal ones keep the order they were offered in), and picks the best, or with a
 * generator one of them at random.
 */

/**
 * Hubplan planning assumption (configurable): three candidates, a common choice that varies the
 * starts without straying far from greedy.
 */
export const CANDIDATE_LIST = 3;

export class CandidateList {
	private readonly items: Int32Array;
	private readonly scores: Float64Array;
	private readonly ties: Float64Array;
	/** Candidates listed so far in this pass (at most the capacity). */
	length = 0;

	/** A list for a greedy pass: {@link CANDIDATE_LIST} long with a generator; without, only the best. */
	static forPicking(random?: () => number): CandidateList {
		return new CandidateList(random ? CANDIDATE_LIST : 1);
	}

	constructor(private readonly capacity: number) {
		this.items = new Int32Array(capacity);
		this.scores = new Float64Array(capacity);
		this.ties = new Float64Array(capacity);
	}

	/** Start a new pass. */
	clear(): void {
		this.length = 0;
	}

	/** Consider `item`; it is listed if it beats one already listed, or the list is not full. */
	offer(item: number, score: number, tie = 0): void {
		const { items, scores, ties, capacity } = this;
		let r = this.length;
		while (r > 0 && (score > scores[r - 1] || (score === scores[r - 1] && tie > ties[r - 1]))) r--;
		if (r >= capacity) return;
		// Shift the worse ones down by hand: copyWithin's call costs more than moving two items.
		for (let t = Math.min(this.length, capacity - 1); t > r; t--) {
			items[t] = items[t - 1];
			scores[t] = scores[t - 1];
			ties[t] = ties[t - 1];
		}
		items[r] = item;
		scores[r] = score;
		ties[r] = tie;
		this.length = Math.min(this.length + 1, capacity);
	}

	/** The best listed candidate, or with `random` one of those listed; call only when `length` > 0. */
	pick(random?: () => number): number {
		return this.items[random ? Math.floor(random() * this.length) : 0];
	}
}
