/** Import of a partnership's own estate: sites, services per site, zones and travel-time matrices. */
export { prepareImport, InvalidImportError, MAX_PROBLEMS_LISTED, PAUSE_ENV } from './plan';
export type { ImportPlan, ImportRequest, ImportRunSummary, PreparedImport, ImportFile } from './plan';
export { MAX_IMPORT_BYTES } from './read';
export { IMPORT_KINDS, FIELDS_BY_KIND, assertImportKind } from './fields';
export type { ImportKind, FieldSpec } from './fields';
export type { ColumnMapping } from './mapping';
export type { ImportDiff, DiffEntry, FieldChange } from './diff';
export type { ImportOptions } from './records';
export { formatProblem } from './problems';
export type { ImportProblem } from './problems';
export { saveUpload, getUpload, dropUpload } from './uploads';
export { planForClient, DIFF_ENTRIES_SHOWN } from './client';
export type { ClientPlan, ClientDiff } from './client';
