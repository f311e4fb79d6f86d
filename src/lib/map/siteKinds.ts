/**
 * How each kind of building is named and coloured on the map, in its legend and in the tables.
 * Colours start from Okabe and Ito (2008), the palette designed to stay distinct under the common
 * colour-vision deficiencies; with 15 kinds some colours must be close, so the kind is always also
 * given in words (tooltip, panel, table).
 */
export const SITE_KINDS: { kind: string; label: string; colour: string }[] = [
	{ kind: 'library', label: 'Library', colour: '#E69F00' },
	{ kind: 'council_office', label: 'Council office', colour: '#D55E00' },
	{ kind: 'community_hub', label: 'Community hub', colour: '#CC79A7' },
	{ kind: 'jobcentre', label: 'Jobcentre Plus', colour: '#0072B2' },
	{ kind: 'gp_practice', label: 'GP practice', colour: '#009E73' },
	{ kind: 'hospital', label: 'Hospital', colour: '#00563A' },
	{ kind: 'pharmacy', label: 'Pharmacy', colour: '#56B4E9' },
	{ kind: 'dentist', label: 'Dentist', colour: '#A6CEE3' },
	{ kind: 'post_office', label: 'Post office', colour: '#C8102E' },
	{ kind: 'childrens_centre', label: "Children's centre", colour: '#F0E442' },
	{ kind: 'probation_office', label: 'Probation office', colour: '#6F3C91' },
	{ kind: 'fire_station', label: 'Fire station', colour: '#7A1F00' },
	{ kind: 'leisure_centre', label: 'Leisure centre', colour: '#A6761D' },
	{ kind: 'school', label: 'School', colour: '#8C8C8C' },
	{ kind: 'college', label: 'College', colour: '#3C3C3C' }
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
