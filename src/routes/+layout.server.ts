import { can, ROLE_LABELS } from '$lib/server/auth/roles';
import type { PagePermissions } from '$lib/auth/permissions';
import type { LayoutServerLoad } from './$types';

/**
 * The signed-in person for the header (who, in which partnership, as what, and their other
 * partnerships), and what they may do here, for every page to offer only what they can use.
 */
export const load: LayoutServerLoad = async ({ locals }) => {
	const permissions: PagePermissions = {
		edit: can(locals.role, 'edit'),
		manageData: can(locals.role, 'manage_data'),
		manageMembers: can(locals.role, 'manage_members')
	};
	if (!locals.user || !locals.role) return { account: null, permissions };
	return {
		account: {
			name: locals.user.name,
			email: locals.user.email,
			roleLabel: ROLE_LABELS[locals.role],
			partnership: { id: locals.partnership.id, name: locals.partnership.name },
			partnerships: locals.memberships.map(({ partnership }) => ({ id: partnership.id, name: partnership.name }))
		},
		permissions
	};
};
