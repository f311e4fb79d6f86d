import fs from 'node:fs';
import path from 'node:path';
import {
	FACILITIES_GBP_PER_M2_PER_YEAR,
	GP_FACE_TO_FACE_PER_PATIENT_PER_YEAR,
	LIBRARY_VISITS_PER_RESIDENT_PER_YEAR,
	TYPICAL_GIA_M2
} from '$lib/server/estimates';
import type { PageServerLoad } from './$types';

interface SourceEntry {
	publisher: string;
	licence: string;
	as_of: string;
	from: string;
	attribution: string;
}

const SOURCES_FILE = path.resolve('data/open-data-sources.json');

/** The pack's sources (one per `source` key) and the figures the estimates use, read from their one home. */
export const load: PageServerLoad = async () => {
	const sources = JSON.parse(fs.readFileSync(SOURCES_FILE, 'utf8')) as Record<string, SourceEntry>;
	return {
		sources: Object.entries(sources).map(([key, s]) => ({ key, ...s })),
		estimates: {
			typicalGiaM2: Object.entries(TYPICAL_GIA_M2),
			facilitiesGbpPerM2PerYear: FACILITIES_GBP_PER_M2_PER_YEAR,
			libraryVisitsPerResidentPerYear: LIBRARY_VISITS_PER_RESIDENT_PER_YEAR,
			gpFaceToFacePerPatientPerYear: GP_FACE_TO_FACE_PER_PATIENT_PER_YEAR
		}
	};
};
