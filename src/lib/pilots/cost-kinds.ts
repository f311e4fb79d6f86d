/** How each kind of pilot cost line is named on the page: one-off (year 0) or running (every year). */
export const COST_KIND_LABELS = { one_off: 'One-off', annual: 'Every year (running)' } as const;
