/**
 * The four roles a person can hold in a partnership, and what each may do. Each role includes
 * everything the roles before it may do (as Grist's viewer/editor/owner do), so a check is one
 * comparison of ranks.
 */
export const ROLES = ['viewer', 'editor', 'data_manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	viewer: 'Viewer',
	editor: 'Editor',
	data_manager: 'Data manager',
	admin: 'Admin'
};

/** What a request needs. `read` covers comparing, printing and downloading reports. */
export type Permission = 'read' | 'edit' | 'manage_data' | 'manage_members';

const LEAST_ROLE: Record<Permission, Role> = {
	read: 'viewer',
	edit: 'editor',
	manage_data: 'data_manager',
	manage_members: 'admin'
};

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether someone holding `role` (null: no role in this partnership) may do `permission`. */
export function can(role: Role | null, permission: Permission): boolean {
	return role !== null && ROLES.indexOf(role) >= ROLES.indexOf(LEAST_ROLE[permission]);
}
