/**
 * The attribution the open-data pack's README requires wherever its data or maps made from it
 * appear (data/README.md, "Attribution you must show"). One copy, used by the map, the About page,
 * the printed cabinet report and exports.
 */
export const ATTRIBUTION_LINES = [
	'Contains public sector information licensed under the Open Government Licence v3.0.',
	'Contains National Statistics data © Crown copyright and database right 2021–2026.',
	'Contains OS data © Crown copyright and database right 2018–2025.',
	'Contains Royal Mail data © Royal Mail copyright and database right 2025.',
	'Contains Transport for Greater Manchester data. Uses information from the Care Quality Commission.',
	'Includes data from Trafford Council, Trafford Leisure CIC, George Carnall Community Group CIC and Schools Plus.',
	'Metrolink lines © OpenStreetMap contributors, available under the Open Database Licence (ODbL).'
] as const;

export const ATTRIBUTION_TEXT = ATTRIBUTION_LINES.join(' ');
