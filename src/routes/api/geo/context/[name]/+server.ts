import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getPartnership, listContextLayers } from '$lib/server/estate';
import type { RequestHandler } from './$types';

/** One basemap context layer (boundary, wards_2023, greenspace_sites …) as GeoJSON, for the map. */
export const GET: RequestHandler = ({ params, setHeaders }) => {
	const db = getDb();
	const layers = listContextLayers(db, getPartnership(db).id);
	const layer = layers.find((l) => l.name === params.name);
	if (!layer) error(404, `No context layer "${params.name}"; there are: ${layers.map((l) => l.name).join(', ')}.`);
	setHeaders({ 'cache-control': 'private, max-age=300' });
	return json(layer.geojson);
};
