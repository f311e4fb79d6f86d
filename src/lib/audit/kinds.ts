/**
 * What the audit log records: the kinds of thing that change and the ways they change, each with
 * the words a reader sees. One registry each; the log, its pages, its CSV and the tests all read
 * them. Client-safe.
 */

export const AUDIT_ENTITY_KINDS = {
	scenario: 'Scenario',
	site: 'Building',
	service: 'Service at a building',
	zone: 'Zone',
	milestone: 'Pilot milestone',
	/** A pilot cost line with its split between partners (the contributions are part of it). */
	pilot_cost: 'Pilot cost',
	partner: 'Partner',
	criterion: 'Access criterion',
	mitigation: 'Mitigation',
	comparison: 'Saved comparison',
	decision: 'Decision record',
	import: 'Import',
	restore: 'Restore',
	/** Which fields viewers see as "restricted" (the partnership's setting). */
	restriction: 'Restricted fields',
	seed: 'Data pack',
	/** Membership and roles (accounts, issue 15). */
	member: 'Member'
} as const;

export type AuditEntityKind = keyof typeof AUDIT_ENTITY_KINDS;

export const AUDIT_ACTIONS = {
	created: 'Added',
	changed: 'Changed',
	deleted: 'Deleted',
	imported: 'Imported',
	restored: 'Restored',
	reverted: 'Reverted',
	merged: 'Merged',
	frozen: 'Frozen',
	seeded: 'Loaded'
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditEntityKind(value: string): value is AuditEntityKind {
	return Object.hasOwn(AUDIT_ENTITY_KINDS, value);
}

/** A before or after snapshot: plain JSON, the fields of the thing that a reader may want. */
export type AuditSnapshot = Record<string, unknown>;
