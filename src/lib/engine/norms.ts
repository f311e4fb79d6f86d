/**
 * Published norms and named sets of figures the parameters default to, each with its source, in
 * one place: how much space a service needs when none is recorded, and what a contact costs by
 * channel. A figure that is a judgement says so ("Hubplan planning assumption").
 */
import type { ScenarioParameters } from './types';

export const PLANNING = 'Hubplan planning assumption (configurable)';

/** Government Property Unit (Cabinet Office) workplace standard for the government estate. */
export const OFFICE_SPACE_STANDARD =
	'Government Property Unit (Cabinet Office) workplace standard: 8 m² net internal area per full-time equivalent (the earlier OGC guide allowed 10–12 m²)';

export const SPACE_M2_PER_FTE = 8;

/** Museums, Libraries and Archives Council (2008), Public Libraries, Archives and New Development: A Standard Charge Approach. */
export const LIBRARY_SPACE_STANDARD =
	'MLA (2008) Public Libraries, Archives and New Development: A Standard Charge Approach: 30 m² of library space per 1,000 residents';
export const LIBRARY_M2_PER_1000_RESIDENTS = 30;

export interface SpaceNorm {
	spaceM2: number;
	/** How the figure is built up, in words. */
	method: string;
	source: string;
}

/**
 * Typical space a service needs where neither its space nor its staff is recorded. Only services
 * that can sensibly move or be added are listed; a hospital or school has no norm (it counts as
 * 0 m², with a warning).
 */
export const SERVICE_SPACE_NORMS: Record<string, SpaceNorm> = {
	council_customer_service: {
		spaceM2: 50,
		method: 'two counter positions, one interview room and a waiting area',
		source: PLANNING
	},
	advice: {
		spaceM2: 60,
		method: 'an outreach advice service: two interview rooms, a desk area and waiting, as in the St Albans shared service centre (2011–12)',
		source: PLANNING
	},
	community_hub: {
		spaceM2: 100,
		method: 'a drop-in room, an office for 3 FTE at 8 m² and storage',
		source: `${PLANNING}; office part at the ${OFFICE_SPACE_STANDARD}`
	},
	jobcentre: {
		spaceM2: 300,
		method: '20 work coaches at 8 m² per FTE, plus interview and waiting space',
		source: `${PLANNING}; desks at the ${OFFICE_SPACE_STANDARD}`
	},
	library: {
		spaceM2: 600,
		method: '30 m² per 1,000 residents for a catchment of 20,000',
		source: `${LIBRARY_SPACE_STANDARD}; the catchment is a ${PLANNING}`
	},
	childrens_centre: { spaceM2: 200, method: 'a family room, a consulting room and an office', source: PLANNING },
	probation_office: { spaceM2: 150, method: 'reporting counter, three interview rooms and an office', source: PLANNING },
	police_front_counter: { spaceM2: 30, method: 'a front counter and an interview room', source: PLANNING },
	post_office: { spaceM2: 30, method: 'two counter positions in a shop', source: PLANNING },
	gp_practice: { spaceM2: 400, method: 'six consulting rooms with waiting and support space', source: PLANNING },
	pharmacy: { spaceM2: 100, method: 'a shop-front pharmacy with a consultation room', source: PLANNING },
	dentist: { spaceM2: 150, method: 'three surgeries with waiting and decontamination', source: PLANNING }
};

export interface UnitCostSet {
	id: string;
	label: string;
	faceToFace: number;
	phone: number;
	web: number;
	source: string;
}

/** Cost per council contact by channel. The first is the default. */
export const UNIT_COST_SETS: UnitCostSet[] = [
	{
		id: 'socitm_2011',
		label: 'Socitm (2011)',
		faceToFace: 8.62,
		phone: 2.83,
		web: 0.15,
		source: 'Socitm (2011): average cost of a council contact by channel'
	},
	{
		id: 'tameside_2005_06',
		label: 'Tameside MBC (2005/06)',
		faceToFace: 16.2,
		phone: 1.55,
		web: 0.12,
		source: 'Tameside Metropolitan Borough Council: cost of a contact by channel, 2005/06'
	}
];

/** The named set these three figures are, if any. */
export function unitCostSetOf(cost: { faceToFace: number; phone: number; web: number }): UnitCostSet | null {
	return UNIT_COST_SETS.find((s) => s.faceToFace === cost.faceToFace && s.phone === cost.phone && s.web === cost.web) ?? null;
}

/** Council contacts: the services whose visits can go to phone or web by default. */
export const DEFAULT_CHANNEL_SHIFT_SERVICES = ['council_customer_service'];

/**
 * A service's space need where none is recorded: staff × m² per FTE when staff are recorded, else
 * the service's norm; null when there is no norm.
 */
export function estimatedSpaceNeed(
	service: string,
	staffFte: number | null,
	colocation: ScenarioParameters['colocation']
): { spaceM2: number; method: string } | null {
	if (staffFte !== null && staffFte > 0)
		return {
			spaceM2: staffFte * colocation.spaceM2PerFte,
			method: `${staffFte} staff FTE × ${colocation.spaceM2PerFte} m² per FTE`
		};
	const m2 = colocation.serviceSpaceM2[service];
	if (m2 === undefined) return null;
	const norm = SERVICE_SPACE_NORMS[service];
	return { spaceM2: m2, method: norm && norm.spaceM2 === m2 ? `typical ${service.replace(/_/g, ' ')}: ${norm.method}` : `typical ${service.replace(/_/g, ' ')} (scenario setting)` };
}
