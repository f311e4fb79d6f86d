/**
 * Plain-English labels for the fields a source carries beyond Hubplan's own (a building's
 * "Other details from the source"), so the panel reads "Floor area in the council asset register"
 * rather than "council asset gia m2" (issue 13). The raw field name stays available to data
 * managers beside the label. Fields not listed get their name in words ("some_field" → "Some field").
 */
const ATTRIBUTE_LABELS: Record<string, string> = {
	age_range: 'Pupil age range',
	capacity: 'Pupil places',
	council_asset_code: 'Reference in the council asset register',
	council_asset_dec_rating: 'Display Energy Certificate rating (council asset register)',
	council_asset_gia_m2: 'Floor area in the council asset register (m²)',
	council_asset_name: 'Name in the council asset register',
	council_asset_tenure: 'Tenure in the council asset register',
	email: 'Email',
	facilities: 'Facilities',
	footprint_buildings: 'Ordnance Survey buildings it covers',
	footprint_m2: 'Ground area of its buildings (m², Ordnance Survey)',
	footprint_method: 'How the ground area was measured',
	la_code: 'Local authority code (ONS)',
	la_name: 'Local authority',
	location_method: 'How its location was placed',
	name_recorded_in_source: 'Name given in the source',
	nearest_postcode: 'Nearest postcode',
	nearest_postcode_m: 'Distance to the nearest postcode (m)',
	ods_code: 'NHS organisation code (ODS)',
	opening_hours: 'Opening hours',
	opening_hours_text: 'Opening hours',
	operating_model: 'How it is run',
	operator_basis: 'How the operator is known',
	os_building_ids: 'Ordnance Survey building identifiers',
	outline_m2: 'Area of the outline the council drew (m²)',
	outline_method: 'How the outline area was measured',
	registered_patients: 'Registered patients',
	registered_patients_as_of: 'Registered patients counted on',
	school_type: 'Type of school',
	source_la_name: 'Local authority named in the source',
	source_office_type: 'Office type named in the source',
	telephone: 'Telephone',
	urn: 'School reference number (URN)',
	verify_note: 'Note for checking',
	website: 'Website'
};

/**
 * @example attributeLabel('council_asset_gia_m2') // 'Floor area in the council asset register (m²)'
 * @example attributeLabel('wifi_available') // 'Wifi available'
 */
export function attributeLabel(key: string): string {
	const known = ATTRIBUTE_LABELS[key];
	if (known) return known;
	const words = key.replace(/_/g, ' ').replace(/\bm2\b/g, 'm²').trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

const DAY_NAMES: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/**
 * A source value as text: lists joined, true/false as Yes/No, a day-by-day object (opening hours)
 * as "Mon 09:00-18:00; …", other objects as "key: value" pairs.
 *
 * @example attributeText({ mon: '09:00-18:00', sat: 'CLOSED' }) // 'Mon 09:00-18:00; Sat closed'
 */
export function attributeText(value: unknown): string {
	if (Array.isArray(value)) return value.map(attributeText).join(', ');
	if (value === true || value === 'true') return 'Yes';
	if (value === false || value === 'false') return 'No';
	if (value !== null && typeof value === 'object') {
		return Object.entries(value)
			.map(([k, v]) => `${DAY_NAMES[k] ?? attributeLabel(k)} ${v === 'CLOSED' ? 'closed' : attributeText(v)}`)
			.join('; ');
	}
	return String(value);
}
