/**
 * The single sign-on button posts to `/sign-in?/sso`, which redirects to the provider's
 * authorization endpoint. Browsers hold a form's redirects to the page's Content-Security-Policy
 * `form-action` (CSP Level 3), which svelte.config.js sets to 'self', so Chromium blocked the
 * redirect and the person stayed on the sign-in page, signed out. With single sign-on set up, every
 * page's policy also allows the provider's sign-in origin: every page, because after a client-side
 * navigation the sign-in form lives in a document that another page's response made.
 *
 * That origin is the issuer's, plus the discovery document's `authorization_endpoint` once read
 * (some providers, e.g. Amazon Cognito, sign in on another host). Pages never wait for discovery.
 */
import { discoveryUrl, type OidcSettings } from './oidc';

/** After a failed discovery, how long pages go with the issuer's origin alone before trying again. */
const RETRY_AFTER_MS = 60_000;

const discovered = new Map<string, string>();
const retryAt = new Map<string, number>();

/** The origins a sign-in form may be sent on to: the issuer's, and the authorization endpoint's once known. */
export function providerSignInOrigins(settings: OidcSettings, fetchFn: typeof fetch = fetch, now = Date.now()): string[] {
	const issuerOrigin = new URL(settings.issuer).origin;
	const endpointOrigin = discovered.get(settings.issuer);
	if (endpointOrigin === undefined && now >= (retryAt.get(settings.issuer) ?? 0)) {
		retryAt.set(settings.issuer, now + RETRY_AFTER_MS);
		void discover(settings, fetchFn);
	}
	return endpointOrigin && endpointOrigin !== issuerOrigin ? [issuerOrigin, endpointOrigin] : [issuerOrigin];
}

async function discover(settings: OidcSettings, fetchFn: typeof fetch): Promise<void> {
	try {
		const response = await fetchFn(discoveryUrl(settings), { signal: AbortSignal.timeout(10_000) });
		const endpoint = ((await response.json()) as { authorization_endpoint?: unknown }).authorization_endpoint;
		if (response.ok && typeof endpoint === 'string') discovered.set(settings.issuer, new URL(endpoint).origin);
	} catch {
		// Unreachable or not JSON: Better Auth reports it when someone signs in; pages keep the issuer's origin.
	}
}

/** The policy `csp` with `origins` added to its form-action directive (unchanged if it has none). */
export function withFormActionOrigins(csp: string, origins: string[]): string {
	return csp.replace(/(^|;\s*)form-action([^;]*)/, (_match, before: string, sources: string) => `${before}form-action${sources} ${origins.join(' ')}`);
}

/** Lets the page in `response` send the sign-in form on to the provider (the response's own headers are changed). */
export function allowProviderFormAction(response: Response, settings: OidcSettings | null): Response {
	const csp = response.headers.get('content-security-policy');
	if (settings && csp) response.headers.set('content-security-policy', withFormActionOrigins(csp, providerSignInOrigins(settings)));
	return response;
}
