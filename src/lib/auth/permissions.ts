/**
 * What the signed-in person may do in this partnership, as pages see it (the root layout's load
 * sends it), so a page offers only the controls its reader can use. The server still checks every
 * request (src/lib/server/auth/rules.ts); this only keeps the page honest.
 */
export interface PagePermissions {
	/** Change scenarios, pilots, optimiser saves, criteria, mitigations and decisions. */
	edit: boolean;
	/** Import, export raw data, back up, manage partners. */
	manageData: boolean;
	/** Manage members and their roles. */
	manageMembers: boolean;
}

/** The line shown where a control is left out, so the gap is explained rather than silent. */
export const VIEW_ONLY = {
	edit: 'You can view this; editors can change it.',
	manageData: 'You can view this; data managers can change it.'
} as const;
