/**
 * How deeply a JSON text nests, found by a byte scan before JSON.parse: a small file of 100,000
 * opening brackets overflows the stack of whatever walks the parsed value, so depth is refused first.
 */

/** The deepest nesting of arrays and objects in `bytes` (UTF-8 JSON), and the offset where it is first reached. */
export function deepestNesting(bytes: Uint8Array): { depth: number; offset: number } {
	let depth = 0;
	let deepest = { depth: 0, offset: 0 };
	let inString = false;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (inString) {
			if (b === 0x5c) i++; // a backslash escapes the next byte, which may be a quote
			else if (b === 0x22) inString = false;
		} else if (b === 0x22) inString = true;
		else if (b === 0x5b || b === 0x7b) {
			if (++depth > deepest.depth) deepest = { depth, offset: i };
		} else if (b === 0x5d || b === 0x7d) depth--;
	}
	return deepest;
}
