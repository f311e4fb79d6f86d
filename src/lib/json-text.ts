/**
 * JSON text of a value, typed with what it holds. A page's large, unchanging data (every building,
 * every zone polygon) goes to the browser as one such string: SvelteKit serialises a string almost
 * for free, where walking thousands of objects held the server's event loop for tens of
 * milliseconds per request. The server makes the text once per estate version; the page parses it.
 * Client-safe.
 */
export type JsonText<T> = string & { readonly __holds: T };

export function toJsonText<T>(value: T): JsonText<T> {
	return JSON.stringify(value) as JsonText<T>;
}

export function fromJsonText<T>(text: JsonText<T>): T {
	return JSON.parse(text) as T;
}
