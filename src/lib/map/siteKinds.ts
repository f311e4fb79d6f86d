/**
 * How each kind of building is named and coloured on the map, in its legend and in the tables.
 * The colours were chosen by a max–min search over sRGB so that every pair, the colour for other
 * kinds included, differs by at least 20 in CIEDE2000 (the old palette had pharmacy and dentist
 * 11.9 apart, near-identical blues), and each has at least 3:1 contrast against the map's
 * background (WCAG 2.2, 1.4.11). Colour is never the only cue: the kind is always also given in
 * words (legend, tooltip, panel, table). tests/unit/map/siteKinds.test.ts holds both checks.
 */
export const SITE_KINDS: { kind: string; label: string; colour: string }[] = [
	{ kind: 'library', label: 'Library', colour: '#AA7700' },
	{ kind: 'council_office', label: 'Council office', colour: '#AA4400' },
	{ kind: 'community_hub', label: 'Community hub', colour: '#EE0099' },
	{ kind: 'jobcentre', label: 'Jobcentre Plus', colour: '#0000AA' },
	{ kind: 'gp_practice', label: 'GP practice', colour: '#009900' },
	{ kind: 'hospital', label: 'Hospital', colour: '#005522' },
	{ kind: 'pharmacy', label: 'Pharmacy', colour: '#009999' },
	{ kind: 'dentist', label: 'Dentist', colour: '#9977DD' },
	{ kind: 'post_office', label: 'Post office', colour: '#FF3344' },
	{ kind: 'childrens_centre', label: "Children's centre", colour: '#0088DD' },
	{ kind: 'probation_office', label: 'Probation office', colour: '#770055' },
	{ kind: 'fire_station', label: 'Fire station', colour: '#661111' },
	{ kind: 'leisure_centre', label: 'Leisure centre', colour: '#443300' },
	{ kind: 'school', label: 'School', colour: '#888877' },
	{ kind: 'college', label: 'College', colour: '#886666' }
];

const BY_KIND = new Map(SITE_KINDS.map((k) => [k.kind, k]));

/** Colour for kinds the list does not name (an import may add new ones). */
export const OTHER_KIND_COLOUR = '#505A5F';

/** Human label of a kind: "gp_practice" → "GP practice"; unknown kinds are de-underscored. */
export function kindLabel(kind: string): string {
	const known = BY_KIND.get(kind)?.label;
	if (known) return known;
	const words = kind.replace(/_/g, ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

export function kindColour(kind: string): string {
	return BY_KIND.get(kind)?.colour ?? OTHER_KIND_COLOUR;
}

/** The kinds among `sites`, in the key's order, then any the key does not name, alphabetically. */
export function kindsPresent(sites: readonly { kind: string }[]): string[] {
	const present = new Set(sites.map((s) => s.kind));
	const known = SITE_KINDS.map((k) => k.kind).filter((k) => present.has(k));
	return [...known, ...[...present].filter((k) => !BY_KIND.has(k)).sort()];
}
