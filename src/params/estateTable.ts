import type { ParamMatcher } from '@sveltejs/kit';

/** `sites` or `zones`: the estate tables with a CSV download at `/NAME.csv` (matchers also run in the browser). */
export const match = ((param: string): param is 'sites' | 'zones' => param === 'sites' || param === 'zones') satisfies ParamMatcher;
