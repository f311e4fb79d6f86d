/**
 * Plain data shared with the pool threads without copying: JSON text in a SharedArrayBuffer. The main
 * thread encodes an estate once per estate version; every task then passes the same buffer, and a
 * thread decodes it only when it has not prepared that estate yet.
 */
export interface SharedJson {
	/** Identifies the content: equal keys, equal content. */
	key: string;
	bytes: SharedArrayBuffer;
}

export function shareJson(key: string, value: unknown): SharedJson {
	const encoded = new TextEncoder().encode(JSON.stringify(value));
	const bytes = new SharedArrayBuffer(encoded.byteLength);
	new Uint8Array(bytes).set(encoded);
	return { key, bytes };
}

export function readSharedJson<T>(shared: SharedJson): T {
	// TextDecoder refuses views of shared memory, so copy first.
	return JSON.parse(new TextDecoder().decode(new Uint8Array(shared.bytes).slice())) as T;
}
