/**
 * The one gate every request passes (hooks.server.ts): the route's rule (rules.ts) against the
 * person's role in the request's partnership. Refusals say why in plain words: as JSON for the API,
 * as a form action's error result for an enhanced form, as text otherwise.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import { can, ROLE_LABELS, ROLES, type Permission } from './roles';
import { ruleFor } from './rules';

/** What each permission lets someone do, to finish "… needs the X role". */
const PERMISSION_WORDS: Record<Permission, string> = {
	read: 'Viewing this partnership',
	edit: 'Changing scenarios, pilots, criteria, mitigations and decisions',
	manage_data: 'Importing, exporting raw data, backups and partners',
	manage_members: 'Managing members'
};

/** Null when the request may go ahead; otherwise the refusal to send. */
export function authorise(event: RequestEvent): Response | null {
	const { locals, request, route, url } = event;
	// An address that is no route gets SvelteKit's 404, which holds no partnership's data.
	if (route.id === null) return null;
	const rule = ruleFor(route.id, request.method, url);
	if (rule === 'public') return null;
	if (rule === null) return refuse(event, 403, `Hubplan has no access rule for ${request.method} ${route.id}, so nobody may use it.`);
	if (can(locals.role, rule)) return null;
	if (locals.user === null) return refuse(event, 401, 'Sign in to use Hubplan.');
	if (locals.role === null) return refuse(event, 403, `You are not a member of ${locals.partnership.name}.`);
	const least = ROLES.find((role) => can(role, rule)) ?? 'admin';
	const held = ROLE_LABELS[locals.role].toLowerCase();
	return refuse(event, 403, `${PERMISSION_WORDS[rule]} needs the ${ROLE_LABELS[least].toLowerCase()} role; you are ${/^[aeiou]/.test(held) ? 'an' : 'a'} ${held} in ${locals.partnership.name}.`);
}

function refuse({ request, route }: RequestEvent, status: 401 | 403, message: string): Response {
	if (route.id?.startsWith('/api/')) return json({ message }, { status });
	// An enhanced form reads the answer as an action result and shows it on the error page.
	if (request.headers.get('x-sveltekit-action') === 'true') return json({ type: 'error', error: { message } }, { status });
	return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
