import { describe, expect, it } from 'vitest';
import { allowProviderFormAction, providerSignInOrigins, withFormActionOrigins } from '$lib/server/auth/oidc-form-action';
import type { OidcSettings } from '$lib/server/auth/oidc';

const settings = (issuer: string): OidcSettings => ({ issuer, clientId: 'c', clientSecret: 's', label: 'SSO' });
const POLICY = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

function discoveryAnswering(document: unknown): { fetch: typeof fetch; calls: string[] } {
	const calls: string[] = [];
	const fake = (async (url: string | URL | Request) => {
		calls.push(String(url));
		return new Response(JSON.stringify(document), { headers: { 'content-type': 'application/json' } });
	}) as typeof fetch;
	return { fetch: fake, calls };
}

describe('letting the sign-in form go on to the single sign-on provider (CSP form-action)', () => {
	it('adds the origins to form-action and leaves the other directives alone', () => {
		expect(withFormActionOrigins(POLICY, ['https://login.example.org'])).toBe(
			"default-src 'self'; base-uri 'self'; form-action 'self' https://login.example.org; frame-ancestors 'none'"
		);
		expect(withFormActionOrigins("default-src 'self'", ['https://login.example.org'])).toBe("default-src 'self'");
	});

	it("allows the issuer's origin at once, and the authorization endpoint's once discovery has answered", async () => {
		const { fetch, calls } = discoveryAnswering({ authorization_endpoint: 'https://pool.auth.example.com/oauth2/authorize' });
		const cognito = settings('https://idp.example.com/pool-1');
		expect(providerSignInOrigins(cognito, fetch, 0)).toEqual(['https://idp.example.com']);
		expect(calls).toEqual(['https://idp.example.com/pool-1/.well-known/openid-configuration']);
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(providerSignInOrigins(cognito, fetch, 1)).toEqual(['https://idp.example.com', 'https://pool.auth.example.com']);
		expect(calls).toHaveLength(1);
	});

	it('asks a provider whose discovery failed again only after a minute', async () => {
		const { fetch, calls } = discoveryAnswering({ issuer: 'no authorization_endpoint here' });
		const broken = settings('https://broken.example.net');
		providerSignInOrigins(broken, fetch, 0);
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(providerSignInOrigins(broken, fetch, 59_000)).toEqual(['https://broken.example.net']);
		expect(calls).toHaveLength(1);
		providerSignInOrigins(broken, fetch, 60_000);
		expect(calls).toHaveLength(2);
	});

	it('changes a page only when single sign-on is set up and the page has a policy', () => {
		const page = () => new Response('<p>hi</p>', { headers: { 'content-security-policy': POLICY } });
		expect(allowProviderFormAction(page(), null).headers.get('content-security-policy')).toBe(POLICY);
		const widened = allowProviderFormAction(page(), settings('http://127.0.0.1:4606')).headers.get('content-security-policy');
		expect(widened).toContain("form-action 'self' http://127.0.0.1:4606;");
		expect(allowProviderFormAction(new Response('{}'), settings('http://127.0.0.1:4606')).headers.has('content-security-policy')).toBe(false);
	});
});
