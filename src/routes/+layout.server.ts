import { can } from '$lib/server/auth/roles';
import type { PagePermissions } from '$lib/auth/permissions';
import type { LayoutServerLoad } from './$types';

/** What the person may do here, for every page to offer only what they can use. */
export const load: LayoutServerLoad = ({ locals }) => {
	const permissions: PagePermissions = {
		edit: can(locals.role, 'edit'),
		manageData: can(locals.role, 'manage_data'),
		manageMembers: can(locals.role, 'manage_members')
	};
	return { permissions };
};
