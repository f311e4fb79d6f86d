/**
 * The service catalogue and the partner bodies the demo pack's buildings belong to. Each building in
 * the pack offers the face-to-face service of its kind; imports can add more services per building.
 */
import type { OrganisationKind } from './db/schema';

export interface ServiceEntry {
	code: string;
	name: string;
	description: string;
	/** Site kind whose buildings offer this service when seeding from the pack. */
	defaultForKind: string | null;
}

export const SERVICES: ServiceEntry[] = [
	{ code: 'library', name: 'Library', description: 'Public library: lending, study space, public computers', defaultForKind: 'library' },
	{ code: 'council_customer_service', name: 'Council customer service', description: 'Council front office: benefits, housing, council tax, general enquiries', defaultForKind: 'council_office' },
	{ code: 'community_hub', name: 'Community hub', description: 'Community response / advice hub run with voluntary partners', defaultForKind: 'community_hub' },
	{ code: 'jobcentre', name: 'Jobcentre Plus', description: 'DWP work coach appointments and benefit claims', defaultForKind: 'jobcentre' },
	{ code: 'gp_practice', name: 'GP practice', description: 'NHS general practice appointments', defaultForKind: 'gp_practice' },
	{ code: 'pharmacy', name: 'Community pharmacy', description: 'NHS-contracted community pharmacy', defaultForKind: 'pharmacy' },
	{ code: 'dentist', name: 'Dentist', description: 'CQC-registered dental location', defaultForKind: 'dentist' },
	{ code: 'post_office', name: 'Post office counter', description: 'Post Office counter services, including government services', defaultForKind: 'post_office' },
	{ code: 'childrens_centre', name: "Children's centre", description: 'Early years and family support', defaultForKind: 'childrens_centre' },
	{ code: 'probation_office', name: 'Probation reporting', description: 'Probation Service reporting and appointments', defaultForKind: 'probation_office' },
	{ code: 'fire_station', name: 'Fire station', description: 'Fire and rescue station (community safety visits)', defaultForKind: 'fire_station' },
	{ code: 'hospital', name: 'Hospital', description: 'Hospital site', defaultForKind: 'hospital' },
	{ code: 'leisure_centre', name: 'Leisure centre', description: 'Sports and leisure facility', defaultForKind: 'leisure_centre' },
	{ code: 'school', name: 'School', description: 'School (community use)', defaultForKind: 'school' },
	{ code: 'college', name: 'College', description: 'Further education college', defaultForKind: 'college' },
	{ code: 'advice', name: 'Advice service', description: 'Independent advice (e.g. Citizens Advice) outreach', defaultForKind: null },
	{ code: 'police_front_counter', name: 'Police front counter', description: 'Police station front counter', defaultForKind: null },
	{ code: 'council_staff', name: 'Council staff offices', description: 'Back-office teams working in a council building (no public counter)', defaultForKind: null }
];

/**
 * Services a pack building of `kind` holds besides its public one: a council office also houses
 * staff, so withdrawing its counter leaves it open rather than empty.
 */
export function staffServicesForKind(kind: string): string[] {
	return kind === 'council_office' ? ['council_staff'] : [];
}

/** Service code offered by a building of `kind` in the pack, or null when the kind offers none. */
export function serviceForKind(kind: string): string | null {
	return SERVICES.find((s) => s.defaultForKind === kind)?.code ?? null;
}

export interface OrganisationEntry {
	id: string;
	name: string;
	kind: OrganisationKind;
}

export const ORGANISATIONS: OrganisationEntry[] = [
	{ id: 'trafford-council', name: 'Trafford Council', kind: 'council' },
	{ id: 'nhs', name: 'NHS (GP practices and hospitals)', kind: 'nhs' },
	{ id: 'pharmacy-contractors', name: 'Community pharmacy contractors', kind: 'private' },
	{ id: 'dental-providers', name: 'Dental providers', kind: 'private' },
	{ id: 'dwp', name: 'Department for Work and Pensions (Jobcentre Plus)', kind: 'dwp' },
	{ id: 'post-office', name: 'Post Office Ltd', kind: 'post_office' },
	{ id: 'gmfrs', name: 'Greater Manchester Fire and Rescue Service', kind: 'fire' },
	{ id: 'probation', name: 'Probation Service (HMPPS)', kind: 'probation' },
	{ id: 'schools', name: 'Schools and academy trusts', kind: 'education' },
	{ id: 'leisure-operators', name: 'Leisure operators (Trafford Leisure CIC and others)', kind: 'leisure' },
	{ id: 'voluntary-sector', name: 'Voluntary and community sector', kind: 'voluntary' }
];

const ORGANISATION_BY_KIND: Record<string, string> = {
	library: 'trafford-council',
	council_office: 'trafford-council',
	childrens_centre: 'trafford-council',
	community_hub: 'voluntary-sector',
	gp_practice: 'nhs',
	hospital: 'nhs',
	pharmacy: 'pharmacy-contractors',
	dentist: 'dental-providers',
	jobcentre: 'dwp',
	post_office: 'post-office',
	fire_station: 'gmfrs',
	probation_office: 'probation',
	school: 'schools',
	college: 'schools',
	leisure_centre: 'leisure-operators'
};

/**
 * The partner a pack building belongs to: by kind, except buildings the source says another body
 * runs (a library in a school belongs to the school, not the council).
 */
export function organisationFor(kind: string, operator: string | undefined): string | null {
	if (kind === 'library' && operator && !operator.startsWith('Trafford Council')) return 'schools';
	return ORGANISATION_BY_KIND[kind] ?? null;
}
