/**
 * An open set over a {@link CoverIndex} with the bookkeeping of Resende & Werneck's swap search
 * (2007, "A fast swap-based local search procedure for location problems", Annals of OR 150)
 * specialised to coverage: per class, how many open candidates reach it; per open candidate,
 * `loss`, the weight only it reaches; on request, per candidate, `gains`, the weight it would
 * newly reach. Opening or closing a candidate touches only the classes it reaches (and, with
 * gains, the candidates reaching a class that becomes covered or uncovered), so "can hub j
 * close?" and "what does opening j gain?" are one lookup each.
 */
import type { CoverIndex } from './cover-index';

export class CoverState {
	readonly isOpen: Uint8Array;
	/** Open candidates reaching each class. */
	readonly count: Int32Array;
	/** Σ of the indices of the open candidates reaching each class: the sole one's index when count is 1. */
	private readonly openIndexSum: Float64Array;
	/** Weight reached by open candidate j and no other open candidate. */
	readonly loss: Float64Array;
	/**
	 * With `trackGains`, the weight candidate j would newly reach if it opened (0 while open), kept
	 * up to date as candidates open and close; running sums, so compare with a tolerance (or see
	 * {@link gain}). Empty otherwise: searches that rarely ask save the upkeep.
	 */
	readonly gains: Float64Array;
	/** Every candidate's gain with nothing open (empty without `trackGains`). */
	private readonly emptyGains: Float64Array;
	/** Weight reached by at least one open candidate. */
	covered = 0;
	openCount = 0;

	constructor(
		readonly index: CoverIndex,
		private readonly trackGains = false
	) {
		this.isOpen = new Uint8Array(index.candidateCount);
		this.count = new Int32Array(index.classCount);
		this.openIndexSum = new Float64Array(index.classCount);
		this.loss = new Float64Array(index.candidateCount);
		this.emptyGains = new Float64Array(trackGains ? index.candidateCount : 0);
		for (let j = 0; j < this.emptyGains.length; j++)
			for (let t = index.coverStart[j]; t < index.coverStart[j + 1]; t++) this.emptyGains[j] += index.classWeight[index.covers[t]];
		this.gains = this.emptyGains.slice();
	}

	/** Open exactly `open`. */
	load(open: readonly number[]): void {
		this.isOpen.fill(0);
		this.count.fill(0);
		this.openIndexSum.fill(0);
		this.loss.fill(0);
		this.gains.set(this.emptyGains);
		this.covered = 0;
		this.openCount = 0;
		for (const j of open) this.open(j);
		this.recount();
	}

	/** Weight newly reached if j opened, summed afresh. */
	gain(j: number): number {
		const { coverStart, covers, classWeight } = this.index;
		let gain = 0;
		for (let t = coverStart[j]; t < coverStart[j + 1]; t++) if (this.count[covers[t]] === 0) gain += classWeight[covers[t]];
		return gain;
	}

	/** The one open candidate reaching class c, when `count[c]` is 1. */
	soleOpen(c: number): number {
		return this.openIndexSum[c];
	}

	open(j: number): void {
		const { coverStart, covers, classWeight, reachStart, reach } = this.index;
		this.loss[j] = 0;
		for (let t = coverStart[j]; t < coverStart[j + 1]; t++) {
			const c = covers[t];
			const w = classWeight[c];
			if (this.count[c] === 0) {
				this.covered += w;
				this.loss[j] += w;
				if (this.trackGains) for (let u = reachStart[c]; u < reachStart[c + 1]; u++) this.gains[reach[u]] -= w;
			} else if (this.count[c] === 1) this.loss[this.openIndexSum[c]] -= w;
			this.count[c]++;
			this.openIndexSum[c] += j;
		}
		this.isOpen[j] = 1;
		this.openCount++;
	}

	close(j: number): void {
		const { coverStart, covers, classWeight, reachStart, reach } = this.index;
		this.isOpen[j] = 0;
		this.openCount--;
		for (let t = coverStart[j]; t < coverStart[j + 1]; t++) {
			const c = covers[t];
			const w = classWeight[c];
			this.count[c]--;
			this.openIndexSum[c] -= j;
			if (this.count[c] === 0) {
				this.covered -= w;
				if (this.trackGains) for (let u = reachStart[c]; u < reachStart[c + 1]; u++) this.gains[reach[u]] += w;
			} else if (this.count[c] === 1) this.loss[this.openIndexSum[c]] += w;
		}
		this.loss[j] = 0;
	}

	/** Covered weight and losses summed afresh, so running sums never drift across many moves. */
	recount(): void {
		const { classWeight } = this.index;
		let covered = 0;
		this.loss.fill(0);
		for (let c = 0; c < this.count.length; c++) {
			if (this.count[c] === 0) continue;
			covered += classWeight[c];
			if (this.count[c] === 1) this.loss[this.openIndexSum[c]] += classWeight[c];
		}
		this.covered = covered;
	}

	/** Open candidates, ascending. */
	openSet(): number[] {
		const open: number[] = [];
		for (let j = 0; j < this.isOpen.length; j++) if (this.isOpen[j]) open.push(j);
		return open;
	}
}
