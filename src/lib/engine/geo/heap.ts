/**
 * A binary min-heap of numeric priorities with a payload slot, in the spirit of Vladimir
 * Agafonkin's `tinyqueue` (2017): the smallest priority comes out first; equal priorities come
 * out in an order fixed by the insertion sequence, so searches are deterministic.
 */
export class MinHeap<T> {
	private items: T[] = [];
	private priorities: number[] = [];

	get length(): number {
		return this.items.length;
	}

	push(item: T, priority: number): void {
		const items = this.items;
		const prio = this.priorities;
		let pos = items.length;
		items.push(item);
		prio.push(priority);
		while (pos > 0) {
			const parent = (pos - 1) >> 1;
			if (prio[parent] <= priority) break;
			items[pos] = items[parent];
			prio[pos] = prio[parent];
			pos = parent;
		}
		items[pos] = item;
		prio[pos] = priority;
	}

	/** The smallest priority without removing it; Infinity when empty. */
	peekPriority(): number {
		return this.priorities.length ? this.priorities[0] : Infinity;
	}

	peek(): T | undefined {
		return this.items[0];
	}

	pop(): T | undefined {
		const items = this.items;
		const prio = this.priorities;
		if (items.length === 0) return undefined;
		const top = items[0];
		const lastItem = items.pop() as T;
		const lastPrio = prio.pop() as number;
		const n = items.length;
		if (n > 0) {
			let pos = 0;
			const half = n >> 1;
			while (pos < half) {
				let child = 2 * pos + 1;
				if (child + 1 < n && prio[child + 1] < prio[child]) child++;
				if (prio[child] >= lastPrio) break;
				items[pos] = items[child];
				prio[pos] = prio[child];
				pos = child;
			}
			items[pos] = lastItem;
			prio[pos] = lastPrio;
		}
		return top;
	}
}
