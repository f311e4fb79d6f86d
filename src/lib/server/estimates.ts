/**
 * Estimates for the estate facts the open-data pack does not carry (floor area, running cost, weekly
 * visits). Every estimate returns the method that made it, which is stored as provenance and shown
 * beside the figure in the app. Recorded figures from an import always replace these.
 *
 * Rates that are Hubplan planning assumptions, not published figures, say so; replace them with
 * recorded values (Import) or edit them here.
 */
import { haversineM } from '../engine/geo/distance';
import { LIBRARY_M2_PER_1000_RESIDENTS, LIBRARY_SPACE_STANDARD } from '../engine/norms';
import type { FactProvenance } from '../provenance';
import type { PackSite, PackZone } from './pack';

export interface Estimate {
	value: number;
	provenance: FactProvenance;
}

/** Typical gross internal area by kind, m². Hubplan planning assumption (configurable). */
export const TYPICAL_GIA_M2: Record<string, number> = {
	library: 600,
	council_office: 2000,
	community_hub: 400,
	jobcentre: 1000,
	gp_practice: 500,
	pharmacy: 150,
	dentist: 150,
	post_office: 100,
	childrens_centre: 400,
	probation_office: 800,
	fire_station: 1000,
	hospital: 20000,
	leisure_centre: 3000,
	school: 3000,
	college: 10000
};

/**
 * Facilities, utilities and maintenance cost per m² of GIA per year. Hubplan planning assumption
 * (configurable): no published benchmark is bundled with the pack, so replace it with your own
 * (for example from your property benchmarking club) or import recorded costs.
 */
export const FACILITIES_GBP_PER_M2_PER_YEAR = 100;

/** Footprints this large are probably Royal Mail delivery offices, not counters (pack README). */
const MAX_PLAUSIBLE_FOOTPRINT_M2 = 1000;

/**
 * Floor area: council asset register GIA where the site is linked to it (recorded), else the OS
 * building footprint (a ground-floor outline, so an estimate), else a typical size for the kind.
 */
export function estimateFloorArea(site: PackSite): Estimate | null {
	const p = site.properties;
	if (p.council_asset_gia_m2) {
		return {
			value: p.council_asset_gia_m2,
			provenance: {
				basis: 'recorded',
				source: `Trafford Council land and building asset register (${p.council_asset_code}), gross internal area`
			}
		};
	}
	if (p.footprint_m2 && p.footprint_m2 <= MAX_PLAUSIBLE_FOOTPRINT_M2) {
		return {
			value: p.footprint_m2,
			provenance: {
				basis: 'estimated',
				method: `OS OpenMap Local building footprint (${p.footprint_m2} m², April 2018) taken as floor area; a single-storey assumption`,
				sources: ['os_openmap_local']
			}
		};
	}
	const typical = TYPICAL_GIA_M2[p.kind];
	if (typical === undefined) return null;
	const why = p.footprint_m2
		? ` (the OS footprint of ${p.footprint_m2} m² is implausible for a counter: probably a delivery office)`
		: '';
	return {
		value: typical,
		provenance: {
			basis: 'estimated',
			method: `typical size for a ${p.kind.replace(/_/g, ' ')} (${typical} m²), a Hubplan planning assumption${why}`
		}
	};
}

/** Annual facilities, utilities and maintenance cost from floor area × the £/m² assumption. */
export function estimateFacilitiesCost(giaM2: number, areaProvenance: FactProvenance): Estimate {
	const areaBasis = areaProvenance.basis === 'recorded' ? 'recorded' : 'estimated';
	return {
		value: Math.round(giaM2 * FACILITIES_GBP_PER_M2_PER_YEAR),
		provenance: {
			basis: 'estimated',
			method: `${areaBasis} floor area ${Math.round(giaM2)} m² × £${FACILITIES_GBP_PER_M2_PER_YEAR}/m²/year (Hubplan planning assumption for facilities, utilities and maintenance; rent and business rates not recorded)`
		}
	};
}

/**
 * Library visits per resident per year: 204.3 million physical visits to English public libraries
 * in 2016/17 (CIPFA, quoted in the DCMS answer to PQ 122746, 23 January 2018) ÷ England's mid-2016
 * population of 55.27 million (ONS mid-year estimates).
 */
export const LIBRARY_VISITS_PER_RESIDENT_PER_YEAR = 204.3 / 55.27;

/**
 * Face-to-face GP appointments per registered patient per year: 367.4 million appointments in 2024
 * for 63.7 million registered patients (NHS Digital, Appointments in General Practice, summarised by
 * the Institute for Government Performance Tracker 2025) × 65 % face to face (NHS Digital, April
 * 2024, summarised by the RCGP).
 */
