import { expect, test } from '@playwright/test';
import { ACCOUNTS, SIGNED_OUT } from './accounts';
import { OIDC_ISSUER } from './servers';

/**
 * Single sign-on against a local OpenID Connect provider (tests/support/oidc-provider.ts,
 * oauth2-mock-server) on a server started with the HUBPLAN_OIDC_* variables.
 */
test.use({ storageState: SIGNED_OUT });

async function providerSignsIn(email: string, name: string) {
	const response = await fetch(`${OIDC_ISSUER}/test/identity`, { method: 'POST', body: JSON.stringify({ email, name }) });
	expect(response.status).toBe(204);
}

test('single sign-on links to the existing person with that verified email', async ({ page }) => {
	await providerSignsIn(ACCOUNTS.editor.email, 'Editor at the provider');
	await page.goto('/scenarios');
	await page.getByRole('button', { name: 'Sign in with the test provider' }).click();
	await expect(page).toHaveURL(/\/scenarios$/);
	await expect(page.getByText(`(Editor, Trafford public estate partnership (demo))`)).toBeVisible();
	await expect(page.getByText(ACCOUNTS.editor.name)).toBeVisible();
});

test('someone the provider knows but no partnership has added sees that they have no access yet', async ({ page }) => {
	await providerSignsIn('stranger@hubplan.test', 'Stranger');
	await page.goto('/sign-in');
	await page.getByRole('button', { name: 'Sign in with the test provider' }).click();
	await expect(page.getByRole('heading', { name: 'No access yet' })).toBeVisible();
	await expect(page.getByText('You are signed in as stranger@hubplan.test, but you are not a member of any partnership yet.')).toBeVisible();
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
