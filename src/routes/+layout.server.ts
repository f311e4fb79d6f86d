import { membershipsOf } from '$lib/server/auth/members';
import { ROLE_LABELS } from '$lib/server/auth/roles';
import type { LayoutServerLoad } from './$types';

/** The signed-in person for the header: who, in which partnership, as what, and their other partnerships. */
export const load: LayoutServerLoad = async ({ locals }) => {
	if (!locals.user || !locals.role) return { account: null };
	return {
		account: {
			name: locals.user.name,
			email: locals.user.email,
			roleLabel: ROLE_LABELS[locals.role],
			partnership: { id: locals.partnership.id, name: locals.partnership.name },
			partnerships: (await membershipsOf(locals.db, locals.user.id)).map((m) => ({ id: m.partnershipId, name: m.partnershipName }))
		}
	};
};
