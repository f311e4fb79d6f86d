/**
 * Input checking with one schema library (valibot) for every request body and form: `parseInput`
 * turns a failure into the field issues (`{ path, message }`) that the API answers with 400 and the
 * pages show beside each field, e.g. `actions[2].siteRef: expected text, got 5`. The building
 * blocks below carry the text-length limits of `limits.ts`, so every text field states its limit
 * the same way.
 */
import * as v from 'valibot';
import type { FieldIssue } from './components/form-errors';
import { MAX_NAME_CHARS, MAX_TEXT_CHARS } from './limits';

/** Input that did not pass its checks; nothing was written. `issues` name each field. */
export class InputError extends Error {
	constructor(readonly issues: FieldIssue[]) {
		super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
	}
}

/**
 * The checked value, or throws an InputError (or the subclass `as` names, so each module keeps its
 * own error type) listing every problem with its field path.
 *
 * @example
 * parseInput(v.object({ name: nameText() }), { name: 5 }); // throws: name: expected text, got 5
 */
export function parseInput<S extends v.GenericSchema>(
	schema: S,
	input: unknown,
	as: new (issues: FieldIssue[]) => InputError = InputError
): v.InferOutput<S> {
	const result = v.safeParse(schema, input);
	if (result.success) return result.output;
	throw new as(fieldIssuesOf(result.issues));
}

/** Valibot's issues as field issues, in plain English. */
export function fieldIssuesOf(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
	return issues.map((issue) => ({ path: pathOf(issue), message: messageOf(issue) }));
}

/** `actions[2].siteRef`: keys joined by dots, list positions in brackets; `body` for the whole. */
function pathOf(issue: v.BaseIssue<unknown>): string {
	let path = '';
	for (const item of issue.path ?? []) {
		const key = item.key as string | number;
		path += typeof key === 'number' ? `[${key}]` : path ? `.${key}` : key;
	}
	return path || 'body';
}

const TYPE_WORDS: Record<string, string> = {
	string: 'text',
	number: 'a number',
	boolean: 'true or false',
	Object: 'an object',
	Array: 'a list',
	null: 'nothing (null)'
};

function messageOf(issue: v.BaseIssue<unknown>): string {
	if (issue.kind !== 'schema') return issue.message;
	// A key missing from an object reports the key as what was expected.
	if (issue.type === 'object' || issue.type === 'strict_object' || issue.type === 'loose_object') {
		if (issue.expected === 'never') return 'unknown field; leave it out';
		if (issue.received === 'undefined' && issue.expected?.startsWith('"')) return 'missing: this field is required';
	}
	const expected = issue.expected ?? '';
	const words = expected
		.replace(/^\((.*)\)$/, '$1')
		.split(' | ')
		.map((part) => TYPE_WORDS[part] ?? part);
	return `expected ${words.length > 1 ? `one of ${words.join(', ')}` : words[0]}, got ${issue.received}`;
}

/** Text of at most `max` characters, e.g. a note. */
export function limitedText(max: number = MAX_TEXT_CHARS) {
	return v.pipe(
		v.string(),
		v.maxLength(max, (issue) => `must be ${max.toLocaleString('en-GB')} characters or fewer (it has ${issue.received})`)
	);
}

/** A name: text of at most MAX_NAME_CHARS characters. Whether it may be blank is the domain's rule. */
export function nameText() {
	return limitedText(MAX_NAME_CHARS);
}

/** A whole number of at least 1: row ids and versions. */
export function positiveInteger(what: string) {
	return v.pipe(
		v.number(),
		v.integer(`${what} must be a whole number`),
		v.minValue(1, `${what} must be 1 or more`)
	);
}

/** The same from form text ("12"), for hidden id and version fields. */
export function positiveIntegerText(what: string) {
	return v.pipe(
		v.string(),
		v.regex(/^\s*\d+\s*$/, `${what} must be a whole number`),
		v.transform(Number),
		positiveInteger(what)
	);
}

/** A form's entries as an object of field name → value (text, or a File for a file field). */
export function formEntries(form: FormData): Record<string, FormDataEntryValue> {
	return Object.fromEntries(form);
}

/** A form that acts on one stored row (delete, duplicate): its id. */
export const RowFormSchema = v.object({ id: positiveIntegerText('id') });

/** A form that edits one stored row: its id and the version the form was opened on. */
export const EditFormSchema = v.object({ id: positiveIntegerText('id'), version: positiveIntegerText('version') });
