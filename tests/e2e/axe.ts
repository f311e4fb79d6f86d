import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * axe's violations on the page, with WCAG 2.2's target-size rule (2.5.8, targets at least 24 × 24
 * CSS px or spaced apart) switched on: axe-core leaves it off by default, and the app must meet
 * WCAG 2.2 AA. Only violations are asked for in full (`resultTypes`): axe still runs every rule but
 * no longer builds a selector for every node that passes (about a fifth of its time on a long page).
 */
export async function axeViolations(page: Page) {
	return (await new AxeBuilder({ page }).options({ rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] }).analyze()).violations;
}
