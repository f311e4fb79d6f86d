/**
 * Hubplan's modelling engine: access, closures, co-location and savings. Pure TypeScript, shared
 * by the server, a Web Worker, the CLI and the benchmarks. Formulas and rules: ./README.md.
 */
export * from './types';
export { defaultParameters, completeParameters, validateParameters, assumptionsFor, METRES_PER_MILE, WEEKS_PER_YEAR } from './parameters';
export { UNIT_COST_SETS, SERVICE_SPACE_NORMS, unitCostSetOf } from './norms';
export type { ParameterIssue } from './parameters';
export { evaluateScenario } from './evaluate';
export type { EvaluateOptions } from './evaluate';
export { prepareEstate, PreparedEstate } from './prepare';
export { validateActions, ScenarioError } from './scenario/apply';
export type { ActionIssue } from './scenario/apply';
export { haversineM, EARTH_RADIUS_M } from './geo/distance';
