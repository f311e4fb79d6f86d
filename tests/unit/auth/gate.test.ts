import { describe, expect, it } from 'vitest';
import { isPublicPath, safeNextPath, signInUrl } from '$lib/server/auth/gate';
import { oidcSettings } from '$lib/server/auth/oidc';

describe('what answers signed out', () => {
	it('is the sign-in page, sign-out and the one-time link pages, and nothing that merely starts with their names', () => {
		for (const path of ['/sign-in', '/sign-out', '/setup/abc', '/set-password/abc']) expect(isPublicPath(path), path).toBe(true);
		for (const path of ['/', '/sites', '/sign-in-elsewhere', '/setup', '/api/scenarios', '/members']) expect(isPublicPath(path), path).toBe(false);
	});

	it('comes back only to a path on this site after signing in', () => {
		expect(safeNextPath('/sites?kind=library')).toBe('/sites?kind=library');
		for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example', '', null]) expect(safeNextPath(next)).toBe('/');
		expect(signInUrl(new URL('http://localhost:3000/sites?kind=library'))).toBe('/sign-in?next=%2Fsites%3Fkind%3Dlibrary');
		expect(signInUrl(new URL('http://localhost:3000/'))).toBe('/sign-in');
	});
});

describe('single sign-on settings', () => {
	it('are off when unset, and half a configuration is an error naming what is missing', () => {
		expect(oidcSettings({})).toBeNull();
		expect(() => oidcSettings({ HUBPLAN_OIDC_CLIENT_ID: 'x' })).toThrow('Single sign-on needs both HUBPLAN_OIDC_ISSUER and HUBPLAN_OIDC_CLIENT_ID');
		expect(() => oidcSettings({ HUBPLAN_OIDC_ISSUER: 'login.microsoftonline.com/t/v2.0', HUBPLAN_OIDC_CLIENT_ID: 'x' })).toThrow('expected the issuer\'s URL');
	});

	it('refuse Entra ID\'s shared endpoints, where anyone could claim a member\'s email', () => {
		for (const tenant of ['common', 'organizations', 'consumers']) {
			expect(() => oidcSettings({ HUBPLAN_OIDC_ISSUER: `https://login.microsoftonline.com/${tenant}/v2.0`, HUBPLAN_OIDC_CLIENT_ID: 'x' })).toThrow(
				`Entra ID's "${tenant}" endpoint`
			);
		}
	});

	it('take an Entra ID tenant issuer as it is, with a default button label', () => {
		expect(oidcSettings({ HUBPLAN_OIDC_ISSUER: 'https://login.microsoftonline.com/contoso/v2.0/', HUBPLAN_OIDC_CLIENT_ID: 'app', HUBPLAN_OIDC_CLIENT_SECRET: 's' })).toEqual({
			issuer: 'https://login.microsoftonline.com/contoso/v2.0',
			clientId: 'app',
			clientSecret: 's',
			label: 'Sign in with single sign-on'
		});
	});
});