export const GP_FACE_TO_FACE_PER_PATIENT_PER_YEAR = (367.4 / 63.7) * 0.65;

/**
 * Weekly face-to-face visits, where a published rate exists: libraries by catchment (each zone's
 * residents use the library nearest its population-weighted centroid), GP practices from their
 * registered patients. Other kinds get no estimate: the app shows "not recorded" rather than guess.
 */
export function estimateWeeklyVisits(sites: PackSite[], zones: PackZone[]): Map<string, Estimate> {
	const visits = new Map<string, Estimate>();
	const { libraries, catchment } = libraryCatchments(sites, zones);
	for (const library of libraries) {
		const residents = catchment.get(library.properties.id) ?? 0;
		visits.set(library.properties.id, {
			value: Math.round((residents * LIBRARY_VISITS_PER_RESIDENT_PER_YEAR) / 52),
			provenance: {
				basis: 'estimated',
				method: `catchment model: ${Math.round(residents)} residents whose nearest library this is × ${LIBRARY_VISITS_PER_RESIDENT_PER_YEAR.toFixed(2)} visits per resident per year (CIPFA 2016/17 England: 204.3m visits ÷ 55.27m residents) ÷ 52`,
				sources: ['CIPFA public library statistics 2016/17 (DCMS, PQ 122746)', 'ONS mid-2016 population estimates']
			}
		});
	}
	for (const site of sites) {
		const patients = site.properties.registered_patients;
		if (site.properties.kind !== 'gp_practice' || !patients) continue;
		visits.set(site.properties.id, {
			value: Math.round((patients * GP_FACE_TO_FACE_PER_PATIENT_PER_YEAR) / 52),
			provenance: {
				basis: 'estimated',
				method: `${patients} registered patients (NHS Digital, ${site.properties.registered_patients_as_of ?? '2026'}) × ${GP_FACE_TO_FACE_PER_PATIENT_PER_YEAR.toFixed(2)} face-to-face appointments per patient per year (England 2024: 367.4m appointments ÷ 63.7m patients × 65 % face to face) ÷ 52`,
				sources: ['NHS Digital, Appointments in General Practice 2024', 'NHS Digital patients registered at a GP practice']
			}
		});
	}
	return visits;
}

/**
 * The space a library service needs, where a published standard exists: 30 m² per 1,000 residents
 * of its catchment (MLA 2008), the catchment as for visits. Other services are left to the
 * engine's norms (by staff or typical size); never the building's own floor area.
 */
export function estimateLibrarySpace(sites: PackSite[], zones: PackZone[]): Map<string, Estimate> {
	const space = new Map<string, Estimate>();
	const { libraries, catchment } = libraryCatchments(sites, zones);
	for (const library of libraries) {
		const residents = catchment.get(library.properties.id) ?? 0;
		const standard = Math.round((residents * LIBRARY_M2_PER_1000_RESIDENTS) / 1000);
		// A library uses no more than the building it is in today.
		const building = estimateFloorArea(library)?.value ?? Infinity;
		const capped = building < standard;
		space.set(library.properties.id, {
			value: Math.min(standard, building),
			provenance: {
				basis: 'estimated',
				method: `${Math.round(residents)} residents whose nearest library this is × ${LIBRARY_M2_PER_1000_RESIDENTS} m² per 1,000 residents = ${standard} m²${capped ? `, capped at the ${Math.round(building)} m² of its building today` : ''}`,
				sources: [LIBRARY_SPACE_STANDARD, 'ONS mid-2024 population estimates']
			}
		});
	}
	return space;
}

/** Each library's catchment: the residents of the zones whose population-weighted centroid is nearest it. */
function libraryCatchments(sites: PackSite[], zones: PackZone[]): { libraries: PackSite[]; catchment: Map<string, number> } {
	const libraries = sites.filter((s) => s.properties.kind === 'library');
	const catchment = new Map<string, number>();
	for (const zone of zones) {
		const [lon, lat] = zone.properties.centroid;
		let nearest: PackSite | undefined;
		let nearestM = Infinity;
		for (const library of libraries) {
			const [slon, slat] = library.geometry.coordinates;
			const d = haversineM(lon, lat, slon, slat);
			if (d < nearestM) [nearest, nearestM] = [library, d];
		}
		if (nearest) {
			const id = nearest.properties.id;
			catchment.set(id, (catchment.get(id) ?? 0) + zonePopulation(zone));
		}
	}
	return { libraries, catchment };
}

/** Residents of a zone: ONS mid-2024 estimate where the pack has it, else Census 2021. */
export function zonePopulation(zone: PackZone): number {
	return zone.properties.mye24_pop_total ?? zone.properties.c21_pop_total;
}
