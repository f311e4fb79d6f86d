/**
 * A bounded cache: at most `capacity` entries, the least recently used dropped first. A Map keeps
 * insertion order, so reading an entry moves it to the end by re-inserting it.
 */
export class LruCache<V> {
	readonly #entries = new Map<string, V>();

	constructor(readonly capacity: number) {
		if (!(capacity >= 1)) throw new Error(`LruCache capacity must be at least 1, got ${capacity}.`);
	}

	get size(): number {
		return this.#entries.size;
	}

	get(key: string): V | undefined {
		const value = this.#entries.get(key);
		if (value !== undefined) {
			this.#entries.delete(key);
			this.#entries.set(key, value);
		}
		return value;
	}

	set(key: string, value: V): void {
		this.#entries.delete(key);
		this.#entries.set(key, value);
		if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
	}

	delete(key: string): void {
		this.#entries.delete(key);
	}

	/** The cached value, or `make()`'s, cached. */
	getOrSet(key: string, make: () => V): V {
		const hit = this.get(key);
		if (hit !== undefined) return hit;
		const value = make();
		this.set(key, value);
		return value;
	}
}
