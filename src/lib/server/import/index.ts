/** Import of a partnership's own estate: sites, services per site, zones and travel-time matrices. */
export { prepareImport, InvalidImportError, PAUSE_ENV } from './plan';
export { MAX_PROBLEMS_LISTED } from './problems';
export type { ImportPlan, ImportRequest, ImportRunSummary, PreparedImport, ImportFile } from './plan';
export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, sizeProblem } from './read';
export { XLSX_LIMITS } from './xlsx-limits';
export { IMPORT_KINDS, FIELDS_BY_KIND, assertImportKind } from './fields';
export type { ImportKind, FieldSpec } from './fields';
export type { ColumnMapping } from './mapping';
export type { ImportDiff, DiffEntry, FieldChange } from './diff';
export type { ImportOptions } from './records';
export { formatProblem } from './problems';
export type { ImportProblem } from './problems';
export { saveUpload, getUpload, dropUpload } from './uploads';
export { recentRuns } from './runs';
export { planForClient, DIFF_ENTRIES_SHOWN } from './client';
export type { ClientPlan, ClientDiff } from './client';
