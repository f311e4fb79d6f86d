/**
 * Single sign-on with any OpenID Connect provider, set by environment variables (as Grist does):
 * HUBPLAN_OIDC_ISSUER, HUBPLAN_OIDC_CLIENT_ID, HUBPLAN_OIDC_CLIENT_SECRET, and optionally
 * HUBPLAN_OIDC_LABEL for the button. The provider's endpoints come from its discovery document.
 * Microsoft Entra ID is this with the issuer `https://login.microsoftonline.com/<tenant>/v2.0`.
 */
export const OIDC_PROVIDER_ID = 'oidc';

export interface OidcSettings {
	issuer: string;
	clientId: string;
	clientSecret: string;
	/** The sign-in button's words. */
	label: string;
}

/**
 * Entra ID's shared endpoints, which accept accounts from any organisation (or personal accounts).
 * A sign-in is linked to a Hubplan person by email, so only one organisation's issuer may vouch for it.
 */
const MULTI_TENANT_ENTRA = /^https:\/\/login\.microsoftonline\.com\/(common|organizations|consumers)(\/|$)/i;

/** The OIDC settings, or null when single sign-on is not configured. Half a configuration is an error. */
export function oidcSettings(env: Record<string, string | undefined> = process.env): OidcSettings | null {
	const issuer = env.HUBPLAN_OIDC_ISSUER?.trim();
	const clientId = env.HUBPLAN_OIDC_CLIENT_ID?.trim();
	const clientSecret = env.HUBPLAN_OIDC_CLIENT_SECRET ?? '';
	if (!issuer && !clientId) return null;
	if (!issuer || !clientId) {
		throw new Error('Single sign-on needs both HUBPLAN_OIDC_ISSUER and HUBPLAN_OIDC_CLIENT_ID (and usually HUBPLAN_OIDC_CLIENT_SECRET); one of them is unset.');
	}
	if (!/^https?:\/\//.test(issuer)) throw new Error(`HUBPLAN_OIDC_ISSUER is "${issuer}"; expected the issuer's URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0.`);
	const tenant = MULTI_TENANT_ENTRA.exec(issuer)?.[1];
	if (tenant) {
		throw new Error(
			`HUBPLAN_OIDC_ISSUER is "${issuer}", Entra ID's "${tenant}" endpoint, where people from any organisation can sign in. Single sign-on finds a person by email, so use your own tenant's issuer: https://login.microsoftonline.com/<tenant id>/v2.0.`
		);
	}
	return { issuer: issuer.replace(/\/+$/, ''), clientId, clientSecret, label: env.HUBPLAN_OIDC_LABEL?.trim() || 'Sign in with single sign-on' };
}

/** Where the provider publishes its endpoints (OpenID Connect Discovery 1.0, section 4). */
export function discoveryUrl(settings: OidcSettings): string {
	return `${settings.issuer}/.well-known/openid-configuration`;
}
