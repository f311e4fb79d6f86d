/**
 * What restore and migrate-db need to know about drizzle's migration record, for either dialect:
 * how many of this version's migrations a database has applied, and this version's migrations cut
 * at a level, to build the schema an older backup should have.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';

export interface AppliedMigration {
	hash: string;
	createdAt: number | string;
}

/**
 * How many of the migrations in `folder` the record `applied` (oldest first) holds. It must be
 * exactly the first N, same hashes in the same order: anything else is a different lineage or a
 * newer Hubplan, whose schema could not be checked. `name` names the database in the message.
 */
export function appliedLevel(applied: AppliedMigration[], folder: string, name: string): number {
	const known = readMigrationFiles({ migrationsFolder: folder });
	if (applied.length > known.length) {
		throw new Error(`"${name}" comes from a newer Hubplan (${applied.length} migrations; this version knows ${known.length}). Upgrade Hubplan first.`);
	}
	applied.forEach((row, i) => {
		if (row.hash !== known[i].hash || Number(row.createdAt) !== known[i].folderMillis) {
			throw new Error(`"${name}" records migration ${i + 1} as ${row.hash.slice(0, 12)}…, which is not this Hubplan's migration ${i + 1} (${known[i].hash.slice(0, 12)}…).`);
		}
	});
	return applied.length;
}

/** How many migrations `folder` holds. */
export function migrationCount(folder: string): number {
	return readMigrationFiles({ migrationsFolder: folder }).length;
}

/**
 * A temporary migrations folder holding the first `level` migrations of `folder` (the journal cut
 * at `level`), for drizzle's migrator. The caller removes it when done.
 */
export function cutMigrations(folder: string, level: number): { folder: string; remove: () => void } {
	const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8'));
	const cut = fs.mkdtempSync(path.join(os.tmpdir(), 'hubplan-migrations-'));
	const remove = () => fs.rmSync(cut, { recursive: true, force: true });
	try {
		fs.mkdirSync(path.join(cut, 'meta'));
		const entries = journal.entries.slice(0, level) as { tag: string }[];
		fs.writeFileSync(path.join(cut, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
		for (const { tag } of entries) fs.copyFileSync(path.join(folder, `${tag}.sql`), path.join(cut, `${tag}.sql`));
	} catch (error) {
		remove();
		throw error;
	}
	return { folder: cut, remove };
}
