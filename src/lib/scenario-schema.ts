/**
 * The shapes of scenario input (actions, parameters, create and change requests) as valibot
 * schemas, mirroring `engine/types.ts`. They check types, required fields and text lengths only;
 * whether the values make sense (a known building, a share between 0 and 1) is the engine's
 * `validateActions` and `validateParameters`, which the scenarios module runs next, so each rule
 * lives in one place.
 */
import * as v from 'valibot';
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
	v.strictObject({ type: v.literal('move'), fromSiteRef: ref(), toSiteRef: ref(), service: ref() }),
	v.strictObject({ type: v.literal('add'), site: NewSiteSchema })
]) satisfies v.GenericSchema<unknown, ScenarioAction>;

/** Modes and splits are checked by `validateParameters`, which names the accepted values. */
export const ParametersSchema = v.strictObject({
	distance: v.strictObject({ mode: v.string(), circuity: v.number() }),
	thresholdsM: numbers(),
	thresholdsMin: numbers(),
	channelShift: v.strictObject({
		baseShare: v.number(),
		olderReduction: v.number(),
		deprivedReduction: v.number(),
		phoneShare: v.number()
	}),
	appraisal: v.strictObject({
		periodYears: v.number(),
		discountRate: v.number(),
		fitOutGbpPerM2: v.number(),
		moveCostGbpPerService: v.number(),
		dilapidationsGbpPerM2: v.number(),
		ictGbpPerHub: v.number(),
		optimismBias: v.number(),
		capitalReceiptsGbp: v.record(ref(), v.number()),
		unitCostGbp: v.strictObject({ faceToFace: v.number(), phone: v.number(), web: v.number() }),
		partnerSplit: v.string(),
		agreedShares: v.record(ref(), v.number())
	})
}) as unknown as v.GenericSchema<unknown, ScenarioParameters>;

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
