import { fail } from '@sveltejs/kit';
import * as members from '$lib/server/auth/members';
import { AccountInputError } from '$lib/server/auth/people';
import { LINK_LIFETIME_MS, LINK_PATH } from '$lib/server/auth/one-time-links';
import { ROLE_LABELS, ROLES } from '$lib/server/auth/roles';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	members: await members.listMembers(locals.db, locals.partnership.id),
	roles: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
	myId: locals.user?.id ?? null,
	linkDays: LINK_LIFETIME_MS.set_password / 86_400_000
});

function refused(form: 'add' | 'role' | 'remove', error: unknown, values: Record<string, string> = {}) {
	if (error instanceof AccountInputError) return fail(400, { form, message: error.message, field: error.field, values });
	throw error;
}

export const actions = {
	add: async ({ request, locals, url }) => {
		const data = await request.formData();
		const values = { email: String(data.get('email') ?? ''), name: String(data.get('name') ?? ''), role: String(data.get('role') ?? '') };
		try {
			const added = await members.addMember(locals.db, locals.actor, { partnershipId: locals.partnership.id, ...values });
			const link = added.setPasswordToken ? `${url.origin}${LINK_PATH.set_password}${added.setPasswordToken}` : null;
			return { form: 'add' as const, done: `Added ${added.person.email} as ${ROLE_LABELS[values.role as keyof typeof ROLE_LABELS].toLowerCase()}.`, link };
		} catch (error) {
			return refused('add', error, values);
		}
	},
	role: async ({ request, locals }) => {
		const data = await request.formData();
		const input = { partnershipId: locals.partnership.id, userId: String(data.get('userId') ?? ''), role: String(data.get('role') ?? '') };
		try {
			await members.changeRole(locals.db, locals.actor, input);
			return { form: 'role' as const, done: 'Role changed.', link: null };
		} catch (error) {
			return refused('role', error);
		}
	},
	remove: async ({ request, locals }) => {
		const userId = String((await request.formData()).get('userId') ?? '');
		try {
			await members.removeMember(locals.db, locals.actor, { partnershipId: locals.partnership.id, userId });
			return { form: 'remove' as const, done: 'Removed from the partnership.', link: null };
		} catch (error) {
			return refused('remove', error);
		}
	}
} satisfies Actions;
