import {
	FACILITIES_GBP_PER_M2_PER_YEAR,
	GP_FACE_TO_FACE_PER_PATIENT_PER_YEAR,
	LIBRARY_VISITS_PER_RESIDENT_PER_YEAR,
	TYPICAL_GIA_M2
} from '$lib/server/estimates';
import { openDataSources } from '$lib/server/open-data-sources';
import type { PageServerLoad } from './$types';

/** The pack's sources (one per `source` key) and the figures the estimates use, read from their one home. */
export const load: PageServerLoad = () => {
	return {
		sources: Object.entries(openDataSources()).map(([key, s]) => ({ key, ...s })),
		estimates: {
			typicalGiaM2: Object.entries(TYPICAL_GIA_M2),
			facilitiesGbpPerM2PerYear: FACILITIES_GBP_PER_M2_PER_YEAR,
			libraryVisitsPerResidentPerYear: LIBRARY_VISITS_PER_RESIDENT_PER_YEAR,
			gpFaceToFacePerPatientPerYear: GP_FACE_TO_FACE_PER_PATIENT_PER_YEAR
		}
	};
};
