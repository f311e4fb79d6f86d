/**
 * Reads the plain YAML that docker-compose.yml is kept to: block mappings and sequences, plain and
 * quoted scalars, one-line flow sequences of quoted or plain items, comments. No package for YAML
 * is installed, and a test that parses the file must not pass on what it could not read, so
 * anything else (anchors, aliases, block scalars, flow mappings, tabs) is an error naming the line.
 * Scalars stay strings: the tests compare text, as Compose reads most of these fields.
 */
export type PlainYaml = string | null | PlainYaml[] | { [key: string]: PlainYaml };

interface Line {
	number: number;
	indent: number;
	text: string;
}

export function parsePlainYaml(source: string, fileName = 'YAML'): PlainYaml {
	const lines: Line[] = [];
	source.split('\n').forEach((raw, i) => {
		if (/^\s*\t/.test(raw)) throw new Error(`${fileName} line ${i + 1}: indented with a tab`);
		const text = stripComment(raw).trimEnd();
		if (text.trim() === '') return;
		lines.push({ number: i + 1, indent: text.length - text.trimStart().length, text: text.trimStart() });
	});
	if (!lines.length) return null;
	const reader = { lines, at: 0, fileName };
	const value = block(reader, lines[0].indent);
	if (reader.at < lines.length) throw new Error(`${fileName} line ${lines[reader.at].number}: unexpected indentation`);
	return value;
}

type Reader = { lines: Line[]; at: number; fileName: string };

function block(r: Reader, indent: number): PlainYaml {
	return isItem(r.lines[r.at].text) ? sequence(r, indent) : mapping(r, indent);
}

function isItem(text: string): boolean {
	return text === '-' || text.startsWith('- ');
}

function sequence(r: Reader, indent: number): PlainYaml[] {
	const items: PlainYaml[] = [];
	while (r.at < r.lines.length && r.lines[r.at].indent === indent && isItem(r.lines[r.at].text)) {
		const line = r.lines[r.at];
		const rest = line.text.slice(1).trimStart();
		if (rest === '') {
			r.at++;
			items.push(child(r, indent));
		} else if (keyOf(rest)) {
			// `- key: value` starts a mapping whose keys line up with `key`.
			r.lines[r.at] = { ...line, indent: indent + (line.text.length - rest.length), text: rest };
			items.push(mapping(r, r.lines[r.at].indent));
		} else {
			r.at++;
			items.push(scalar(rest, r, line));
		}
	}
	return items;
}

function mapping(r: Reader, indent: number): { [key: string]: PlainYaml } {
	const map: { [key: string]: PlainYaml } = {};
	while (r.at < r.lines.length && r.lines[r.at].indent === indent && !isItem(r.lines[r.at].text)) {
		const line = r.lines[r.at];
		const entry = keyOf(line.text);
		if (!entry) throw new Error(`${r.fileName} line ${line.number}: expected "key: value", got "${line.text}"`);
		if (entry.key in map) throw new Error(`${r.fileName} line ${line.number}: key "${entry.key}" appears twice`);
		r.at++;
		if (entry.rest !== '') map[entry.key] = scalar(entry.rest, r, line);
		else if (r.at < r.lines.length && r.lines[r.at].indent === indent && isItem(r.lines[r.at].text)) map[entry.key] = sequence(r, indent);
		else map[entry.key] = child(r, indent);
	}
	return map;
}

/** The block nested under the line just read, or null when nothing is indented below it. */
function child(r: Reader, parentIndent: number): PlainYaml {
	if (r.at >= r.lines.length || r.lines[r.at].indent <= parentIndent) return null;
	return block(r, r.lines[r.at].indent);
}

/** `key: rest` (rest may be empty), or null when the text is not a mapping entry. */
function keyOf(text: string): { key: string; rest: string } | null {
	const quoted = text.match(/^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?:\s+(.*))?$/);
	if (quoted) return { key: unquote(quoted[1]), rest: quoted[2] ?? '' };
	const plain = text.match(/^([^\s"'[\]{}#&*!|>-][^:]*?)\s*:(?:\s+(.*))?$/);
	return plain ? { key: plain[1], rest: plain[2] ?? '' } : null;
}

function scalar(text: string, r: Reader, line: Line): PlainYaml {
	if (/^[&*!|>{]/.test(text)) throw new Error(`${r.fileName} line ${line.number}: "${text[0]}" (anchors, aliases, tags, block scalars, flow mappings) is not plain YAML`);
	if (text.startsWith('[')) {
		if (!text.endsWith(']')) throw new Error(`${r.fileName} line ${line.number}: a flow sequence must end on its own line`);
		const inner = text.slice(1, -1).trim();
		if (inner === '') return [];
		return splitFlow(inner).map((item) => scalar(item.trim(), r, line));
	}
	if (text.startsWith('"') || text.startsWith("'")) return unquote(text);
	return text === '~' || text === 'null' ? null : text;
}

/** Items of a one-line flow sequence, split on commas outside quotes. */
function splitFlow(inner: string): string[] {
	const items: string[] = [];
	let current = '';
	let quote: string | null = null;
	for (let i = 0; i < inner.length; i++) {
		const c = inner[i];
		if (quote) {
			current += c;
			if (c === '\\' && quote === '"') current += inner[++i];
			else if (c === quote) quote = null;
		} else if (c === '"' || c === "'") {
			quote = c;
			current += c;
		} else if (c === ',') {
			items.push(current);
			current = '';
		} else current += c;
	}
	items.push(current);
	return items;
}

function unquote(text: string): string {
	if (text.startsWith('"')) return JSON.parse(text) as string;
	return text.slice(1, -1).replace(/''/g, "'");
}

/** The line without a comment: `#` at the start or after a space, outside quotes. */
function stripComment(line: string): string {
	let quote: string | null = null;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (quote) {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = null;
		} else if (c === '"' || c === "'") quote = c;
		else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
	}
	return line;
}
