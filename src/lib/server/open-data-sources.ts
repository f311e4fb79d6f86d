/**
 * The pack's sources, one per `source` key of data/open-data-sources.json: who published each
 * dataset, its licence, date and attribution. Read once; the about page lists them and a
 * building's panel names its publisher instead of the dataset key.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface OpenDataSource {
	publisher: string;
	licence: string;
	as_of: string;
	from: string;
	attribution: string;
}

const SOURCES_FILE = path.resolve('data/open-data-sources.json');
let sources: Record<string, OpenDataSource> | null = null;

export function openDataSources(): Record<string, OpenDataSource> {
	sources ??= JSON.parse(fs.readFileSync(SOURCES_FILE, 'utf8')) as Record<string, OpenDataSource>;
	return sources;
}
