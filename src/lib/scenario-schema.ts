/**
 * The shapes of scenario input (actions, parameters, create and change requests) as valibot
 * schemas, mirroring `engine/types.ts`. They check types, required fields and text lengths only;
 * whether the values make sense (a known building, a share between 0 and 1) is the engine's
 * `validateActions` and `validateParameters`, which the scenarios module runs next, so each rule
 * lives in one place.
 */
import * as v from 'valibot';
import { defaultParameters, FREE_RECORDS } from './engine/parameters';
import type { ScenarioAction, ScenarioParameters } from './engine/types';
import { limitedText, nameText, positiveInteger } from './validation';

/** A site ref or service code: short text. */
const ref = () => nameText();
const nullableNumber = () => v.nullable(v.number());
const numbers = () => v.array(v.number());

const NewSiteSchema = v.strictObject({
	ref: ref(),
	name: nameText(),
	kind: ref(),
	lon: v.number(),
	lat: v.number(),
	giaM2: nullableNumber(),
	annualRunningCostGbp: nullableNumber(),
	services: v.array(
		v.strictObject({ service: ref(), visitsPerWeek: nullableNumber(), spaceM2: nullableNumber(), staffFte: nullableNumber() })
	)
});

export const ActionSchema = v.variant('type', [
	v.strictObject({ type: v.literal('close'), siteRef: ref() }),
	v.strictObject({ type: v.literal('hub'), siteRef: ref() }),
	v.strictObject({ type: v.literal('move'), fromSiteRef: ref(), toSiteRef: ref(), service: ref(), spaceM2: v.optional(v.number()) }),
	v.strictObject({ type: v.literal('add'), site: NewSiteSchema }),
	v.strictObject({ type: v.literal('add_service'), siteRef: ref(), service: ref(), spaceM2: v.optional(v.number()), visitsPerWeek: v.optional(v.number()) }),
	v.strictObject({ type: v.literal('withdraw_service'), siteRef: ref(), service: ref() })
]) satisfies v.GenericSchema<unknown, ScenarioAction>;

/**
 * The parameters' shape, derived from the engine's defaults so that a parameter added there needs
 * no second list here: numbers, text and lists as the defaults have them; the records keyed by
 * building, service or partner (`FREE_RECORDS`) as records of numbers, text or contact costs. Any
 * field may be left out: the engine completes a stored set from the defaults. Ranges, modes and
 * splits are `validateParameters`'s, which names the accepted values.
 */
export const ParametersSchema = shapeOf(defaultParameters()) as unknown as v.GenericSchema<unknown, ScenarioParameters>;

function shapeOf(value: unknown, key = ''): v.GenericSchema {
	if (FREE_RECORDS.has(key)) {
		const contactCosts = v.strictObject({ faceToFace: v.number(), phone: v.number(), web: v.number() });
		return v.record(ref(), v.union([v.number(), v.string(), contactCosts]));
	}
	if (typeof value === 'number') return v.number();
	if (typeof value === 'string') return v.string();
	if (typeof value === 'boolean') return v.boolean();
	if (Array.isArray(value)) return v.array(typeof value[0] === 'string' ? ref() : v.number());
	const fields = Object.entries(value as Record<string, unknown>).map(([k, x]) => [k, v.optional(shapeOf(x, k))]);
	return v.strictObject(Object.fromEntries(fields));
}

const actions = () => v.array(ActionSchema);

/** POST /api/scenarios: a new scenario. */
export const CreateScenarioSchema = v.strictObject({
	name: nameText(),
	description: v.optional(limitedText()),
	actions: v.optional(actions()),
	parameters: v.optional(ParametersSchema)
});

/** POST /api/scenarios with `duplicateOf`: a copy of that scenario, optionally named. */
export const DuplicateScenarioSchema = v.strictObject({ duplicateOf: positiveInteger('duplicateOf'), name: v.optional(nameText()) });

/**
 * The schema for a POST /api/scenarios body: the body says which by having `duplicateOf` (a union
 * would report "matched neither" instead of naming the bad field).
 */
export function createRequestSchema(body: unknown) {
	return typeof body === 'object' && body !== null && 'duplicateOf' in body ? DuplicateScenarioSchema : CreateScenarioSchema;
}

const baseVersion = () => positiveInteger('baseVersion');

/** PATCH /api/scenarios/[id]: one change, based on the version the client last saw. */
export const ScenarioChangeSchema = v.variant('op', [
	v.strictObject({ op: v.literal('action'), baseVersion: baseVersion(), action: ActionSchema }),
	v.strictObject({ op: v.picklist(['undo', 'redo']), baseVersion: baseVersion() }),
	v.strictObject({
		op: v.literal('patch'),
		baseVersion: baseVersion(),
		name: v.optional(nameText()),
		description: v.optional(limitedText()),
		actions: v.optional(actions()),
		redo: v.optional(actions()),
		parameters: v.optional(ParametersSchema)
	})
]);

export type ScenarioChange = v.InferOutput<typeof ScenarioChangeSchema>;

/** The name and description fields of the scenarios page's forms (missing fields are blank). */
export const DetailsFormSchema = v.object({ name: v.optional(nameText(), ''), description: v.optional(limitedText(), '') });
